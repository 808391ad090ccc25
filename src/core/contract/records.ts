/**
 * Reading the contract's tables into typed records. Every record keeps, for each field, the
 * address of the cell it came from, so that every finding can point at a cell. Reading never
 * guesses silently: unreadable cells become findings, readable-but-odd cells become warnings.
 */
import type { CellValue, TableRead } from '../../ports/workbook';
import { columnLetters } from '../shared/address';
import {
  anyCell,
  moneyCell,
  numberCell,
  readCell,
  requiredText,
  textCell,
  vocabularyCell,
  yearCell,
  type MoneyValue,
  type NumberValue,
} from './cell-kinds';
import { INPUT_TABLES, type ColumnSpec, type InputKey, type TableSpec } from './tables';
import { where, type Finding } from '../rules/findings';
import { AGGREGATIONS, CONVENTION_STATUSES, FUNDER_TYPES, type Aggregation, type ConventionStatus, type FunderType } from './vocabulary';
import { quote } from '../shared/text';
import type { z } from 'zod';

/**
 * Where a record came from: its sheet, its row, and the column letters of its fields (shared by
 * all the records of a table, so that 100 000 rows do not make 700 000 address strings).
 */
export interface Origin {
  sheet: string;
  row: number;
  columns: Readonly<Record<string, string>>;
}

/** The A1 address of a record's field. */
export function cellOf(origin: Origin, field: string): string {
  return origin.columns[field] + origin.row;
}

export interface CadreEntry {
  origin: Origin;
  key: string;
  value: CellValue;
}

export interface FunderRecord {
  origin: Origin;
  code: string;
  name: string | null;
  type: FunderType | null;
  aliases: string[];
}

export interface ConventionRecord {
  origin: Origin;
  funderText: string;
  year: number | null;
  amount: MoneyValue | null;
  status: ConventionStatus | null;
  source: string | null;
}

export interface ActionRecord {
  origin: Origin;
  axis: string;
  objective: string | null;
  measure: string | null;
  code: string;
  title: string | null;
  operator: string | null;
  entryYear: number | null;
}

export interface CommitmentRecord {
  origin: Origin;
  action: string;
  funderText: string;
  year: number | null;
  amount: MoneyValue | null;
  reference: string | null;
  comment: string | null;
}

export interface IndicatorRecord {
  origin: Origin;
  code: string;
  label: string | null;
  unit: string | null;
  aggregation: Aggregation | null;
  question: string | null;
  status: string | null;
  basis: string | null;
}

export interface ReportRecord {
  origin: Origin;
  action: string;
  operator: string | null;
  year: number | null;
  indicator: string;
  value: NumberValue | null;
  territory: string | null;
  source: string | null;
}

export interface RealisedRecord {
  origin: Origin;
  action: string;
  operator: string | null;
  year: number | null;
  post: string;
  funderText: string;
  planned: MoneyValue | null;
  actual: MoneyValue | null;
  comment: string | null;
  source: string | null;
}

export interface ImportRecord {
  origin: Origin;
  date: string;
  file: string;
  action: string;
  operator: string | null;
  year: number | null;
  added: NumberValue | null;
  replaced: NumberValue | null;
}

export interface ContractRecords {
  cadre: CadreEntry[];
  funders: FunderRecord[];
  convention: ConventionRecord[];
  actions: ActionRecord[];
  commitments: CommitmentRecord[];
  indicators: IndicatorRecord[];
  reports: ReportRecord[];
  realised: RealisedRecord[];
  imports: ImportRecord[];
}

type AnySchema = z.ZodType<unknown, CellValue>;

/** The zod cell schema of each field, by table. Required text fields reject empty cells. */
const SCHEMAS: Record<InputKey, Record<string, AnySchema>> = {
  // The Cadre's Valeur keeps the raw cell (a year, a text…): it is read per key later.
  cadre: { key: requiredText, value: anyCell },
  funders: { code: requiredText, name: textCell, type: vocabularyCell(FUNDER_TYPES), aliases: textCell },
  convention: { funder: requiredText, year: yearCell, amount: moneyCell, status: vocabularyCell(CONVENTION_STATUSES), source: textCell },
  actions: {
    axis: requiredText,
    objective: textCell,
    measure: textCell,
    code: requiredText,
    title: textCell,
    operator: textCell,
    entryYear: yearCell,
  },
  commitments: { action: requiredText, funder: requiredText, year: yearCell, amount: moneyCell, reference: textCell, comment: textCell },
  indicators: {
    code: requiredText,
    label: textCell,
    unit: textCell,
    aggregation: vocabularyCell(AGGREGATIONS),
    question: textCell,
    status: textCell,
    basis: textCell,
  },
  reports: {
    action: requiredText,
    operator: textCell,
    year: yearCell,
    indicator: requiredText,
    value: numberCell,
    territory: textCell,
    source: textCell,
  },
  realised: {
    action: requiredText,
    operator: textCell,
    year: yearCell,
    post: requiredText,
    funder: textCell,
    planned: moneyCell,
    actual: moneyCell,
    comment: textCell,
    source: textCell,
  },
  imports: {
    date: requiredText,
    file: requiredText,
    action: requiredText,
    operator: textCell,
    year: yearCell,
    added: numberCell,
    replaced: numberCell,
  },
};

/** Columns of a table as found: contract columns, then the known extra columns when present. */
function columnIndex(spec: TableSpec, read: TableRead): { col: ColumnSpec; index: number }[] {
  const out: { col: ColumnSpec; index: number }[] = spec.columns.map((col, index) => ({ col, index }));
  const norm = (s: string) => s.trim().toLowerCase();
  for (const col of spec.extra) {
    const index = read.headers.findIndex((h, i) => i >= spec.columns.length && norm(h) === norm(col.header));
    if (index >= 0) out.push({ col, index });
  }
  return out;
}

