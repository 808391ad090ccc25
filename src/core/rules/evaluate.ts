/**
 * Evaluates the rule catalogue over the records. Pure: records in, findings and totals out.
 */
import { INPUT_TABLES, type InputKey } from '../contract/tables';
import { findFramework, type Framework } from '../framework';
import { where, type Finding } from './findings';
import { formatEuros, sumCents, type Cents } from '../shared/money';
import { cellOf, type ContractRecords, type Origin } from '../contract/records';
import { cellText, normalizeKey, quote } from '../shared/text';
import { RULES, type Rule, type Target } from './catalogue';

/** The contract's frame, read from the Cadre table. */
export interface Frame {
  id: string | null;
  title: string | null;
  start: number | null;
  end: number | null;
  currency: string | null;
  framework: Framework | null;
}

/** Funder-year totals: the left and right sides of the balance rule. */
export interface FunderYearTotal {
  funder: string;
  year: number;
  /** Sum of the reference amounts (base and amendments), null when none is fixed. */
  convention: Cents | null;
  committed: Cents;
  gap: Cents | null;
  /** Least firm status among the reference rows (null without reference rows). */
  status: string | null;
}

/** Record fields resolved against the reference tables (codes as written in those tables). */
export interface Resolved {
  funder: Map<Origin, string>;
  action: Map<Origin, string>;
  indicator: Map<Origin, string>;
}

export interface Evaluation {
  frame: Frame;
  resolved: Resolved;
  totals: FunderYearTotal[];
}

type Rec = { origin: Origin } & Record<string, unknown>;

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

function header(table: InputKey, field: string): string {
  const spec = INPUT_TABLES[table];
  return [...spec.columns, ...spec.extra].find((c) => c.field === field)?.header ?? field;
}

/** The raw text of a field as the user wrote it (for messages). */
function shown(rec: Rec, field: string): string {
  const v = rec[field === 'funder' ? 'funderText' : field];
  if (v && typeof v === 'object' && 'cents' in v) return formatEuros((v as { cents: Cents }).cents);
  if (v && typeof v === 'object' && 'value' in v) return String((v as { value: number }).value);
  return String(v ?? '');
}

/** The comparable value of a field: cents for money, the resolved code for references. */
function valueOf(rec: Rec, field: string, resolved: Resolved): unknown {
  if (field === 'funder') return resolved.funder.get(rec.origin) ?? rec.funderText;
  const v = rec[field];
  if (v && typeof v === 'object' && 'cents' in v) return (v as { cents: Cents }).cents;
  if (v && typeof v === 'object' && 'value' in v) return (v as { value: number }).value;
  return v;
}

function tableRecords(records: ContractRecords, table: InputKey): Rec[] {
  const map: Record<InputKey, unknown[]> = {
    cadre: records.cadre,
    funders: records.funders,
    convention: records.convention,
    actions: records.actions,
    commitments: records.commitments,
    indicators: records.indicators,
    reports: records.reports,
    realised: records.realised,
    imports: records.imports,
  };
  return map[table] as Rec[];
}

/** Reads the frame from the Cadre table, with findings for missing or inconsistent keys. */
export function readFrame(records: ContractRecords, headerCell: string, findings: Finding[]): Frame {
  const sheet = INPUT_TABLES.cadre.sheet;
  const byKey = new Map(records.cadre.map((e) => [normalizeKey(e.key), e]));
  const get = (k: string) => byKey.get(normalizeKey(k));
  const err = (cell: string, message: string, severity: 'error' | 'warning' = 'error', rule = 'CADRE') =>
    findings.push({ severity, rule, sheet, cell, message: `${where(sheet, cell)} : ${message}` });
  const text = (k: string) => cellText(get(k)?.value ?? null);
  const year = (k: string): number | null => {
    const e = get(k);
    if (!e) {
      err(headerCell, `la clé « ${k} » est attendue dans le tableau tblCadre, elle est absente.`);
      return null;
    }
    const v = e.value;
    const m = typeof v === 'number' ? v : typeof v === 'string' ? Number((/^\s*(\d{4})/.exec(v) ?? [])[1]) : NaN;
    if (!Number.isInteger(m) || m < 1900 || m > 2200) {
      err(cellOf(e.origin, 'value'), `une année est attendue pour « ${k} », ${quote(v)} a été trouvé.`);
      return null;
    }
    return m;
  };
  for (const k of ['Cadre', 'Intitulé', 'Devise']) {
    if (!get(k)) err(headerCell, `la clé « ${k} » est attendue dans le tableau tblCadre, elle est absente.`);
  }
  const id = text('Cadre');
  const framework = id ? findFramework(id) : null;
  if (id && !framework) {
    err(
      cellOf(get('Cadre')!.origin, 'value'),
      `un identifiant de cadre connu est attendu, ${quote(id)} a été trouvé ; les contrôles propres au cadre (montants publiés, autres noms des financeurs) ne s’appliquent pas.`,
      'warning',
      'CADRE-INCONNU',
    );
  }
  const start = year('Début');
  const end = year('Fin');
  if (start !== null && end !== null && end < start) {
    err(cellOf(get('Fin')!.origin, 'value'), `une année de fin postérieure au début (${start}) est attendue, ${end} a été trouvé.`);
  }
  const currency = text('Devise');
  if (get('Devise') && currency && !['EUR', '€'].includes(currency.toUpperCase())) {
    err(cellOf(get('Devise')!.origin, 'value'), `la devise EUR est attendue, ${quote(currency)} a été trouvé.`);
  }
  return { id, title: text('Intitulé'), start, end, currency, framework };
}

