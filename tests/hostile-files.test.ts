/**
 * Hostile and odd files, through the command line run in-process (issue 8, « Reading files »):
 * a workbook made by `init --example` (or a filled report), turned part by part into what a
 * tool, a slip or an attacker could leave in it. Each case ends with the right figures or one
 * French sentence naming the file, exit 2, no English, no stack trace. The same reader reads
 * report files in the task pane (tests/e2e/import.test.ts).
 */
import { execFileSync } from 'child_process';
import { closeSync, openSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'fs';
import * as path from 'path';
import { readFileLimited } from '../src/adapters/node/files';
import { SheetBuilder } from '../src/core/layout/builder';
import { ENTRY_ROWS } from '../src/core/layout/input-sheets';
import { cli, tempDir } from './support/files';
import { convertRecalculated } from './support/libreoffice';
import { filledReport, REPORT_A, REPORT_B } from './support/reports';
import { spaced } from './support/text';
import { entryText, makeZip, patchZip, unzip } from './support/zip';

const GRID_ROWS = 1_048_576;
const tmp = tempDir('hostile');
let example: Buffer;

beforeAll(async () => {
  const file = tmp.file('exemple.xlsx');
  expect((await cli('init', '--framework', 'rhone-alpes-ces-2014-2016', '--example', '-o', file)).code).toBe(0);
  example = readFileSync(file);
});
afterAll(() => tmp.cleanup());

function save(name: string, bytes: Buffer): string {
  const file = tmp.file(name);
  writeFileSync(file, bytes);
  return file;
}

/** The part of a sheet, from the workbook and its relationships. */
function sheetPart(zip: Buffer, name: string): string {
  const id = new RegExp(`<sheet name="${name}" sheetId="\\d+" r:id="(rId\\d+)"`).exec(entryText(zip, 'xl/workbook.xml'))![1];
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(entryText(zip, 'xl/_rels/workbook.xml.rels'))![1];
  return 'xl/' + target;
}

/** The part of a table, by its name. */
function tablePart(zip: Buffer, table: string): string {
  return unzip(zip).find((e) => e.name.startsWith('xl/tables/') && e.data.toString('utf8').includes(`name="${table}"`))!.name;
}

/** Where a table sits, from its part's ref: `A5:N47` gives left A, top 5, right N, bottom 47. */
function geometry(zip: Buffer, table: string): { ref: string; left: string; top: number; right: string; bottom: number } {
  const m = /ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/.exec(entryText(zip, tablePart(zip, table)))!;
  return { ref: `${m[1]}${m[2]}:${m[3]}${m[4]}`, left: m[1], top: Number(m[2]), right: m[3], bottom: Number(m[4]) };
}

/** A table part with its range changed. */
const withRef = (from: string, to: string) => (t: string) => t.split(`ref="${from}"`).join(`ref="${to}"`);

/** A cell's element in a sheet part, `<c r="D6" …>…</c>` (or empty `<c …/>`). */
function cellElement(xml: string, ref: string): string {
  const m = new RegExp(`<c r="${ref}"(?: [^>]*?)?(?:/>|>.*?</c>)`).exec(xml);
  if (!m) throw new Error(`no cell ${ref}`);
  return m[0];
}

/** A row's element in a sheet part. */
function rowElement(xml: string, row: number): string {
  const m = new RegExp(`<row r="${row}"[^>]*>.*?</row>`).exec(xml);
  if (!m) throw new Error(`no row ${row}`);
  return m[0];
}

/** A row's element moved to another row number (its cells' references follow). */
const movedRow = (row: string, from: number, to: number) =>
  row.replace(`<row r="${from}"`, `<row r="${to}"`).replace(new RegExp(`r="([A-Z]+)${from}"`, 'g'), `r="$1${to}"`);

/** English a user must never read (Node's, zod's, JavaScript's words). */
const ENGLISH =
  /\b(the|is|not|of|must|cannot|invalid|error|buffer|string|length|undefined|null|array|input|expected|received|Infinity|NaN)\b/i;

/** Exit 2, nothing on stdout, one French line on stderr holding every fragment. */
function expectRefusal(r: { code: number; out: string; err: string }, ...fragments: string[]): void {
  expect(r.out).toBe('');
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.err).not.toMatch(ENGLISH);
  for (const f of fragments) expect(r.err).toContain(f);
  expect(r.code).toBe(2);
}

