/**
 * What Excel does to the references in formulas when a sheet or a table goes away or is renamed:
 * `=Bilans!A1` becomes `=#REF!A1` once `Bilans` is deleted and `='Mes bilans'!A1` once it is
 * renamed; `tblBilans[Valeur]` becomes `#REF!` once the table is deleted and follows a rename.
 * Only the text outside string literals is rewritten. Row and column moves (insertions,
 * deletions) are not followed (see the README).
 */
import { quoteSheetName } from './address';

/** A sheet reference before `!`: quoted (`'Plan d''actions'`) or plain (`Bilans`). */
const SHEET_REF = /(?:'((?:[^']|'')+)'|([\p{L}_\\][\p{L}\p{N}_.]*))!/gu;

/** Applies `f` to the parts of a formula outside string literals (`"…"`, `""` escaped). */
function outsideStrings(formula: string, f: (code: string) => string): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const q = formula.indexOf('"', i);
    if (q < 0) {
      out += f(formula.slice(i));
      break;
    }
    out += f(formula.slice(i, q));
    let end = q + 1;
    while (end < formula.length) {
      if (formula[end] === '"' && formula[end + 1] === '"') end += 2;
      else if (formula[end] === '"') break;
      else end++;
    }
    out += formula.slice(q, end + 1);
    i = end + 1;
  }
  return out;
}

const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** References to sheet `name` rewritten: to `#REF!` (`to` null) or to the sheet's new name. */
export function renameSheetRefs(formula: string, name: string, to: string | null): string {
  return outsideStrings(formula, (code) =>
    code.replace(SHEET_REF, (m, quoted: string | undefined, plain: string | undefined) => {
      const ref = quoted !== undefined ? quoted.replace(/''/g, "'") : plain!;
      if (!same(ref, name)) return m;
      return to === null ? '#REF!' : `${quoteSheetName(to)}!`;
    }),
  );
}

/** Structured references to table `name` (`tblBilans[Valeur]`, `tblBilans[#All]`): `#REF!` or renamed. */
export function renameTableRefs(formula: string, name: string, to: string | null): string {
  const escaped = name.replace(/[.\\]/g, (c) => `\\${c}`);
  const ref = new RegExp(`(^|[^\\p{L}\\p{N}_.\\\\])${escaped}(\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\])?(?![\\p{L}\\p{N}_.(])`, 'giu');
  return outsideStrings(formula, (code) =>
    code.replace(ref, (_m, before: string, columns: string | undefined) => `${before}${to === null ? '#REF!' : to + (columns ?? '')}`),
  );
}
