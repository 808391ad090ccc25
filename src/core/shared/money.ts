/**
 * Money is held in integer cents. Amounts come from cells either as numbers (euros) or, when a
 * user typed them as text, in French or English style; both are read here, never as a silent 0.
 */

export type Cents = number;

export type AmountParse = { ok: true; cents: Cents; fromText: boolean; rounded: boolean } | { ok: false };

const MAX_CENTS = Number.MAX_SAFE_INTEGER;

/** Euros as a number (from a numeric cell) to cents, rounded to the nearest cent. */
export function eurosToCents(euros: number): { cents: Cents; rounded: boolean } | null {
  if (!Number.isFinite(euros)) return null;
  // Round through a decimal string so that 0.1 + 0.2 style binary noise never shifts a cent.
  const cents = Math.round(Number((euros * 100).toFixed(6)));
  if (Math.abs(cents) > MAX_CENTS) return null;
  const rounded = Math.abs(euros * 100 - cents) > 1e-6 * Math.max(1, Math.abs(cents));
  return { cents, rounded };
}

/** Cents to euros, for writing into a cell or a JSON number (display boundary only). */
export function centsToEuros(cents: Cents): number {
  return cents / 100;
}

const SPACES = /[\s\u00a0\u202f\u2009']/g;
const CURRENCY = /(€|eur(o|os)?\b)/gi;

/** A decimal number read from text: sign, integer digits and fraction digits. */
export interface DecimalText {
  negative: boolean;
  intPart: string;
  fracPart: string;
}

/**
 * Reads a number typed as text in French or English style: `12 500 €`, `12.500,00`,
 * `12,500.00`, `1 085 200`, `-300`, `(300)`, `0,5`. Returns null for text that is not a number
 * (`douze mille`, `12,5,0`). One separator followed by exactly three digits groups thousands
 * (`12,500` and `12.500` both read 12500): callers show the value read so a user can check it.
 */
export function parseDecimalText(input: string): DecimalText | null {
  let s = input.trim();
  if (s === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(CURRENCY, '').trim();
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  }
  // Thousands separated by spaces (any kind) or apostrophes: check the groups before joining them.
  const groups = s.split(/[\s\u00a0\u202f\u2009']+/);
  if (groups.length > 1) {
    const last = groups[groups.length - 1];
    const ok = /^\d{1,3}$/.test(groups[0]) && groups.slice(1, -1).every((g) => /^\d{3}$/.test(g)) && /^\d{3}([.,]\d+)?$/.test(last);
    if (!ok) return null;
  }
  s = s.replace(SPACES, '');
  if (!/^\d[\d.,]*$/.test(s) && !/^[.,]\d+$/.test(s)) return null;

  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let intPart: string;
  let fracPart = '';
  if (lastComma >= 0 && lastDot >= 0) {
    // Both present: the last one is the decimal separator, the other groups thousands.
    const dec = lastComma > lastDot ? ',' : '.';
    const thou = dec === ',' ? '.' : ',';
    const [head, frac, ...rest] = s.split(dec);
    if (rest.length > 0 || frac.includes(thou)) return null;
    if (!validGroups(head, thou)) return null;
    intPart = head.split(thou).join('');
    fracPart = frac;
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = s.split(sep);
    const tail = parts[parts.length - 1];
    if (parts.length === 2 && tail.length !== 3) {
      intPart = parts[0];
      fracPart = tail;
    } else if (validGroups(s, sep)) {
      intPart = parts.join('');
    } else {
      return null;
    }
  } else {
    intPart = s;
  }
  if (intPart === '') intPart = '0';
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return null;
  return { negative, intPart, fracPart };
}

/** Reads an amount typed as text into cents (see parseDecimalText for the accepted forms). */
export function parseAmountText(input: string): AmountParse {
  const d = parseDecimalText(input);
  if (!d) return { ok: false };
  const frac3 = (d.fracPart + '000').slice(0, 3);
  let cents = Number(d.intPart) * 100 + Number(frac3.slice(0, 2));
  const rounded = d.fracPart.length > 2 && /[1-9]/.test(d.fracPart.slice(2));
  if (Number(frac3[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) return { ok: false };
  return { ok: true, cents: d.negative ? -cents : cents, fromText: true, rounded };
}

/** Reads a plain number typed as text (indicator values), same forms as amounts. */
export function parseNumberText(input: string): number | null {
  const d = parseDecimalText(input);
  if (!d) return null;
  const n = Number(`${d.intPart}.${d.fracPart || '0'}`);
  return Number.isFinite(n) ? (d.negative ? -n : n) : null;
}

/** `1.085.200` with `.` as `sep`: a first group of 1 to 3 digits, then groups of exactly 3. */
function validGroups(s: string, sep: string): boolean {
  const groups = s.split(sep);
  return /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/** Reads an amount cell: a number (euros) or text. */
export function parseAmount(v: string | number): AmountParse {
  if (typeof v === 'number') {
    const c = eurosToCents(v);
    return c ? { ok: true, cents: c.cents, fromText: false, rounded: c.rounded } : { ok: false };
  }
  return typeof v === 'string' ? parseAmountText(v) : { ok: false };
}

/** `2 387 500,00 €` with narrow no-break spaces, as French Excel shows it; for messages. */
export function formatEuros(cents: Cents): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  const c = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${euros},${c}\u00a0€`;
}

/** Sum of cents, checked to stay an exact integer. */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) throw new RangeError('sum of cents exceeds the safe integer range');
  return total;
}
