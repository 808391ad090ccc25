/**
 * Cell kinds: how one cell of a column is read into a typed value (a zod schema), and how the
 * writers format it. A cell that does not read gives the rule it breaks and that rule's
 * parameters; the French sentence comes from the rule catalogue, never from here.
 */
import { z } from 'zod';
import { parseAmount, parseNumberText, type Cents } from '../shared/money';
import type { Params } from '../shared/message';
import { cellText } from '../shared/text';
import type { RuleId } from '../rules/catalogue';
import type { CellValue } from './cells';
import { isoToSerial, serialToIso, type FormatKind } from './formats';
import { matchVocabulary } from './vocabulary';

const cellInput = z.union([z.string(), z.number(), z.boolean(), z.null(), z.object({ uncomputed: z.string() })]);

/** How a kind reads one cell: the value, or a call to `fail` (through `ctx`) naming the rule broken. */
type ReadFn<T> = (v: Input, ctx: z.RefinementCtx) => T;

export interface CellKind<T> {
  readonly name: 'text' | 'required-text' | 'year' | 'money' | 'number' | 'vocabulary' | 'date' | 'datetime' | 'siret' | 'rna' | 'any';
  readonly schema: z.ZodType<T, CellValue>;
  /** The same reading as `schema`, called directly by `readCell` (see there). */
  readonly read: ReadFn<T>;
  /** How writers format the column's cells; null for General. */
  readonly format: FormatKind | null;
  /** The values a vocabulary column accepts (its dropdown). */
  readonly list?: readonly string[];
}

function fail(ctx: z.RefinementCtx, rule: RuleId, params: Params = {}): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: rule, params: { rule, params } });
  return z.NEVER;
}

type Input = z.infer<typeof cellInput>;

const isEmpty = (v: Input) => v === null || (typeof v === 'string' && v.trim() === '');

/** A formula without result is never read as empty: it gets its own finding. */
function uncomputed(v: Input, ctx: z.RefinementCtx): boolean {
  if (typeof v === 'object' && v !== null) {
    fail(ctx, 'FORMULE-SANS-VALEUR', { formula: { value: `=${v.uncomputed}` } });
    return true;
  }
  return false;
}

function kind<T>(name: CellKind<T>['name'], format: FormatKind | null, read: ReadFn<T>, list?: readonly string[]): CellKind<T> {
  const schema = cellInput.transform((v, ctx) => (uncomputed(v, ctx) ? z.NEVER : read(v, ctx)));
  return { name, schema: schema as unknown as z.ZodType<T, CellValue>, read, format, ...(list ? { list } : {}) };
}

/** Text, trimmed; null when empty (numbers and booleans become their text). */
export const text = kind('text', 'text', (v) => cellText(v));

/** Text that must be there (a code, a name): an empty cell breaks VALEUR-MANQUANTE. */
export const requiredText = kind('required-text', 'text', (v, ctx) => cellText(v) ?? fail(ctx, 'VALEUR-MANQUANTE'));

/** A cell kept as it is (the Cadre's values, read per key). */
export const anyValue = kind('any', null, (v) => v as CellValue);

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** A year: an integer such as 2014, typed as a number or as text, or a date's year. */
export const year = kind('year', 'year', (v, ctx): number | null => {
  if (isEmpty(v)) return null;
  let n: number | null = null;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const m = /^\s*(\d{4})(-\d{2}-\d{2}([T ][\d:.]+Z?)?)?\s*$/.exec(v);
    if (m) n = Number(m[1]);
  }
  if (n === null || !Number.isInteger(n) || n < MIN_YEAR || n > MAX_YEAR) return fail(ctx, 'ANNEE-ILLISIBLE', { found: { value: v } });
  return n;
});

/** Above a thousand billion euros an amount is a typing error, and sums would leave exact integers. */
export const MAX_AMOUNT_CENTS = 100_000_000_000_000;

