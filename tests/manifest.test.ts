// Offline checks of manifest.xml (the online `office-addin-manifest validate` cannot gate CI here).
//
// Every check is a function of the manifest's text. Each runs once on the real manifest (it must
// pass) and once on a copy broken on purpose, still well-formed XML (it must fail): so that no
// assertion passes vacuously.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const ROOT = path.join(__dirname, '..');
const MANIFEST_PATH = path.join(ROOT, 'manifest.xml');
const ASSETS = path.join(ROOT, 'assets');
const DEV_URL = 'https://localhost:3000/';

const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  overrides: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
};

// ---------------------------------------------------------------- a small element tree

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function toTree(items: Ordered[], parent: El): void {
  for (const item of items) {
    const name = Object.keys(item).find((k) => k !== ':@');
    if (name === undefined || name === '?xml') continue;
    if (name === '#text') {
      parent.text += String(item[name]);
      continue;
    }
    const el: El = { name, attrs: { ...(item[':@'] ?? {}) }, children: [], text: '' };
    toTree(item[name] as Ordered[], el);
    parent.children.push(el);
  }
}

function parseXml(xml: string): El {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  const doc: El = { name: '#document', attrs: {}, children: [], text: '' };
  toTree(parser.parse(xml) as Ordered[], doc);
  return doc;
}

function descendants(el: El): El[] {
  return el.children.flatMap((c) => [c, ...descendants(c)]);
}
const named = (el: El, name: string): El[] => descendants(el).filter((d) => d.name === name);
const kids = (el: El, name: string): El[] => el.children.filter((c) => c.name === name);

function one(list: El[], what: string): El {
  if (list.length !== 1) throw new Error(`expected exactly one ${what}, found ${list.length}`);
  return list[0];
}

// ---------------------------------------------------------------- the manifest's model

interface Resource {
  kind: 'Image' | 'Url' | 'ShortString' | 'LongString';
  id: string;
  value: string;
  overrides: string[];
}

interface Manifest {
  xml: string;
  root: El;
  resources: Resource[];
  resource(resid: string, kind: Resource['kind']): Resource;
}

function load(xml: string): Manifest {
  const root = one(parseXml(xml).children, 'root element');
  const resources: Resource[] = [];
  const lists: Array<[string, Resource['kind']]> = [
    ['bt:Images', 'Image'],
    ['bt:Urls', 'Url'],
    ['bt:ShortStrings', 'ShortString'],
    ['bt:LongStrings', 'LongString'],
  ];
  for (const resourcesEl of named(root, 'Resources')) {
    for (const [list, kind] of lists) {
      for (const listEl of kids(resourcesEl, list)) {
        for (const el of listEl.children) {
          resources.push({
            kind,
            id: el.attrs.id,
            value: el.attrs.DefaultValue,
            overrides: kids(el, 'bt:Override').map((o) => o.attrs.Value),
          });
        }
      }
    }
  }
  return {
    xml,
    root,
    resources,
    resource(resid, kind) {
      const found = resources.filter((r) => r.id === resid && r.kind === kind);
      if (found.length !== 1) throw new Error(`resid "${resid}" is not defined once as a ${kind} resource`);
      return found[0];
    },
  };
}

/** A child of <OfficeApp>. */
const top = (m: Manifest, name: string): El => one(kids(m.root, name), `<${name}> under <OfficeApp>`);
/** An element that occurs once in the whole manifest. */
const el1 = (m: Manifest, name: string): El => one(named(m.root, name), `<${name}>`);
const defaultValue = (m: Manifest, name: string): string => kids(m.root, name).map((e) => e.attrs.DefaultValue)[0];

/** The TabHome group of the desktop ribbon. */
function homeGroup(m: Manifest): El {
  const overrides = one(kids(m.root, 'VersionOverrides'), '<VersionOverrides>');
  const host = one(
    named(overrides, 'Host').filter((h) => h.attrs['xsi:type'] === 'Workbook'),
    'VersionOverrides host Workbook',
  );
  const surface = one(
    named(one(kids(host, 'DesktopFormFactor'), '<DesktopFormFactor>'), 'ExtensionPoint').filter(
      (e) => e.attrs['xsi:type'] === 'PrimaryCommandSurface',
    ),
    'PrimaryCommandSurface',
  );
  const tab = one(
    kids(surface, 'OfficeTab').filter((t) => t.attrs.id === 'TabHome'),
    'OfficeTab TabHome',
  );
  return one(kids(tab, 'Group'), 'group in TabHome');
}

