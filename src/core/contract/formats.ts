/**
 * Number formats of the contract's cells, by kind. The money format uses `,` (thousands) and `.`
 * (decimals) in the invariant format syntax, which Excel shows in the user's locale:
 * `2 387 500,00 €` in French. Dates are serial numbers with a day-first format.
 */
export const NUMBER_FORMATS = {
  money: '#,##0.00 "€"',
  percent: '0.0%',
  year: '0',
  integer: '#,##0',
  // General (« Standard » in French Excel): 120 shows as 120 and 12.5 as 12,5. A format such as
  // #,##0.###### would show 120 as « 120, » with a trailing decimal separator.
  number: 'General',
  text: '@',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
} as const;

export type FormatKind = keyof typeof NUMBER_FORMATS;

/** Day 0 of Excel's 1900 date system, as a Unix time in days (1899-12-30, leap-year bug included). */
const EPOCH_DAYS = 25569;

/** An ISO date or date-time (`2015-03-12`, `2015-03-12T10:30:00Z`) as an Excel serial number. */
export function isoToSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?)?$/.exec(iso.trim());
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms);
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return null;
  return ms / 86_400_000 + EPOCH_DAYS;
}

/** An Excel serial number as an ISO date (`2015-03-12`), or date-time when it has a time part. */
export function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const ms = Math.round((serial - EPOCH_DAYS) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

/**
 * Whether a number format code (as Excel's API and SpreadsheetML write it)  shows a date or a time: it has a `d`, `m`, `y` or `h` token
 * outside quoted text (`"mm"`), brackets (`[Red]`, `[$-40C]`, `[h]`) and escaped characters
 * (`\d`, `_d`, `*d`). `#,##0.00 "€"` is not a date format; `dd/mm/yyyy` and `[$-40C]d mmmm` are.
 */
export function isDateFormat(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '"') {
      const end = code.indexOf('"', i + 1);
      if (end < 0) return false;
      i = end;
    } else if (c === '[') {
      const end = code.indexOf(']', i + 1);
      if (end < 0) return false;
      i = end;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++;
    } else if ('dDmMyYhH'.includes(c)) {
      return true;
    }
  }
  return false;
}