export interface MoneyValue {
  cents: Cents;
  /** The amount was typed as text and read (reported as a warning with the value read). */
  fromText: boolean;
  /** The amount had more than two decimals and was rounded to the cent. */
  rounded: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/;

/** An amount in euros: a number, or text in French or English style; null when empty. */
export const money = kind('money', 'money', (v, ctx): MoneyValue | null => {
  if (isEmpty(v)) return null;
  if (typeof v === 'string' && ISO_DATE.test(v.trim())) return fail(ctx, 'MONTANT-DATE', { found: { value: v } });
  if (typeof v === 'boolean') return fail(ctx, 'MONTANT-ILLISIBLE', { found: { value: v } });
  const p = parseAmount(v as string | number);
  if (!p.ok) return fail(ctx, 'MONTANT-ILLISIBLE', { found: { value: v } });
  if (Math.abs(p.cents) > MAX_AMOUNT_CENTS) return fail(ctx, 'MONTANT-ABSURDE', { found: { value: v } });
  return { cents: p.cents, fromText: p.fromText, rounded: p.rounded };
});

export interface NumberValue {
  value: number;
  fromText: boolean;
}

/** A plain number (an indicator value): a number, or text read like an amount; null when empty. */
export const number = kind('number', 'number', (v, ctx): NumberValue | null => {
  if (isEmpty(v)) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return { value: v, fromText: false };
  if (typeof v === 'string') {
    if (ISO_DATE.test(v.trim())) return fail(ctx, 'NOMBRE-DATE', { found: { value: v } });
    const n = parseNumberText(v);
    if (n !== null) return { value: n, fromText: true };
  }
  return fail(ctx, 'NOMBRE-ILLISIBLE', { found: { value: v } });
});

/** One entry of a fixed vocabulary, matched regardless of case and accents; null when empty. */
export function vocabulary<T extends string>(list: readonly T[]): CellKind<T | null> {
  return kind(
    'vocabulary',
    'text',
    (v, ctx): T | null => {
      const t = cellText(v);
      if (t === null) return null;
      return matchVocabulary(list, t) ?? fail(ctx, 'VOCABULAIRE', { found: { value: v }, list: { list } });
    },
    list,
  );
}

/** A date, as ISO text (`2015-03-12`): a date cell, an Excel serial number, or `12/03/2015`. */
export const date = kind('date', 'date', (v, ctx): string | null => {
  if (isEmpty(v)) return null;
  const iso = readDate(v);
  return iso ? iso.slice(0, 10) : fail(ctx, 'DATE-ILLISIBLE', { found: { value: v } });
});

/** A date and time, as ISO text (`2015-03-12T10:30:00`). */
export const datetime = kind('datetime', 'datetime', (v, ctx): string | null => {
  if (isEmpty(v)) return null;
  return readDate(v) ?? fail(ctx, 'DATE-ILLISIBLE', { found: { value: v } });
});

function readDate(v: Input): string | null {
  if (typeof v === 'number') return serialToIso(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (ISO_DATE.test(t)) {
    const serial = isoToSerial(t.replace(' ', 'T'));
    return serial === null ? null : serialToIso(serial);
  }
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (fr) {
    const serial = isoToSerial(`${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`);
    return serial === null ? null : serialToIso(serial);
  }
  return null;
}

/** Whether 14 digits are a valid SIRET: Luhn on the SIREN and on the SIRET, La Poste's establishments excepted (sum of digits multiple of 5). */
export function validSiret(digits: string): boolean {
  if (!/^\d{14}$/.test(digits)) return false;
  if (!luhn(digits.slice(0, 9))) return false;
  if (digits.startsWith('356000000') && digits !== '35600000000048') return [...digits].reduce((a, d) => a + Number(d), 0) % 5 === 0;
  return luhn(digits);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A SIRET: 14 digits (spaces and dots allowed when typed) with a valid key; null when empty. */
export const siret = kind('siret', 'text', (v, ctx): string | null => {
  if (isEmpty(v)) return null;
  const digits = typeof v === 'number' && Number.isInteger(v) ? String(v) : String(v).replace(/[\s.\u00a0\u202f]/g, '');
  return validSiret(digits) ? digits : fail(ctx, 'SIRET-INVALIDE', { found: { value: v } });
});

/** An RNA number (register of associations): W followed by 9 digits; null when empty. */
export const rna = kind('rna', 'text', (v, ctx): string | null => {
  if (isEmpty(v)) return null;
  const t = String(v).trim().toUpperCase();
  return /^W\d{9}$/.test(t) ? t : fail(ctx, 'RNA-INVALIDE', { found: { value: v } });
});

/** Result of reading one cell: the value, or the rule it breaks with the rule's parameters. */
export type CellRead<T> = { ok: true; value: T } | { ok: false; rule: RuleId; params: Params };

/** What `cellInput` accepts (zod's `z.number()` refuses NaN and infinities; objects must carry `uncomputed`). */
function isInput(v: unknown): v is Input {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      return v === null || typeof (v as { uncomputed?: unknown }).uncomputed === 'string';
    default:
      return false;
  }
}

/** A stand-in for zod's refinement context: keeps the first issue a kind's reading raises. */
class FirstIssue {
  issue: { params?: { rule?: RuleId; params?: Params } } | null = null;
  addIssue(issue: unknown): void {
    this.issue ??= issue as FirstIssue['issue'];
  }
}

/**
 * Reads one cell with its kind. The same result as `k.schema.safeParse`, without zod's
 * machinery: on a cold start (the command line's case), zod's parse costs about 4 µs a value
 * against 0.4 µs for the reading itself, and a 100 000-row workbook has some 10 000 distinct
 * amounts (tests/records.test.ts checks both give the same results).
 */
export function readCell<T>(k: CellKind<T>, raw: CellValue): CellRead<T> {
  let issue: FirstIssue['issue'];
  let value: T | undefined;
  if (!isInput(raw)) issue = {};
  else {
    const ctx = new FirstIssue();
    const c = ctx as unknown as z.RefinementCtx;
    if (!uncomputed(raw, c)) value = k.read(raw, c);
    issue = ctx.issue;
  }
  if (issue === null) return { ok: true, value: value as T };
  return { ok: false, rule: issue.params?.rule ?? 'VALEUR-ILLISIBLE', params: { found: { value: raw }, ...issue.params?.params } };
}