// ---------------------------------------------------------------------------------------------

describe('1. a table’s declared range sizes nothing', () => {
  test.each([
    ['rows', (g: ReturnType<typeof geometry>) => `${g.left}${g.top}:${g.right}100000000`],
    ['more rows than a number holds', (g: ReturnType<typeof geometry>) => `${g.left}${g.top}:${g.right}99999999999`],
    ['columns', (g: ReturnType<typeof geometry>) => `${g.left}${g.top}:XFE${g.bottom}`],
  ])('tblEngagements declared past the grid (%s): refused in one French sentence', async (_what, refOf) => {
    const g = geometry(example, 'tblEngagements');
    const ref = refOf(g);
    const file = save(
      `plage-${ref.replace(':', '-')}.xlsx`,
      patchZip(example, { [tablePart(example, 'tblEngagements')]: withRef(g.ref, ref) }),
    );
    const r = await cli('validate', file);
    expectRefusal(r, path.basename(file), 'tblEngagements', '« Engagements »', ref, 'grille', '1 048 576');
  });

  test('in an import, a report declared past the grid is refused alone; one declared over the whole sheet is read by its cells', async () => {
    const good = save('bilan-bon.xlsx', await filledReport('I_1.2', 2014, REPORT_A));
    const other = save('bilan-autre.xlsx', await filledReport('II_1.1', 2015, REPORT_B));
    const pastBase = await filledReport('II_1.1', 2014, REPORT_B);
    const pastGeo = geometry(pastBase, 'tblValeurs');
    const past = save(
      'bilan-hors-grille.xlsx',
      patchZip(pastBase, {
        [tablePart(pastBase, 'tblValeurs')]: withRef(pastGeo.ref, `${pastGeo.left}${pastGeo.top}:${pastGeo.right}99999999999`),
      }),
    );
    const wholeBase = await filledReport('I_1.2', 2016, REPORT_A);
    const wholeGeo = geometry(wholeBase, 'tblValeurs');
    const whole = save(
      'bilan-feuille-entiere.xlsx',
      patchZip(wholeBase, {
        [tablePart(wholeBase, 'tblValeurs')]: withRef(wholeGeo.ref, `${wholeGeo.left}${wholeGeo.top}:XFD${GRID_ROWS}`),
      }),
    );
    const workbook = save('classeur-import.xlsx', example);
    const start = Date.now();
    const r = await cli('import', workbook, good, past, whole, other, '-o', tmp.file('avec-bilans.xlsx'));
    expect(Date.now() - start).toBeLessThan(30_000);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/bilan-bon\.xlsx \(I_1\.2, Association A \(fictive\), 2014\) : importé, 5 ligne/);
    expect(r.out).toMatch(/bilan-autre\.xlsx \(II_1\.1, Association B \(fictive\), 2015\) : importé, 3 ligne/);
    expect(r.out).toMatch(/bilan-feuille-entiere\.xlsx \(I_1\.2, Association A \(fictive\), 2016\) : importé/);
    const refused = r.out.split('\n').find((l) => l.includes('bilan-hors-grille.xlsx'))!;
    expect(refused).toMatch(
      new RegExp(
        `: refusé — Le fichier « bilan-hors-grille\\.xlsx » .*tblValeurs.*« Bilan ».*${pastGeo.left}${pastGeo.top}:${pastGeo.right}99999999999.*grille`,
      ),
    );
    expect(refused).not.toMatch(ENGLISH);
    expect(r.out).toContain('(3 importé(s), 1 refusé(s)');
    expect(r.code).toBe(1);
  });
});

