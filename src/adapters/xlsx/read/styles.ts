/**
 * Which cell styles show dates: a number in such a cell is a date for the user (41640 shows as
 * 01/01/2014), so the reader gives it as ISO text, never as the serial number it is stored as.
 */
import { isDateFormat } from '../../../core/contract/formats';
import { findStartTags, indexOfTag, rootPrefix } from './xml';

export { isDateFormat };

/** Built-in number formats that show a date or a time (ECMA-376 §18.8.30, with the East Asian ones). */
function builtInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * For `xl/styles.xml`, one byte per cell style (`<cellXfs>` entry, the `s` of a cell): 1 when
 * its number format shows a date or a time, else 0.
 */
export function parseDateStyles(xml: string): Uint8Array {
  const P = rootPrefix(xml);
  const custom = new Map<number, string>();
  const fmtsStart = indexOfTag(xml, P + 'numFmts');
  if (fmtsStart >= 0) {
    const fmtsEnd = xml.indexOf('</' + P + 'numFmts>', fmtsStart);
    for (const f of findStartTags(xml, P + 'numFmt', fmtsStart, fmtsEnd < 0 ? undefined : fmtsEnd)) {
      const id = Number(f.attrs.numFmtId);
      if (Number.isInteger(id)) custom.set(id, f.attrs.formatCode ?? '');
    }
  }
  const xfsStart = indexOfTag(xml, P + 'cellXfs');
  if (xfsStart < 0) return new Uint8Array(0);
  const xfsEnd = xml.indexOf('</' + P + 'cellXfs>', xfsStart);
  const xfs = findStartTags(xml, P + 'xf', xfsStart, xfsEnd < 0 ? undefined : xfsEnd);
  const out = new Uint8Array(xfs.length);
  xfs.forEach((xf, i) => {
    const id = Number(xf.attrs.numFmtId ?? 0);
    const code = custom.get(id);
    out[i] = (code !== undefined ? isDateFormat(code) : builtInDate(id)) ? 1 : 0;
  });
  return out;
}
