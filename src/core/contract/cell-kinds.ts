/**
 * Cell schemas: zod schemas that read one cell of a given kind into a typed value. A failed
 * parse carries `params.expected` (what the column accepts, in French) so that every message
 * says what was expected and what was found.
 */
import { z } from 'zod';
import type { CellValue } from '../../ports/workbook';
import { parseAmount, parseNumberText, type Cents } from '../shared/money';
import { cellText } from '../shared/text';
import { matchVocabulary } from './vocabulary';

const cellInput = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Any cell, kept as it is. */
export const anyCell = cellInput;

function fail(ctx: z.RefinementCtx, rule: string, expected: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: expected, params: { rule, expected } });
  return z.NEVER;
}

/** Text cell: trimmed text, or null when empty (numbers and booleans become their text). */
export const textCell = cellInput.transform((v) => cellText(v));

export const requiredText = cellInput.transform((v, ctx) => cellText(v) ?? fail(ctx, 'VALEUR-MANQUANTE', 'une valeur'));

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** A year: an integer such as 2014, typed as a number or as text, or an ISO date's year. */
export const yearCell = cellInput.transform((v, ctx): number | null => {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return null;
  let n: number | null = null;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const m = /^\s*(\d{4})(-\d{2}-\d{2}(T[\d:.]+Z?)?)?\s*$/.exec(v);
    if (m) n = Number(m[1]);
  }
  if (n === null || !Number.isInteger(n) || n < MIN_YEAR || n > MAX_YEAR)
    return fail(ctx, 'ANNEE-ILLISIBLE', 'une année sur quatre chiffres');
  return n;
});

/** Above a thousand billion euros an amount is a typing error, and sums would leave exact integers. */
const MAX_AMOUNT_CENTS = 100_000_000_000_000;

export interface MoneyValue {
  cents: Cents;
  /** The amount was typed as text and read (reported as a warning with the value read). */
  fromText: boolean;
  /** The amount had more than two decimals and was rounded to the cent. */
  rounded: boolean;
}

/** An amount in euros: a number, or text in French or English style; null when empty. */
export const moneyCell = cellInput.transform((v, ctx): MoneyValue | null => {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return null;
  if (typeof v === 'boolean') return fail(ctx, 'MONTANT-ILLISIBLE', 'un montant en euros');
  const p = parseAmount(v);
  if (!p.ok) return fail(ctx, 'MONTANT-ILLISIBLE', 'un montant en euros');
  if (Math.abs(p.cents) > MAX_AMOUNT_CENTS) return fail(ctx, 'MONTANT-ILLISIBLE', 'un montant de moins de mille milliards d’euros');
  return { cents: p.cents, fromText: p.fromText, rounded: p.rounded };
});

export interface NumberValue {
  value: number;
  fromText: boolean;
}

/** A plain number (indicator value): a number, or text read like an amount; null when empty. */
export const numberCell = cellInput.transform((v, ctx): NumberValue | null => {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return { value: v, fromText: false };
  if (typeof v === 'string') {
    const n = parseNumberText(v);
    if (n !== null) return { value: n, fromText: true };
  }
  return fail(ctx, 'NOMBRE-ILLISIBLE', 'un nombre');
});

/** One entry of a fixed vocabulary, matched regardless of case and accents; null when empty. */
export function vocabularyCell<T extends string>(vocabulary: readonly T[]) {
  const expected = vocabulary.join(', ');
  return cellInput.transform((v, ctx): T | null => {
    const t = cellText(v);
    if (t === null) return null;
    return matchVocabulary(vocabulary, t) ?? fail(ctx, 'VOCABULAIRE', `une valeur parmi : ${expected}`);
  });
}

/** Result of reading one cell: the value, or the rule broken and what was expected. */
export type CellRead<T> = { ok: true; value: T } | { ok: false; rule: string; expected: string };

export function readCell<T>(schema: z.ZodType<T, CellValue>, raw: CellValue): CellRead<T> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0] as { message: string; params?: { rule?: string; expected?: string } };
  return { ok: false, rule: issue.params?.rule ?? 'VALEUR-ILLISIBLE', expected: issue.params?.expected ?? issue.message };
}
