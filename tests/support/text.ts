/** Text helpers for assertions on French sentences. */

/** The sentence with its no-break spaces as plain spaces (French typography put aside for `toContain`). */
export function spaced(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}