function isEmptyRow(row: CellValue[]): boolean {
  return row.every((v) => v === null || (typeof v === 'string' && v.trim() === ''));
}

/**
 * Reads one table into generic records (field → value) with their origins. Cells that do not
 * parse become error findings and their field is left null; empty rows are skipped.
 */
export function readRecords(key: InputKey, read: TableRead, findings: Finding[]): { origin: Origin; values: Record<string, unknown> }[] {
  const spec = INPUT_TABLES[key];
  const schemas = SCHEMAS[key];
  const cols = columnIndex(spec, read);
  const columns: Record<string, string> = {};
  for (const { col, index } of cols) columns[col.field] = columnLetters(read.firstCol + index);
  // Cells repeat a lot (codes, years, names): each column remembers what its schema made of a
  // value. Parsed values are never mutated, so records may share them.
  const memos = cols.map(() => new Map<CellValue, ReturnType<typeof readCell>>());
  const out: { origin: Origin; values: Record<string, unknown> }[] = [];
  for (let r = 0; r < read.rows.length; r++) {
    const raw = read.rows[r];
    if (isEmptyRow(raw)) continue;
    const row = read.headerRow + 1 + r;
    const values: Record<string, unknown> = {};
    for (let c = 0; c < cols.length; c++) {
      const { col, index } = cols[c];
      const v = raw[index] ?? null;
      const memo = memos[c];
      let res = memo.get(v);
      if (!res) {
        res = readCell(schemas[col.field], v);
        if (memo.size < MEMO_LIMIT) memo.set(v, res);
      }
      if (res.ok) {
        values[col.field] = res.value;
      } else {
        values[col.field] = null;
        const address = columns[col.field] + row;
        const found = v === null || (typeof v === 'string' && v.trim() === '') ? 'une cellule vide' : quote(v);
        findings.push({
          severity: 'error',
          rule: res.rule,
          sheet: read.sheet,
          cell: address,
          message: `${where(read.sheet, address)} (${col.header}) : ${res.expected} est attendu, ${found} a été trouvé.`,
        });
      }
    }
    out.push({ origin: { sheet: read.sheet, row, columns }, values });
  }
  return out;
}

/** Distinct values remembered per column (enough for codes and names, bounded for amounts). */
const MEMO_LIMIT = 50_000;

const s = (v: unknown) => (v ?? null) as string | null;

/** Reads every contract table into typed records. */
export function readContractRecords(tables: Record<InputKey, TableRead>, findings: Finding[]): ContractRecords {
  const rec = (key: InputKey) => readRecords(key, tables[key], findings);
  return {
    cadre: rec('cadre').map(({ origin, values }) => ({ origin, key: s(values.key) ?? '', value: (values.value ?? null) as CellValue })),
    funders: rec('funders').map(({ origin, values }) => ({
      origin,
      code: s(values.code) ?? '',
      name: s(values.name),
      type: values.type as FunderType | null,
      aliases: (s(values.aliases) ?? '')
        .split(';')
        .map((x) => x.trim())
        .filter(Boolean),
    })),
    convention: rec('convention').map(({ origin, values }) => ({
      origin,
      funderText: s(values.funder) ?? '',
      year: values.year as number | null,
      amount: values.amount as MoneyValue | null,
      status: values.status as ConventionStatus | null,
      source: s(values.source),
    })),
    actions: rec('actions').map(({ origin, values }) => ({
      origin,
      axis: s(values.axis) ?? '',
      objective: s(values.objective),
      measure: s(values.measure),
      code: s(values.code) ?? '',
      title: s(values.title),
      operator: s(values.operator),
      entryYear: values.entryYear as number | null,
    })),
    commitments: rec('commitments').map(({ origin, values }) => ({
      origin,
      action: s(values.action) ?? '',
      funderText: s(values.funder) ?? '',
      year: values.year as number | null,
      amount: values.amount as MoneyValue | null,
      reference: s(values.reference),
      comment: s(values.comment),
    })),
    indicators: rec('indicators').map(({ origin, values }) => ({
      origin,
      code: s(values.code) ?? '',
      label: s(values.label),
      unit: s(values.unit),
      aggregation: values.aggregation as Aggregation | null,
      question: s(values.question),
      status: s(values.status),
      basis: s(values.basis),
    })),
    reports: rec('reports').map(({ origin, values }) => ({
      origin,
      action: s(values.action) ?? '',
      operator: s(values.operator),
      year: values.year as number | null,
      indicator: s(values.indicator) ?? '',
      value: values.value as NumberValue | null,
      territory: s(values.territory),
      source: s(values.source),
    })),
    realised: rec('realised').map(({ origin, values }) => ({
      origin,
      action: s(values.action) ?? '',
      operator: s(values.operator),
      year: values.year as number | null,
      post: s(values.post) ?? '',
      funderText: s(values.funder) ?? '',
      planned: values.planned as MoneyValue | null,
      actual: values.actual as MoneyValue | null,
      comment: s(values.comment),
      source: s(values.source),
    })),
    imports: rec('imports').map(({ origin, values }) => ({
      origin,
      date: s(values.date) ?? '',
      file: s(values.file) ?? '',
      action: s(values.action) ?? '',
      operator: s(values.operator),
      year: values.year as number | null,
      added: values.added as NumberValue | null,
      replaced: values.replaced as NumberValue | null,
    })),
  };
}
