/**
 * Evaluates the rule catalogue over the records. Pure: records in, findings and totals out.
 */
import { aliasesOf, type ContractRecords } from '../contract/contract-records';
import { cellOf, type Origin } from '../contract/cells';
import type { MoneyValue, NumberValue } from '../contract/cell-kinds';
import { columnOf } from '../contract/declare';
import { INPUT_TABLES, type InputKey } from '../contract/tables';
import type { Framework } from '../framework';

export { amendmentArticle } from './ledger';
import type { Params } from '../shared/message';
import { append } from '../shared/order';
import { normalizeKey } from '../shared/text';
import { CHECKS, type Check, type Target } from './catalogue';
import { closingFindings } from './closings';
import { amendmentArticle, ledger, type FunderYearTotal } from './ledger';
import { paymentFindings } from './payments';
import { finding, type Finding } from './findings';
import { readFrame, type Frame } from './frame';
import { linkFindings, type Links } from './links';

export type { Frame } from './frame';

export type { FunderYearTotal } from './ledger';

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
  /** Axes, territories, bodies, questions and indicators per action, resolved (contract version 3). */
  links: Links;
}

type Rec = { origin: Origin } & Record<string, unknown>;

function header(table: InputKey, field: string): string {
  return columnOf(INPUT_TABLES[table], field).header;
}

function isMoney(v: unknown): v is MoneyValue {
  return typeof v === 'object' && v !== null && 'cents' in v;
}

function isNumber(v: unknown): v is NumberValue {
  return typeof v === 'object' && v !== null && 'value' in v && 'fromText' in v;
}

/** The comparable value of a field: cents for money, the number for numbers, the resolved code for funders. */
function valueOf(rec: Rec, field: string, resolved: Resolved): unknown {
  if (field === 'funder') return resolved.funder.get(rec.origin) ?? rec.funder;
  const v = rec[field];
  if (isMoney(v)) return v.cents;
  if (isNumber(v)) return v.value;
  return v;
}

/** A field's value as users see it, for `{found}`. */
function shown(rec: Rec, field: string): Params[string] {
  const v = rec[field];
  if (isMoney(v)) return { cents: v.cents };
  if (isNumber(v)) return { value: v.value };
  return { value: v ?? '' };
}