describe('2. tables over whole columns (Ctrl+T on columns)', () => {
  test('consolidate copies the real rows only, with entry rows and dropdowns inside the grid, quickly', async () => {
    const whole = (table: string) => {
      const g = geometry(example, table);
      return { [tablePart(example, table)]: withRef(g.ref, `${g.left}${g.top}:${g.right}${GRID_ROWS}`) };
    };
    const file = save('colonnes-entieres.xlsx', patchZip(example, { ...whole('tblEngagements'), ...whole('tblBilans') }));
    expect((await cli('validate', file)).out).toContain('0 erreur(s)');
    const out = tmp.file('colonnes-entieres-consolide.xlsx');
    const start = Date.now();
    const r = await cli('consolidate', file, '-o', out);
    expect(r.code).toBe(0);
    expect(Date.now() - start).toBeLessThan(15_000);
    const z = readFileSync(out);
    expect(z.length).toBeLessThan(3 * example.length);
    for (const [table, sheet] of [
      ['tblEngagements', 'Engagements'],
      ['tblBilans', 'Bilans'],
    ]) {
      // The table keeps the example's rows, and nothing is written past its 500 entry rows.
      const ref = /ref="([A-Z]+\d+:[A-Z]+\d+)"/.exec(entryText(example, tablePart(example, table)))![1];
      expect(entryText(z, tablePart(z, table))).toContain(`ref="${ref}"`);
      const last = Number(/\d+$/.exec(ref)![0]);
      const xml = entryText(z, sheetPart(z, sheet));
      const rows = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
      expect(Math.max(...rows)).toBeLessThanOrEqual(last + ENTRY_ROWS);
      const refs = [...xml.matchAll(/sqref="[A-Z]+\d+:[A-Z]+(\d+)"/g)].map((m) => Number(m[1]));
      expect(refs.length).toBeGreaterThan(0);
      expect(Math.max(...refs)).toBeLessThanOrEqual(last + ENTRY_ROWS);
    }
  });

  test('entry rows, formats and dropdowns stop at the grid’s last row', () => {
    const b = new SheetBuilder('Bas', false);
    for (let i = 0; i < GRID_ROWS - 20; i++) b.blank();
    const t = b.table('tblBas', [{ header: 'Code', format: 'text', validation: { list: ['A', 'B'] } }], [['A'], ['B']], {
      extraRows: ENTRY_ROWS,
    });
    const sheet = b.build();
    const first = t.headerRow + 1;
    expect(sheet.formats.map((f) => f.ref)).toEqual([`A${first}:A${GRID_ROWS}`]);
    expect(sheet.validations.map((v) => v.ref)).toEqual([`A${first}:A${GRID_ROWS}`]);
    expect(t.columnRange('Code', ENTRY_ROWS)).toBe(`'Bas'!$A$${first}:$A$${GRID_ROWS}`);
  });
});