/** Index of a reference table: exact codes, and normalized codes, names and aliases. */
function buildIndex(records: ContractRecords, target: Target, framework: Framework | null) {
  const exact = new Set<string>();
  const loose = new Map<string, string>();
  const add = (text: string | null | undefined, code: string) => {
    if (!text) return;
    const k = normalizeKey(text);
    if (k && !loose.has(k)) loose.set(k, code);
  };
  if (target === 'funders') {
    for (const f of records.funders) exact.add(f.code);
    for (const f of records.funders) add(f.code, f.code);
    for (const f of records.funders) {
      add(f.name, f.code);
      f.aliases.forEach((a) => add(a, f.code));
      const known = framework?.funders.find((x) => x.code === f.code);
      if (known) {
        add(known.name, f.code);
        known.aliases.forEach((a) => add(a, f.code));
      }
    }
  } else {
    const list = target === 'actions' ? records.actions : records.indicators;
    for (const a of list) {
      exact.add(a.code);
      add(a.code, a.code);
    }
  }
  return { exact, loose };
}

/** The funder code a text names (code, name, or any alias), or null: the rules' own matching. */
export function funderResolver(records: ContractRecords, framework: Framework | null): (text: string) => string | null {
  const idx = buildIndex(records, 'funders', framework);
  return (text) => {
    const t = text.trim();
    return idx.exact.has(t) ? t : (idx.loose.get(normalizeKey(t)) ?? null);
  };
}

function resolveReferences(records: ContractRecords, frame: Frame, resolved: Resolved, findings: Finding[]) {
  const indexes = {
    funders: buildIndex(records, 'funders', frame.framework),
    actions: buildIndex(records, 'actions', frame.framework),
    indicators: buildIndex(records, 'indicators', frame.framework),
  };
  const targetMap: Record<Target, Map<Origin, string>> = {
    funders: resolved.funder,
    actions: resolved.action,
    indicators: resolved.indicator,
  };
  for (const rule of RULES) {
    if (rule.kind !== 'reference') continue;
    const idx = indexes[rule.target];
    const textField = rule.field === 'funder' ? 'funderText' : rule.field;
    for (const rec of tableRecords(records, rule.table)) {
      const text = String(rec[textField] ?? '').trim();
      if (!text) continue; // reported as a missing value while reading
      const cell = cellOf(rec.origin, rule.field);
      if (idx.exact.has(text)) {
        targetMap[rule.target].set(rec.origin, text);
        continue;
      }
      const code = idx.loose.get(normalizeKey(text));
      if (code) {
        targetMap[rule.target].set(rec.origin, code);
        findings.push({
          severity: 'warning',
          rule: rule.target === 'funders' ? 'FINANCEUR-NOM' : 'CODE-ECRITURE',
          sheet: rec.origin.sheet,
          cell,
          message: `${where(rec.origin.sheet, cell)} (${header(rule.table, rule.field)}) : le code ${code} est attendu, ${quote(text)} a été trouvé et lu comme ${code}.`,
        });
        continue;
      }
      findings.push({
        severity: rule.severity,
        rule: rule.id,
        sheet: rec.origin.sheet,
        cell,
        message: fill(rule.message, { where: where(rec.origin.sheet, cell), header: header(rule.table, rule.field), found: quote(text) }),
      });
    }
  }
}