function recordsOf(records: ContractRecords, table: InputKey): Rec[] {
  return records[table] as unknown as Rec[];
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
      aliasesOf(f).forEach((a) => add(a, f.code));
      const known = framework?.funders.find((x) => x.code === f.code);
      if (known) {
        add(known.name, f.code);
        [...known.aliases, ...known.successors.map((x) => x.name)].forEach((a) => add(a, f.code));
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

function resolveReferences(records: ContractRecords, frame: Frame, resolved: Resolved): Finding[] {
  const findings: Finding[] = [];
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
  for (const check of CHECKS) {
    if (check.kind !== 'reference') continue;
    const idx = indexes[check.target];
    for (const rec of recordsOf(records, check.table)) {
      const text = String(rec[check.field] ?? '').trim();
      if (!text) continue; // reported as a missing value while reading
      if (idx.exact.has(text)) {
        targetMap[check.target].set(rec.origin, text);
        continue;
      }
      // Only a value that is not a code costs its cell and its message's parameters.
      const cell = cellOf(rec.origin, check.field);
      const params = { header: header(check.table, check.field), found: { value: text } };
      const code = idx.loose.get(normalizeKey(text));
      if (code) {
        targetMap[check.target].set(rec.origin, code);
        findings.push(finding(check.target === 'funders' ? 'FINANCEUR-NOM' : 'CODE-ECRITURE', rec.origin.sheet, cell, { ...params, code }));
        continue;
      }
      findings.push(finding(check.rule, rec.origin.sheet, cell, params));
    }
  }
  return findings;
}

const matches = (check: Check, rec: Rec) =>
  'unless' in check && !!check.unless && check.unless.matches.test(String(rec[check.unless.field] ?? ''));

function cellChecks(records: ContractRecords, frame: Frame, resolved: Resolved, unreadable: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  const article = amendmentArticle(frame.framework);
  for (const check of CHECKS) {
    if (check.kind === 'period') {
      if (frame.start === null || frame.end === null) continue;
      for (const rec of recordsOf(records, check.table)) {
        const y = rec[check.field] as number | null;
        if (y === null || (y >= frame.start && y <= frame.end)) continue;
        const params = { header: header(check.table, check.field), start: frame.start, end: frame.end, found: { value: y } };
        findings.push(finding(check.rule, rec.origin.sheet, cellOf(rec.origin, check.field), params));
      }
    } else if (check.kind === 'required' || check.kind === 'compare') {
      for (const rec of recordsOf(records, check.table)) {
        if (matches(check, rec)) continue;
        if (!rec.origin.columns[check.field]) continue; // the column is absent: reported once for the table
        const v = valueOf(rec, check.field, resolved);
        // The cell's address is built only for a value that may be reported.
        if (check.kind === 'required' ? v !== null && v !== undefined : typeof v !== 'number') continue;
        const cell = cellOf(rec.origin, check.field);
        let broken: boolean;
        if (check.kind === 'required') broken = !unreadable.has(`${rec.origin.sheet}!${cell}`);
        else broken = check.operator === '>=' ? !((v as number) >= check.value) : !((v as number) > check.value);
        if (!broken) continue;
        const raw = rec[check.field];
        const params = { header: header(check.table, check.field), found: shown(rec, check.field), article };
        findings.push(finding(check.rule, rec.origin.sheet, cell, params, isMoney(raw) ? { expected: 0, actual: raw.cents } : {}));
      }
    } else if (check.kind === 'unique') {
      const seen = new Map<string, Rec>();
      for (const rec of recordsOf(records, check.table)) {
        if (matches(check, rec)) continue;
        const values = check.fields.map((f) => {
          const v = valueOf(rec, f, resolved);
          return check.optional?.includes(f) && (v === null || v === undefined) ? '' : v;
        });
        if (values.some((v, i) => (v === null || v === undefined || v === '') && !check.optional?.includes(check.fields[i]))) continue;
        const key = JSON.stringify(values.map((v) => (typeof v === 'string' ? v.trim() : v)));
        const first = seen.get(key);
        if (!first) {
          seen.set(key, rec);
          continue;
        }
        const params = {
          header: header(check.table, check.fields[0]),
          found: shown(rec, check.fields[0]),
          first: first.origin.row,
          article,
        };
        findings.push(finding(check.rule, rec.origin.sheet, cellOf(rec.origin, check.fields[0]), params));
      }
    }
  }
  return findings;
}

/** Reading notes that are warnings: amounts and numbers typed as text, amounts rounded. */
function readingWarnings(records: ContractRecords): Finding[] {
  const findings: Finding[] = [];
  const money = (table: 'convention' | 'commitments') => {
    for (const rec of records[table]) {
      const a = rec.amount;
      if (!a) continue;
      const cell = cellOf(rec.origin, 'amount');
      const params = { header: header(table, 'amount'), read: { cents: a.cents } };
      if (a.fromText) findings.push(finding('MONTANT-TEXTE', rec.origin.sheet, cell, params, { actual: a.cents }));
      if (a.rounded) findings.push(finding('MONTANT-ARRONDI', rec.origin.sheet, cell, params, { actual: a.cents }));
    }
  };
  money('convention');
  money('commitments');
  for (const rec of records.reports) {
    if (rec.value?.fromText) {
      findings.push(
        finding('NOMBRE-TEXTE', rec.origin.sheet, cellOf(rec.origin, 'value'), {
          header: header('reports', 'value'),
          read: rec.value.value,
        }),
      );
    }
  }
  return findings;
}

/**
 * Runs every rule. `cadreHeaderCell` is where Cadre-level findings point when a key is absent;
 * `readFindings` are the findings of reading the cells (a cell that did not read is not also
 * reported as empty).
 */
export function evaluate(
  records: ContractRecords,
  cadreHeaderCell: string,
  readFindings: readonly Finding[],
  meetingsHeaderCell = '',
): { evaluation: Evaluation; findings: Finding[] } {
  const { frame, findings } = readFrame(records, cadreHeaderCell);
  const resolved: Resolved = { funder: new Map(), action: new Map(), indicator: new Map() };
  const unreadable = new Set(readFindings.map((f) => `${f.sheet}!${f.cell}`));
  append(findings, resolveReferences(records, frame, resolved));
  append(findings, readingWarnings(records));
  append(findings, cellChecks(records, frame, resolved, unreadable));
  const b = ledger({ records, framework: frame.framework, funderOf: (o) => resolved.funder.get(o) });
  append(findings, b.findings);
  append(findings, paymentFindings(records, resolved));
  append(findings, closingFindings(records, resolved));
  const l = linkFindings(records, frame, resolved, meetingsHeaderCell);
  append(findings, l.findings);
  return { evaluation: { frame, resolved, totals: b.totals, links: l.links }, findings };
}
