/**
 * French typography for the prose Suivi ESS writes (messages, notes of the sheets, the command
 * line): a no-break space (U+00A0) before « : » and inside « guillemets », a narrow no-break
 * space (U+202F) before « ; », « ! » and « ? », and the typographic apostrophe (’).
 *
 * It is applied to Suivi ESS's own text only, never to what users typed: `renderTemplate` applies
 * it to a template before filling in the values, and the `fr` tag to the literal parts of a
 * template string, not to the values interpolated in it.
 */

export const NBSP = '\u00a0';
export const NNBSP = '\u202f';

const LETTER = 'A-Za-zÀ-ÖØ-öø-ÿŒœ';
const APOSTROPHE = new RegExp(`([${LETTER}])'(?=[${LETTER}])`, 'g');

/** The text with French spacing and apostrophes. Idempotent. */
export function frenchTypography(text: string): string {
  if (text === '') return text;
  return text
    .replace(APOSTROPHE, '$1’')
    .replace(/[ \u202f\u2009]+:/g, `${NBSP}:`)
    .replace(/[ \u00a0\u2009]+([;!?])/g, `${NNBSP}$1`)
    .replace(/«[ \u00a0\u202f\u2009]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f\u2009]*»/g, `${NBSP}»`);
}

/**
 * A tagged template for French prose: typography on the literal parts, the interpolated values
 * inserted as they are (a user's text is never altered).
 *   fr`Feuille « ${sheet} » : ${n} erreur(s).`
 */
export function fr(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = frenchTypography(strings[0]);
  for (let i = 0; i < values.length; i++) out += String(values[i]) + frenchTypography(strings[i + 1]);
  return out;
}

/** Where a text breaks French typography (for the tests that guard against drift); empty when none. */
export function typographyFaults(text: string): string[] {
  const faults: string[] = [];
  const context = (i: number) => JSON.stringify(text.slice(Math.max(0, i - 20), i + 20));
  // A colon of prose is followed by a space or ends the text (`12:30`, `A1:B2`, `https://` are not prose).
  for (const m of text.matchAll(/(.?):(?=\s|$)/g)) {
    if (m[1] !== NBSP) faults.push(`no-break space expected before a colon: ${context(m.index ?? 0)}`);
  }
  for (const m of text.matchAll(/[ \u00a0][;!?]/g))
    faults.push(`narrow no-break space expected before ${m[0][1]}: ${context(m.index ?? 0)}`);
  for (const m of text.matchAll(/«(?!\u00a0)|(?<!\u00a0)»/g))
    faults.push(`no-break space expected inside guillemets: ${context(m.index ?? 0)}`);
  for (const m of text.matchAll(new RegExp(`[${LETTER}]'[${LETTER}]`, 'g')))
    faults.push(`typographic apostrophe expected: ${context(m.index ?? 0)}`);
  return faults;
}