function cellRules(records: ContractRecords, frame: Frame, resolved: Resolved, findings: Finding[]) {
  // Cells that did not parse already have their finding; `required` only reports empty cells.
  const unreadable = new Set(findings.map((f) => `${f.sheet}!${f.cell}`));
  for (const rule of RULES) {
    if (rule.kind === 'period') {
      if (frame.start === null || frame.end === null) continue;
      for (const rec of tableRecords(records, rule.table)) {
        const y = rec[rule.field] as number | null;
        if (y === null || (y >= frame.start && y <= frame.end)) continue;
        const cell = cellOf(rec.origin, rule.field);
        findings.push({
          severity: rule.severity,
          rule: rule.id,
          sheet: rec.origin.sheet,
          cell,
          message: fill(rule.message, {
            where: where(rec.origin.sheet, cell),
            header: header(rule.table, rule.field),
            start: frame.start,
            end: frame.end,
            found: quote(y),
          }),
        });
      }
    } else if (rule.kind === 'required' || rule.kind === 'compare') {
      for (const rec of tableRecords(records, rule.table)) {
        const cell = cellOf(rec.origin, rule.field);
        const v = valueOf(rec, rule.field, resolved);
        const raw = rec[rule.field];
        let broken: boolean;
        if (rule.unless && rule.unless.matches.test(String(rec[rule.unless.field] ?? ''))) continue;
        if (rule.kind === 'required') {
          broken = v === null && !unreadable.has(`${rec.origin.sheet}!${cell}`);
        } else {
          if (typeof v !== 'number') continue;
          broken = rule.operator === '>=' ? !(v >= rule.value) : !(v > rule.value);
        }
        if (!broken) continue;
        const actual = raw && typeof raw === 'object' && 'cents' in raw ? (raw as { cents: Cents }).cents : undefined;
        findings.push({
          severity: rule.severity,
          rule: rule.id,
          sheet: rec.origin.sheet,
          cell,
          message: fill(rule.message, {
            where: where(rec.origin.sheet, cell),
            header: header(rule.table, rule.field),
            found: quote(shown(rec, rule.field)),
          }),
          ...(actual !== undefined ? { expected: 0, actual } : {}),
        });
      }
    } else if (rule.kind === 'unique') {
      const seen = new Map<string, Rec>();
      for (const rec of tableRecords(records, rule.table)) {
        if (rule.unless && rule.unless.matches.test(String(rec[rule.unless.field] ?? ''))) continue;
        const values = rule.fields.map((f) => {
          const v = valueOf(rec, f, resolved);
          return rule.optional?.includes(f) && (v === null || v === undefined) ? '' : v;
        });
        if (values.some((v, i) => (v === null || v === undefined || v === '') && !rule.optional?.includes(rule.fields[i]))) continue;
        const key = JSON.stringify(values.map((v) => (typeof v === 'string' ? v.trim() : v)));
        const first = seen.get(key);
        if (!first) {
          seen.set(key, rec);
          continue;
        }
        const cell = cellOf(rec.origin, rule.fields[0]);
        findings.push({
          severity: rule.severity,
          rule: rule.id,
          sheet: rec.origin.sheet,
          cell,
          message: fill(rule.message, {
            where: where(rec.origin.sheet, cell),
            header: header(rule.table, rule.fields[0]),
            found: quote(shown(rec, rule.fields[0])),
            first: first.origin.row,
          }),
        });
      }
    }
  }
}

/** Reading notes that are warnings: amounts and numbers typed as text, amounts rounded. */
function readingWarnings(records: ContractRecords, findings: Finding[]) {
  const money = (table: 'convention' | 'commitments') => {
    for (const rec of records[table]) {
      const a = rec.amount;
      if (!a) continue;
      const cell = cellOf(rec.origin, 'amount');
      if (a.fromText) {
        findings.push({
          severity: 'warning',
          rule: 'MONTANT-TEXTE',
          sheet: rec.origin.sheet,
          cell,
          message: `${where(rec.origin.sheet, cell)} (Montant (€)) : un nombre est attendu, un texte a été trouvé et lu comme ${formatEuros(a.cents)} ; saisissez-le comme nombre.`,
          actual: a.cents,
        });
      }
      if (a.rounded) {
        findings.push({
          severity: 'warning',
          rule: 'MONTANT-ARRONDI',
          sheet: rec.origin.sheet,
          cell,
          message: `${where(rec.origin.sheet, cell)} (Montant (€)) : un montant au centime est attendu, il a été arrondi à ${formatEuros(a.cents)}.`,
          actual: a.cents,
        });
      }
    }
  };
  money('convention');
  money('commitments');
  for (const rec of records.reports) {
    if (rec.value?.fromText) {
      const cell = cellOf(rec.origin, 'value');
      findings.push({
        severity: 'warning',
        rule: 'NOMBRE-TEXTE',
        sheet: rec.origin.sheet,
        cell,
        message: `${where(rec.origin.sheet, cell)} (Valeur) : un nombre est attendu, un texte a été trouvé et lu comme ${rec.value.value} ; saisissez-le comme nombre.`,
      });
    }
  }
}