function pngSize(file: string): { width: number; height: number } {
  const head = fs.readFileSync(file).subarray(0, 24);
  expect(head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(head.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/** The file in assets/ that an icon URL designates. */
function assetFile(url: string): string {
  expect(url.startsWith(`${DEV_URL}assets/`)).toBe(true);
  const rel = url.slice(`${DEV_URL}assets/`.length);
  expect(rel).toMatch(/^[a-z0-9-]+\.png$/);
  const file = path.join(ASSETS, rel);
  expect(fs.existsSync(file)).toBe(true);
  return file;
}

function expectIcon(url: string, size: number): void {
  expect({ url, ...pngSize(assetFile(url)) }).toEqual({ url, width: size, height: size });
}

// ---------------------------------------------------------------- the checks

const URL_ELEMENTS = ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl'];
const RESID_KINDS: Record<string, Resource['kind']> = {
  'bt:Image': 'Image',
  Label: 'ShortString',
  Title: 'ShortString',
  Description: 'LongString',
  SourceLocation: 'Url',
  FunctionFile: 'Url',
  LearnMoreUrl: 'Url',
};
/** Children of <OfficeApp> in the order of the schema's sequence (TaskPaneApp). */
const OFFICE_APP_ORDER = [
  'Id',
  'AlternateId',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'AppDomains',
  'Hosts',
  'Requirements',
  'DefaultSettings',
  'Permissions',
  'Dictionary',
  'VersionOverrides',
];

const checks: Record<string, (xml: string) => void> = {
  'is well-formed XML': (xml) => {
    expect(XMLValidator.validate(xml)).toBe(true);
  },

  'has the root OfficeApp, TaskPaneApp, with the right namespaces': (xml) => {
    const { root } = load(xml);
    expect(root.name).toBe('OfficeApp');
    expect(root.attrs.xmlns).toBe(NS.app);
    expect(root.attrs['xmlns:xsi']).toBe(NS.xsi);
    expect(root.attrs['xmlns:bt']).toBe(NS.bt);
    expect(root.attrs['xsi:type']).toBe('TaskPaneApp');
    const overrides = one(kids(root, 'VersionOverrides'), '<VersionOverrides>');
    expect(overrides.attrs.xmlns).toBe(NS.overrides);
    expect(overrides.attrs['xsi:type']).toBe('VersionOverridesV1_0');
  },

  'has its children in the schema order': (xml) => {
    const names = load(xml).root.children.map((c) => c.name);
    for (const name of names) expect(OFFICE_APP_ORDER).toContain(name);
    const positions = names.map((n) => OFFICE_APP_ORDER.indexOf(n));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(names).size).toBe(names.length);
  },

  'has a GUID as Id': (xml) => {
    expect(top(load(xml), 'Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  },

  'has a four-part Version': (xml) => {
    expect(top(load(xml), 'Version').text).toMatch(/^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/);
  },

  'is in French: DefaultLocale fr-FR, display name and provider': (xml) => {
    const m = load(xml);
    expect(top(m, 'DefaultLocale').text).toBe('fr-FR');
    expect(defaultValue(m, 'DisplayName')).toBe('Suivi ESS');
    expect(top(m, 'ProviderName').text).toBe('Suivi ESS');
    expect(defaultValue(m, 'Description')).toMatch(/convention/);
  },

  'asks for ReadWriteDocument and nothing more': (xml) => {
    const permissions = kids(load(xml).root, 'Permissions');
    expect(permissions.map((p) => p.text)).toEqual(['ReadWriteDocument']);
  },

  'runs in Excel and requires ExcelApi 1.7': (xml) => {
    const m = load(xml);
    expect(kids(top(m, 'Hosts'), 'Host').map((h) => h.attrs.Name)).toEqual(['Workbook']);
    const requirements = one(kids(m.root, 'Requirements'), '<Requirements>');
    const sets = one(kids(requirements, 'Sets'), '<Sets>');
    expect(sets.attrs.DefaultMinVersion).toMatch(/^\d+\.\d+$/);
    const excel = one(
      kids(sets, 'Set').filter((s) => s.attrs.Name === 'ExcelApi'),
      'ExcelApi set',
    );
    expect(excel.attrs.MinVersion).toBe('1.7');
  },

  'uses https for every URL': (xml) => {
    const m = load(xml);
    const values: string[] = [];
    for (const el of [m.root, ...descendants(m.root)]) {
      for (const [name, value] of Object.entries(el.attrs)) {
        if (name !== 'xmlns' && !name.startsWith('xmlns:')) values.push(value);
      }
      values.push(el.text);
    }
    const urls = values.filter((v) => /^[a-z][a-z0-9+.-]*:\/\/|^\/\//i.test(v.trim()));
    expect(urls.length).toBeGreaterThanOrEqual(15);
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^\s/]+\//);
    // Elements whose value must be a URL (a relative path would not do either).
    const mustBeUrls = [
      ...URL_ELEMENTS.map((n) => defaultValue(m, n)),
      kids(top(m, 'DefaultSettings'), 'SourceLocation')[0]?.attrs.DefaultValue,
      ...m.resources.filter((r) => r.kind === 'Url' || r.kind === 'Image').flatMap((r) => [r.value, ...r.overrides]),
    ];
    for (const url of mustBeUrls) expect(url).toMatch(/^https:\/\/[^\s/]+\//);
  },

  'points every icon at a PNG of assets/ of the declared size': (xml) => {
    const m = load(xml);
    expectIcon(defaultValue(m, 'IconUrl'), 32);
    expectIcon(defaultValue(m, 'HighResolutionIconUrl'), 64);
    const iconLists = named(m.root, 'Icon');
    expect(iconLists.length).toBe(4); // the group and its three buttons
    for (const icon of iconLists) {
      const images = kids(icon, 'bt:Image');
      expect(images.map((i) => Number(i.attrs.size)).sort((a, b) => a - b)).toEqual([16, 32, 80]);
      for (const image of images) expectIcon(m.resource(image.attrs.resid, 'Image').value, Number(image.attrs.size));
    }
    for (const image of m.resources.filter((r) => r.kind === 'Image')) assetFile(image.value);
  },

  'has unique resource ids of at most 32 characters': (xml) => {
    const m = load(xml);
    const ids = m.resources.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^.{1,32}$/);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // Ids of the group and the controls: unique and short strings too.
    const uiIds = [...named(m.root, 'Group'), ...named(m.root, 'Control')].map((e) => e.attrs.id);
    for (const id of uiIds) expect(id).toMatch(/^.{1,125}$/);
    expect(new Set(uiIds).size).toBe(uiIds.length);
  },

  'keeps short strings within 125 characters and long strings within 250': (xml) => {
    const m = load(xml);
    const short = m.resources.filter((r) => r.kind === 'ShortString');
    const long = m.resources.filter((r) => r.kind === 'LongString');
    expect(short.length).toBeGreaterThan(0);
    expect(long.length).toBeGreaterThan(0);
    const within = (max: number) => (s: string) => expect({ s, ok: s.length >= 1 && s.length <= max }).toEqual({ s, ok: true });
    short.flatMap((r) => [r.value, ...r.overrides]).forEach(within(125));
    long.flatMap((r) => [r.value, ...r.overrides]).forEach(within(250));
    [defaultValue(m, 'DisplayName'), top(m, 'ProviderName').text].forEach(within(125));
    within(250)(defaultValue(m, 'Description'));
  },

  'defines every resid it references, with the right kind': (xml) => {
    const m = load(xml);
    const references = descendants(m.root).filter((e) => e.attrs.resid !== undefined);
    expect(references.length).toBeGreaterThan(20);
    for (const ref of references) {
      const kind = RESID_KINDS[ref.name];
      expect({ element: ref.name, known: kind !== undefined }).toEqual({ element: ref.name, known: true });
      expect(m.resource(ref.attrs.resid, kind).value.length).toBeGreaterThan(0);
    }
  },

  'adds a « Suivi ESS » group to the Home tab': (xml) => {
    const m = load(xml);
    const group = homeGroup(m);
    expect(m.resource(one(kids(group, 'Label'), 'group label').attrs.resid, 'ShortString').value).toBe('Suivi ESS');
    expect(kids(group, 'Icon')).toHaveLength(1);
  },

  'has the three buttons: open the pane, validate, consolidate': (xml) => {
    const m = load(xml);
    const text = (el: El, kind: Resource['kind']) => m.resource(el.attrs.resid, kind).value;
    const controls = kids(homeGroup(m), 'Control');
    expect(controls.map((c) => text(one(kids(c, 'Label'), 'label'), 'ShortString'))).toEqual(['Ouvrir le volet', 'Valider', 'Consolider']);
    for (const control of controls) {
      expect(control.attrs['xsi:type']).toBe('Button');
      const tip = one(kids(control, 'Supertip'), 'Supertip');
      expect(text(one(kids(tip, 'Title'), 'Supertip title'), 'ShortString').length).toBeGreaterThan(0);
      expect(text(one(kids(tip, 'Description'), 'Supertip description'), 'LongString').length).toBeGreaterThan(20);
    }
    const [open, validate, consolidate] = controls.map((c) => one(kids(c, 'Action'), 'Action'));
    expect(open.attrs['xsi:type']).toBe('ShowTaskpane');
    expect(one(kids(open, 'TaskpaneId'), 'TaskpaneId').text).toBe('ButtonId1');
    const taskpane = `${DEV_URL}taskpane.html`;
    expect(text(one(kids(open, 'SourceLocation'), 'SourceLocation'), 'Url')).toBe(taskpane);
    expect(kids(top(m, 'DefaultSettings'), 'SourceLocation')[0]?.attrs.DefaultValue).toBe(taskpane);
    const functionName = (action: El) => {
      expect(action.attrs['xsi:type']).toBe('ExecuteFunction');
      return one(kids(action, 'FunctionName'), 'FunctionName').text;
    };
    expect(functionName(validate)).toBe('validateWorkbook');
    expect(functionName(consolidate)).toBe('consolidateWorkbook');
    expect(text(el1(m, 'FunctionFile'), 'Url')).toBe(`${DEV_URL}ribbon.html`);
  },

  'serves every URL from the development server, so that ADDIN_URL rewrites them all': (xml) => {
    const urls = xml.match(/https?:\/\/[^"'<\s]+/g) ?? [];
    const own = urls.filter((u) => !Object.values(NS).includes(u));
    expect(own.length).toBeGreaterThanOrEqual(15);
    for (const url of own) expect(url.startsWith(DEV_URL)).toBe(true);
  },
};

// ---------------------------------------------------------------- how to break each check

/** Replaces the one occurrence of `from`: throws if it is missing, or ambiguous (a string found twice). */
function replaceOnce(xml: string, from: string | RegExp, to: string): string {
  const count = typeof from === 'string' ? xml.split(from).length - 1 : (xml.match(new RegExp(from, 'g')) ?? []).length;
  if (count < 1) throw new Error(`mutation target not found: ${from}`);
  if (typeof from === 'string' && count > 1) throw new Error(`mutation target found ${count} times: ${from}`);
  return xml.replace(from, to);
}
const replaceAll = (xml: string, from: string, to: string): string => {
  if (!xml.includes(from)) throw new Error(`mutation target not found: ${from}`);
  return xml.split(from).join(to);
};

const breakages: Array<[string, string, (xml: string) => string]> = [
  ['is well-formed XML', 'an unclosed element', (x) => replaceOnce(x, '</Permissions>', '')],
  [
    'has the root OfficeApp, TaskPaneApp, with the right namespaces',
    'a content add-in',
    (x) => replaceOnce(x, 'xsi:type="TaskPaneApp"', 'xsi:type="ContentApp"'),
  ],
  [
    'has the root OfficeApp, TaskPaneApp, with the right namespaces',
    'schema 1.0',
    (x) => replaceOnce(x, NS.app, 'http://schemas.microsoft.com/office/appforoffice/1.0'),
  ],
  [
    'has the root OfficeApp, TaskPaneApp, with the right namespaces',
    'overrides V1_1',
    (x) => replaceOnce(x, '"VersionOverridesV1_0"', '"VersionOverridesV1_1"'),
  ],
  [
    'has its children in the schema order',
    'Permissions before DefaultSettings',
    (x) => {
      const permissions = '  <Permissions>ReadWriteDocument</Permissions>\n';
      return replaceOnce(replaceOnce(x, permissions, ''), '  <DefaultSettings>', `${permissions}  <DefaultSettings>`);
    },
  ],
  ['has a GUID as Id', 'a name as Id', (x) => replaceOnce(x, /<Id>[^<]*<\/Id>/, '<Id>suivi-ess</Id>')],
  ['has a four-part Version', 'a three-part version', (x) => replaceOnce(x, '<Version>1.0.0.0</Version>', '<Version>1.0.0</Version>')],
  [
    'is in French: DefaultLocale fr-FR, display name and provider',
    'en-US',
    (x) => replaceOnce(x, '<DefaultLocale>fr-FR<', '<DefaultLocale>en-US<'),
  ],
  ['asks for ReadWriteDocument and nothing more', 'ReadAllDocument', (x) => replaceOnce(x, '>ReadWriteDocument<', '>ReadAllDocument<')],
  [
    'asks for ReadWriteDocument and nothing more',
    'two Permissions',
    (x) =>
      replaceOnce(
        x,
        '<Permissions>ReadWriteDocument</Permissions>',
        '<Permissions>ReadWriteDocument</Permissions><Permissions>ReadWriteDocument</Permissions>',
      ),
  ],
  ['runs in Excel and requires ExcelApi 1.7', 'WordApi', (x) => replaceOnce(x, 'Name="ExcelApi"', 'Name="WordApi"')],
  ['runs in Excel and requires ExcelApi 1.7', 'ExcelApi 1.1', (x) => replaceOnce(x, 'MinVersion="1.7"', 'MinVersion="1.1"')],
  [
    'uses https for every URL',
    'an http function file',
    (x) => replaceOnce(x, '"https://localhost:3000/ribbon.html"', '"http://localhost:3000/ribbon.html"'),
  ],
  [
    'uses https for every URL',
    'a relative icon URL',
    (x) => replaceOnce(x, '"https://localhost:3000/assets/icon-64.png"', '"assets/icon-64.png"'),
  ],
  [
    'points every icon at a PNG of assets/ of the declared size',
    'an 80 px slot with a 64 px icon',
    (x) => replaceOnce(x, 'assets/valider-80.png', 'assets/icon-64.png'),
  ],
  [
    'points every icon at a PNG of assets/ of the declared size',
    'a missing file',
    (x) => replaceOnce(x, 'assets/consolider-16.png', 'assets/consolider-17.png'),
  ],
  [
    'points every icon at a PNG of assets/ of the declared size',
    'IconUrl at 64 px',
    (x) =>
      replaceOnce(
        x,
        '<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"',
        '<IconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"',
      ),
  ],
  [
    'points every icon at a PNG of assets/ of the declared size',
    'no 80 px image in a button',
    (x) => replaceOnce(x, /\s*<bt:Image size="80" resid="Validate\.80x80"\/>/, ''),
  ],
  [
    'has unique resource ids of at most 32 characters',
    'a 33-character id',
    (x) => replaceAll(x, '"Consolidate.TipText"', '"Consolidate.TipText.ABCDEFGHIJKLMN"'),
  ],
  [
    'has unique resource ids of at most 32 characters',
    'a duplicated id',
    (x) => replaceOnce(x, ' id="Validate.Label"', ' id="Group.Label"'),
  ],
  [
    'has unique resource ids of at most 32 characters',
    'a duplicated control id',
    (x) => replaceOnce(x, 'id="SuiviEss.Validate"', 'id="SuiviEss.OpenPane"'),
  ],
  [
    'keeps short strings within 125 characters and long strings within 250',
    'a 126-character label',
    (x) => replaceOnce(x, 'DefaultValue="Valider"', `DefaultValue="${'V'.repeat(126)}"`),
  ],
  [
    'keeps short strings within 125 characters and long strings within 250',
    'a 251-character tip',
    (x) => replaceOnce(x, /(id="Validate\.TipText" DefaultValue=")[^"]*"/, `$1${'x'.repeat(251)}"`),
  ],
  [
    'keeps short strings within 125 characters and long strings within 250',
    'a 251-character description',
    (x) => replaceOnce(x, /(<Description DefaultValue=")[^"]*"/, `$1${'x'.repeat(251)}"`),
  ],
  [
    'defines every resid it references, with the right kind',
    'an undefined resid',
    (x) => replaceOnce(x, 'resid="OpenPane.TipTitle"', 'resid="OpenPane.Missing"'),
  ],
  [
    'defines every resid it references, with the right kind',
    'a label pointing at a long string',
    (x) => replaceOnce(x, '<Label resid="Validate.Label"/>', '<Label resid="Validate.TipText"/>'),
  ],
  ['adds a « Suivi ESS » group to the Home tab', 'the Data tab', (x) => replaceOnce(x, 'id="TabHome"', 'id="TabData"')],
  [
    'adds a « Suivi ESS » group to the Home tab',
    'another group label',
    (x) => replaceOnce(x, 'id="Group.Label" DefaultValue="Suivi ESS"', 'id="Group.Label" DefaultValue="Suivi"'),
  ],
  [
    'has the three buttons: open the pane, validate, consolidate',
    'an English label',
    (x) => replaceOnce(x, 'DefaultValue="Consolider"', 'DefaultValue="Consolidate"'),
  ],
  [
    'has the three buttons: open the pane, validate, consolidate',
    'another function name',
    (x) => replaceOnce(x, '>validateWorkbook<', '>validate<'),
  ],
  [
    'has the three buttons: open the pane, validate, consolidate',
    'another function name',
    (x) => replaceOnce(x, '>consolidateWorkbook<', '>consolidate<'),
  ],
  ['has the three buttons: open the pane, validate, consolidate', 'another task pane id', (x) => replaceOnce(x, '>ButtonId1<', '>Pane1<')],
  [
    'has the three buttons: open the pane, validate, consolidate',
    'the pane opened by a function',
    (x) => replaceOnce(x, 'xsi:type="ShowTaskpane"', 'xsi:type="ExecuteFunction"'),
  ],
  [
    'serves every URL from the development server, so that ADDIN_URL rewrites them all',
    'another host',
    (x) => replaceOnce(x, 'https://localhost:3000/assets/aide.html"/>\n  <Hosts>', 'https://example.org/aide.html"/>\n  <Hosts>'),
  ],
];

// ---------------------------------------------------------------- the tests

describe('manifest.xml', () => {
  const xml = fs.readFileSync(MANIFEST_PATH, 'utf8');

  describe.each(Object.keys(checks))('%s', (name) => {
    test('holds for manifest.xml', () => {
      checks[name](xml);
    });

    const ways = breakages.filter(([check]) => check === name);
    test('has a way to fail', () => {
      expect(ways.length).toBeGreaterThan(0);
    });
    test.each(ways.map(([, how, mutate]) => [how, mutate] as const))('fails on %s', (_how, mutate) => {
      const broken = mutate(xml);
      expect(broken).not.toBe(xml);
      if (name !== 'is well-formed XML') expect(XMLValidator.validate(broken)).toBe(true);
      expect(() => checks[name](broken)).toThrow();
    });
  });

  test('every breakage names an existing check', () => {
    for (const [check] of breakages) expect(Object.keys(checks)).toContain(check);
  });

  test('the build rewrites every URL to ADDIN_URL', () => {
    // webpack.config.js is plain JavaScript (no types): required, not imported.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../webpack.config.js') as {
      rewriteManifest(xml: string, url: string): string;
      normalizeAddinUrl(url?: string): string;
    };
    const url = config.normalizeAddinUrl('https://addin.example.org/suivi-ess');
    expect(url).toBe('https://addin.example.org/suivi-ess/');
    expect(config.normalizeAddinUrl(undefined)).toBe(DEV_URL);
    expect(() => config.normalizeAddinUrl('http://addin.example.org/')).toThrow();
    const rewritten = config.rewriteManifest(xml, url);
    expect(rewritten).not.toMatch(/https?:\/\/localhost/);
    checks['is well-formed XML'](rewritten);
    checks['uses https for every URL'](rewritten);
    const m = load(rewritten);
    expect(defaultValue(m, 'IconUrl')).toBe(`${url}assets/icon-32.png`);
    expect(m.resource('Ribbon.Url', 'Url').value).toBe(`${url}ribbon.html`);
  });

  test('the icons in assets/ are the ones scripts/make-icons.js draws', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'make-icons.js'), '--check'], { stdio: 'pipe' });
  });
});