describe('3. rows inside comments, processing instructions or CDATA are not rows', () => {
  const hide: Record<string, (row: string) => string> = {
    comment: (row) => `<!-- ${row} -->`,
    'processing instruction': (row) => `<?suivi ${row} ?>`,
    CDATA: (row) => `<![CDATA[${row}]]>`,
  };

  test.each(Object.keys(hide))('a row inside a %s does not count: the 100 000 € it hides are reported missing', async (kind) => {
    // Région 2014: the first commitment lowered by 100 000 €, and a hidden row inside the
    // table's range (grown by one row) that would make up for them.
    const g = geometry(example, 'tblEngagements');
    const first = g.top + 1;
    const below = g.bottom + 1;
    const patched = patchZip(example, {
      [sheetPart(example, 'Engagements')]: (x) => {
        const row = rowElement(x, first);
        const amount = cellElement(row, `D${first}`);
        const v = Number(/<v>([^<]+)<\/v>/.exec(amount)![1]);
        expect(v).toBeGreaterThan(100000);
        const lowered = row.replace(amount, amount.replace(`<v>${v}</v>`, `<v>${v - 100000}</v>`));
        const hidden = movedRow(row.replace(amount, amount.replace(`<v>${v}</v>`, '<v>100000</v>')), first, below);
        // The first of the entry rows under the table holds only styles: replaced.
        return x.replace(row, lowered).replace(rowElement(x, below), hide[kind](hidden));
      },
      [tablePart(example, 'tblEngagements')]: withRef(g.ref, `${g.left}${g.top}:${g.right}${below}`),
    });
    const r = await cli('validate', save(`cache-${kind.replace(/ /g, '-')}.xlsx`, patched));
    expect(r.out).not.toContain('Aucune anomalie');
    expect(r.out).toMatch(/REGION +2014 +convention 2 387 500,00 € \(ferme\), engagé 2 287 500,00 €, écart -100 000,00 €/);
    expect(r.code).toBe(1);
  });

  test('LibreOffice does not see them either (a hand-built sheet, converted to CSV)', () => {
    const cell = (ref: string, v: string) => `<c r="${ref}"><v>${v}</v></c>`;
    const sheet =
      '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Montant</t></is></c></row>` +
      `<row r="2">${cell('A2', '10')}</row>` +
      `<!-- <row r="3">${cell('A3', '100000')}</row> -->` +
      `<?suivi <row r="4">${cell('A4', '200000')}</row> ?>` +
      `<![CDATA[<row r="5">${cell('A5', '300000')}</row>]]>` +
      `<row r="6">${cell('A6', '20')}</row>` +
      '</sheetData></worksheet>';
    const NS = 'http://schemas.openxmlformats.org';
    const zip = makeZip([
      {
        name: '[Content_Types].xml',
        data:
          `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${NS}/package/2006/content-types">` +
          `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
          `<Default Extension="xml" ContentType="application/xml"/>` +
          `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
          `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
          `</Types>`,
      },
      {
        name: '_rels/.rels',
        data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      },
      {
        name: 'xl/workbook.xml',
        data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="Montants" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ]);
    const file = save('montants-caches.xlsx', zip);
    const outDir = tmp.file('csv');
    execFileSync('mkdir', ['-p', outDir]);
    const csv = readFileSync(convertRecalculated(file, 'csv', outDir, tmp.file('lo')), 'utf8');
    expect(csv.trim().split(/\r?\n/)).toEqual(['Montant', '10', '', '', '', '20']);
  }, 120_000);
});

describe('4. only regular files, read up to their limit counted on the bytes read', () => {
  test('a FIFO is refused at once, without waiting for a writer', async () => {
    const fifo = tmp.file('tube.xlsx');
    execFileSync('mkfifo', [fifo]);
    expectRefusal(await cli('validate', fifo), '« ' + fifo + ' »', 'n’est pas un fichier ordinaire');
  });

  test('a link to /dev/zero is refused (it would never end)', async () => {
    const link = tmp.file('zero.xlsx');
    symlinkSync('/dev/zero', link);
    expectRefusal(await cli('validate', link), '« ' + link + ' »', 'n’est pas un fichier ordinaire');
    const r = await cli('import', save('classeur-zero.xlsx', example), link, '-o', tmp.file('sortie-zero.xlsx'));
    expect(r.out).toMatch(/zero\.xlsx : refusé — .*n’est pas un fichier ordinaire/);
  });

  test('a file longer than its size says (it grows, or /proc) is cut at the limit of bytes actually read', async () => {
    const proc = '/proc/self/maps';
    expect(statSync(proc).size).toBe(0);
    expect(readFileSync(proc).length).toBeGreaterThan(64);
    const refusal = await readFileLimited(proc, 64, 'Le fichier « maps »').then(
      () => '',
      (e: Error) => spaced(e.message),
    );
    expect(refusal).toMatch(
      /^Le fichier « maps » dépasse la limite de 64 octets fixée pour ce fichier alors que sa taille annoncée était moindre/,
    );
    // Under the limit, it is read whole.
    expect((await readFileLimited(proc, 1 << 20, 'Le fichier « maps »')).length).toBeGreaterThan(64);
  });

  test('the workbook’s size limit is checked before it is read: a 3 GB file (past Node’s ERR_FS_FILE_TOO_LARGE) is refused at once', async () => {
    const big = tmp.file('enorme.xlsx');
    closeSync(openSync(big, 'w'));
    execFileSync('truncate', ['-s', '3G', big]);
    const start = Date.now();
    expectRefusal(await cli('validate', big), '« enorme.xlsx »', 'limite', 'n’a pas été lu');
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe('5. values that were silently wrong or lost', () => {
  /** The example with one more cell style, showing dates (built-in format 14), and its index. */
  function withDateStyle(zip: Buffer): { patches: Record<string, (t: string) => string>; style: number } {
    const count = Number(/<cellXfs count="(\d+)"/.exec(entryText(zip, 'xl/styles.xml'))![1]);
    return {
      style: count,
      patches: {
        'xl/styles.xml': (t) =>
          t
            .replace(`<cellXfs count="${count}"`, `<cellXfs count="${count + 1}"`)
            .replace('</cellXfs>', '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'),
      },
    };
  }

  /** The amount cells of the first two Région 2014 commitments (the first data rows of tblEngagements). */
  const firstAmounts = () => {
    const g = geometry(example, 'tblEngagements');
    return [`D${g.top + 1}`, `D${g.top + 2}`, `D${g.top + 3}`];
  };

  test('a date in an amount cell (a date-formatted 41640, a t="d" date) is reported, not counted as 41 640 €', async () => {
    const { patches, style } = withDateStyle(example);
    const [a, b] = firstAmounts();
    let amounts: number[] = [];
    const file = save(
      'montant-date.xlsx',
      patchZip(example, {
        ...patches,
        [sheetPart(example, 'Engagements')]: (x) => {
          amounts = [a, b].map((ref) => Number(/<v>([^<]+)<\/v>/.exec(cellElement(x, ref))![1]));
          return x
            .replace(cellElement(x, a), `<c r="${a}" s="${style}"><v>41640</v></c>`)
            .replace(cellElement(x, b), `<c r="${b}" s="6" t="d"><v>2014-01-01T00:00:00</v></c>`);
        },
      }),
    );
    const r = await cli('validate', file);
    expect(r.out).toMatch(new RegExp(`Erreur +${a} +\\[MONTANT-DATE\\] .*une date a été trouvée \\(« 2014-01-01 »\\)`));
    expect(r.out).toMatch(new RegExp(`Erreur +${b} +\\[MONTANT-DATE\\] .*une date a été trouvée \\(« 2014-01-01 »\\)`));
    // Neither is counted: 2 387 500 € minus both amounts.
    const left = (238750000 - Math.round(amounts[0] * 100) - Math.round(amounts[1] * 100)) / 100;
    expect(r.out).toContain(`engagé ${left.toLocaleString('fr-FR', { minimumFractionDigits: 2 }).replace(/\s/g, ' ')} €`);
    expect(r.out).not.toContain('41 640');
  });

  test('a <v> that is not an xsd:double (0x10, Infinity) is reported with its text; 1e3 is a thousand', async () => {
    const [a, b, c] = firstAmounts();
    const file = save(
      'nombres.xlsx',
      patchZip(example, {
        [sheetPart(example, 'Engagements')]: (x) =>
          x
            .replace(cellElement(x, a), `<c r="${a}" s="6"><v>0x10</v></c>`)
            .replace(cellElement(x, b), `<c r="${b}" s="6"><v>1e3</v></c>`)
            .replace(cellElement(x, c), `<c r="${c}" s="6"><v>Infinity</v></c>`),
      }),
    );
    const r = await cli('validate', file);
    expect(r.out).toMatch(new RegExp(`Erreur +${a} +\\[MONTANT-ILLISIBLE\\] .*« 0x10 » a été trouvé`));
    expect(r.out).toMatch(new RegExp(`Erreur +${c} +\\[MONTANT-ILLISIBLE\\] .*« Infinity » a été trouvé`));
    expect(r.out).not.toMatch(new RegExp(`${b} `));
    expect(r.out).not.toContain('VALEUR-ILLISIBLE');
  });

  test('a formula without cached value in Convention is reported as such, not as an empty cell', async () => {
    const cell = `C${geometry(example, 'tblConvention').top + 1}`; // the Région's 2014 amount
    const file = save(
      'convention-formule.xlsx',
      patchZip(example, {
        [sheetPart(example, 'Convention')]: (x) => {
          expect(cellElement(x, cell)).toContain('<v>2387500</v>');
          return x.replace(cellElement(x, cell), `<c r="${cell}" s="6"><f>2387500*1</f></c>`);
        },
      }),
    );
    const r = await cli('validate', file);
    expect(r.out).toMatch(new RegExp(`Erreur +${cell} +\\[FORMULE-SANS-VALEUR\\] .*\\(« =2387500\\*1 »\\)`));
    expect(r.out).not.toContain('la cellule est vide');
  });

  test('a report whose indicator value is a formula without cached value is refused, not imported without it', async () => {
    const report = await filledReport('I_1.2', 2014, REPORT_A);
    const bilan = sheetPart(report, 'Bilan');
    const file = save(
      'bilan-formule.xlsx',
      patchZip(report, { [bilan]: (x) => x.replace(/<c r="E29" s="(\d+)"><v>1000<\/v><\/c>/, '<c r="E29" s="$1"><f>500*2</f></c>') }),
    );
    const r = await cli('import', save('classeur-formule.xlsx', example), file, '-o', tmp.file('sortie-formule.xlsx'));
    expect(r.out).toMatch(/bilan-formule\.xlsx .*: refusé — .*E29.*une formule sans résultat enregistré a été trouvée \(« =500\*2 »\)/);
    expect(r.code).toBe(1);
  });
});

describe('6. every failure is one French sentence naming the file: exit 2, no English, no stack trace', () => {
  test('a UTF-16 part of odd length', async () => {
    const text = entryText(example, 'xl/workbook.xml');
    const utf16be = Buffer.from(text, 'utf16le').swap16();
    const file = save(
      'utf16-impair.xlsx',
      patchZip(example, { 'xl/workbook.xml': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be, Buffer.from([0x20])]) }),
    );
    expectRefusal(await cli('validate', file), '« utf16-impair.xlsx »', 'n’est pas un texte lisible');
  });

  test('a part too long for a JavaScript string', async () => {
    const text = entryText(example, 'xl/workbook.xml');
    const at = text.indexOf('</workbook>');
    const huge = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.alloc(560 * 1024 * 1024, 0x20), Buffer.from(text.slice(at))]);
    const file = save('partie-geante.xlsx', patchZip(example, { 'xl/workbook.xml': huge }));
    expectRefusal(await cli('validate', file), '« partie-geante.xlsx »', 'trop longue pour être lue comme texte');
  }, 120_000);

  test('a path through a file (ENOTDIR) and a name too long (ENAMETOOLONG)', async () => {
    const file = save('dossier.xlsx', example);
    expectRefusal(await cli('validate', path.join(file, 'bilan.xlsx')), 'n’est pas un dossier');
    expectRefusal(await cli('validate', tmp.file('b'.repeat(300) + '.xlsx')), 'le nom du fichier est trop long');
  });

  test('values no reader can take for what they say never bring English into the findings', async () => {
    const file = save(
      'valeurs-etranges.xlsx',
      patchZip(example, {
        [sheetPart(example, 'Engagements')]: (x) =>
          x
            .replace('<c r="D5" s="6"><v>134500</v></c>', '<c r="D5" s="6"><v>1e400</v></c>')
            .replace(/<c r="D6" s="6"><v>154200<\/v><\/c>/, '<c r="D6" s="6"><v>NaN</v></c>')
            .replace(/<c r="C7" s="(\d+)"><v>\d+<\/v><\/c>/, '<c r="C7" s="$1"><v>INF</v></c>')
            .replace(/<c r="C8" s="(\d+)"><v>\d+<\/v><\/c>/, '<c r="C8" s="$1" t="b"><v>2</v></c>')
            .replace(/<c r="C9" s="(\d+)"><v>\d+<\/v><\/c>/, '<c r="C9" s="$1" t="e"><v>#VALUE!</v></c>'),
      }),
    );
    const r = await cli('validate', file);
    const findings = r.out.split('\n').filter((l) => /^ +(Erreur|Avertissement)/.test(l));
    expect(findings.length).toBeGreaterThanOrEqual(5);
    for (const line of findings) expect(line.replace(/« [^»]* »/g, '« … »')).not.toMatch(ENGLISH);
    expect(r.out).not.toMatch(/VALEUR-ILLISIBLE|Invalid input/);
    const json = await cli('validate', file, '--json');
    expect(json.out).not.toMatch(/Invalid|"value": null/);
  });
});

describe('7. outputs Excel could not open', () => {
  test('a text over 32 767 characters (another program wrote it) is cut in the output, with a warning at its cell', async () => {
    const g = geometry(example, 'tblEngagements');
    const cell = `F${g.top + 1}`; // the first commitment's Commentaire
    const long = 'é'.repeat(40_000);
    const file = save(
      'texte-long.xlsx',
      patchZip(example, {
        [sheetPart(example, 'Engagements')]: (x) =>
          x.replace(cellElement(x, cell), `<c r="${cell}" t="inlineStr"><is><t>${long}</t></is></c>`),
      }),
    );
    const r = await cli('validate', file);
    expect(r.out).toMatch(
      new RegExp(`Avertissement +${cell} +\\[TEXTE-TROP-LONG\\] .*32 767 caractères au plus .*40000 caractères ont été trouvés`),
    );
    const out = tmp.file('texte-long-consolide.xlsx');
    const c = await cli('consolidate', file, '-o', out);
    expect(c).toMatchObject({ code: 0, err: '' });
    // The workbook's texts (shared strings): the comment, cut at Excel's limit.
    const texts = entryText(readFileSync(out), 'xl/sharedStrings.xml');
    const longest = Math.max(0, ...[...texts.matchAll(/é+/g)].map((m) => m[0].length));
    expect(longest).toBe(32_767);
  });
});

describe('10. a row typed right under an Excel table, outside its range', () => {
  test('is reported as LIGNE-HORS-TABLEAU, and not counted', async () => {
    const g = geometry(example, 'tblEngagements');
    const below = g.bottom + 1;
    const file = save(
      'ligne-sous-le-tableau.xlsx',
      patchZip(example, {
        [sheetPart(example, 'Engagements')]: (x) => x.replace(rowElement(x, below), movedRow(rowElement(x, g.top + 1), g.top + 1, below)),
      }),
    );
    const r = await cli('validate', file);
    expect(r.out).toMatch(
      new RegExp(`Avertissement +A${below} +\\[LIGNE-HORS-TABLEAU\\] Feuille « Engagements », cellule A${below} : .*tblEngagements`),
    );
    // Not counted: the Région's 2014 total is the example's.
    expect(r.out).toMatch(/REGION +2014 +convention 2 387 500,00 € \(ferme\), engagé 2 387 500,00 €, écart 0,00 €/);
    expect(r.code).toBe(0);
  });
});