const STATUS_RANK: Record<string, number> = { Ferme: 0, Prévisionnel: 1, 'Sous réserve': 2 };

/** Funder-year totals and the balance rules. */
function balance(records: ContractRecords, frame: Frame, resolved: Resolved, findings: Finding[]): FunderYearTotal[] {
  type Group = { funder: string; year: number; refs: typeof records.convention; commits: typeof records.commitments };
  const groups = new Map<string, Group>();
  const group = (funder: string, year: number) => {
    const k = `${funder}\u0000${year}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { funder, year, refs: [], commits: [] }));
    return g;
  };
  for (const c of records.convention) {
    const f = resolved.funder.get(c.origin);
    if (f && c.year !== null) group(f, c.year).refs.push(c);
  }
  for (const c of records.commitments) {
    const f = resolved.funder.get(c.origin);
    if (f && c.year !== null && c.amount) group(f, c.year).commits.push(c);
  }
  const rule = RULES.find((r) => r.kind === 'balance')!;
  const missing = RULES.find((r) => r.kind === 'balance-missing')!;
  if (rule.kind !== 'balance' || missing.kind !== 'balance-missing') throw new Error('rule catalogue lacks the balance rules');
  const funderOrder = new Map(records.funders.map((f, i) => [f.code, i]));
  const totals: FunderYearTotal[] = [];
  for (const g of groups.values()) {
    const fixed = g.refs.filter((r) => r.amount !== null);
    const convention = fixed.length ? sumCents(fixed.map((r) => r.amount!.cents)) : null;
    const committed = sumCents(g.commits.map((c) => c.amount!.cents));
    const statuses = g.refs.map((r) => r.status ?? 'Sous réserve');
    const status = statuses.length ? statuses.reduce((a, b) => (STATUS_RANK[b] > STATUS_RANK[a] ? b : a)) : null;
    totals.push({
      funder: g.funder,
      year: g.year,
      convention,
      committed,
      gap: convention === null ? null : committed - convention,
      status,
    });
    const vars = { funder: g.funder, year: g.year, left: formatEuros(committed) };
    if (convention === null) {
      if (g.commits.length === 0) continue;
      const first = g.commits[0].origin;
      const cell = cellOf(first, 'amount');
      const found = g.refs.length
        ? `la ligne ${g.refs[0].origin.row} n’a pas de montant (${g.refs[0].status ?? 'statut vide'})`
        : 'aucune ligne n’a été trouvée';
      findings.push({
        severity: missing.severity,
        rule: missing.id,
        sheet: first.sheet,
        cell,
        message: fill(missing.message, { ...vars, where: where(first.sheet, cell), found }),
        actual: committed,
      });
      continue;
    }
    if (committed === convention) continue;
    const base = fixed.find((r) => !/avenant/i.test(r.source ?? '')) ?? fixed[0];
    const cell = cellOf(base.origin, 'amount');
    const allFirm = g.refs.every((r) => r.status === 'Ferme');
    const published = frame.framework?.publishedFigures.find(
      (p) => p.funder === g.funder && p.year === g.year && p.amountCents === committed,
    );
    const extra = published
      ? fill(rule.publishedNote, {
          published: formatEuros(published.amountCents),
          publishedBy: published.publishedBy,
          prevailing: published.prevailing,
        })
      : '';
    findings.push({
      severity: allFirm ? rule.severity.firm : rule.severity.other,
      rule: rule.id,
      sheet: base.origin.sheet,
      cell,
      message: fill(rule.message, {
        ...vars,
        where: where(base.origin.sheet, cell),
        right: formatEuros(convention),
        status: (status ?? '').toLowerCase(),
        source: fixed.map((r) => r.source ?? 'source non citée').join(' + '),
        gap: formatEuros(committed - convention),
        extra,
      }),
      expected: convention,
      actual: committed,
    });
  }
  totals.sort(
    (a, b) =>
      (funderOrder.get(a.funder) ?? 1e9) - (funderOrder.get(b.funder) ?? 1e9) || a.funder.localeCompare(b.funder) || a.year - b.year,
  );
  return totals;
}

/** Runs every rule. `cadreHeaderCell` is where Cadre-level findings point when a key is absent. */
export function evaluate(records: ContractRecords, cadreHeaderCell: string, findings: Finding[]): Evaluation {
  const frame = readFrame(records, cadreHeaderCell, findings);
  const resolved: Resolved = { funder: new Map(), action: new Map(), indicator: new Map() };
  resolveReferences(records, frame, resolved, findings);
  readingWarnings(records, findings);
  cellRules(records, frame, resolved, findings);
  const totals = balance(records, frame, resolved, findings);
  return { frame, resolved, totals };
}
