/**
 * Cell styles: the table of cell formats (`cellXfs`) of a workbook, built as cells ask for them,
 * and the `xl/styles.xml` part that holds it.
 *
 * A cell's style results from operations applied in order, as the exceljs builder applies them:
 * number formats, then named styles (each replacing the font, fill, border or alignment it
 * defines), then the unlocked input fill, then the quote prefix of formula-like text. Each
 * (style, operation) pair is resolved once and memoized, so a cell costs one map look-up per
 * operation and the index of its `<xf>` is a small integer.
 */
import { NUMBER_FORMATS, type FormatKind, type StyleKind } from '../../../core/layout/placed';

const FORMAT_KINDS = Object.keys(NUMBER_FORMATS) as FormatKind[];
const STYLE_KINDS: StyleKind[] = ['title', 'note', 'example', 'caption', 'total'];

/** Operation codes: a number format, a named style, unlocking, the quote prefix. */
export const OP_UNLOCK = 0;
export const OP_QUOTE = 1;
const OP_FORMAT_BASE = 2;
const OP_STYLE_BASE = OP_FORMAT_BASE + FORMAT_KINDS.length;
const OP_COUNT = OP_STYLE_BASE + STYLE_KINDS.length;

export function formatOp(kind: FormatKind): number {
  const i = FORMAT_KINDS.indexOf(kind);
  if (i < 0) throw new Error(`Unknown number format kind ${String(kind)}`);
  return OP_FORMAT_BASE + i;
}

export function styleOp(kind: StyleKind): number {
  const i = STYLE_KINDS.indexOf(kind);
  if (i < 0) throw new Error(`Unknown style kind ${String(kind)}`);
  return OP_STYLE_BASE + i;
}

// Fonts, fills, borders and alignments, by index in styles.xml.
const FONT_DEFAULT = 0;
const FONTS = [
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="13"/><color rgb="FF1F3864"/><name val="Calibri"/><family val="2"/></font>', // title
  '<font><i/><sz val="11"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/></font>', // note
  '<font><b/><sz val="11"/><color rgb="FFC00000"/><name val="Calibri"/><family val="2"/></font>', // example
  '<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font>', // caption
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>', // total
];
const solidFill = (argb: string) =>
  `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;
const FILL_NONE = 0;
const FILL_UNLOCKED = 4;
const FILLS = [
  '<fill><patternFill patternType="none"/></fill>',
  '<fill><patternFill patternType="gray125"/></fill>',
  solidFill('FFFFF2CC'), // example
  solidFill('FF2E75B6'), // caption
  solidFill('FFFFF9DB'), // unlocked input cells
];
const BORDER_NONE = 0;
const BORDERS = [
  '<border><left/><right/><top/><bottom/><diagonal/></border>',
  '<border><left/><right/><top style="thin"><color indexed="64"/></top><bottom/><diagonal/></border>', // total
];
const ALIGN_NONE = 0;
const ALIGNMENTS = ['', '<alignment vertical="center" wrapText="1"/>'];

/** What each named style sets (undefined: left as it was), as in the exceljs builder. */
const STYLE_PROPS: Record<StyleKind, { font?: number; fill?: number; border?: number; align?: number }> = {
  title: { font: 1 },
  note: { font: 2 },
  example: { font: 3, fill: 2 },
  caption: { font: 4, fill: 3, align: 1 },
  total: { font: 5, border: 1 },
};

/** The attention fill of conditional highlights: a differential format (dxf 0). */
const HIGHLIGHT_DXF = '<dxf><fill><patternFill patternType="solid"><bgColor rgb="FFF8CBAD"/></patternFill></fill></dxf>';
export const HIGHLIGHT_DXF_ID = 0;

/** Custom number formats start at 164 (lower ids are Excel's built-in ones). */
const FIRST_CUSTOM_FORMAT = 164;
const NO_FORMAT = -1;

interface Xf {
  format: number;
  font: number;
  fill: number;
  border: number;
  align: number;
  unlocked: boolean;
  quote: boolean;
}

const DEFAULT_XF: Xf = {
  format: NO_FORMAT,
  font: FONT_DEFAULT,
  fill: FILL_NONE,
  border: BORDER_NONE,
  align: ALIGN_NONE,
  unlocked: false,
  quote: false,
};

function xfKey(x: Xf): string {
  return `${x.format}|${x.font}|${x.fill}|${x.border}|${x.align}|${x.unlocked ? 1 : 0}|${x.quote ? 1 : 0}`;
}

function applyOp(x: Xf, op: number): Xf {
  if (op === OP_UNLOCK) return { ...x, unlocked: true, fill: FILL_UNLOCKED };
  if (op === OP_QUOTE) return { ...x, quote: true };
  if (op < OP_STYLE_BASE) return { ...x, format: op - OP_FORMAT_BASE };
  const p = STYLE_PROPS[STYLE_KINDS[op - OP_STYLE_BASE]];
  return { ...x, font: p.font ?? x.font, fill: p.fill ?? x.fill, border: p.border ?? x.border, align: p.align ?? x.align };
}

/** The cell formats of a workbook; index 0 is the default style. */
export class StyleTable {
  private readonly xfs: Xf[] = [DEFAULT_XF];
  private readonly byKey = new Map<string, number>([[xfKey(DEFAULT_XF), 0]]);
  /** Memo of `apply`: (style index × OP_COUNT + op) → style index. */
  private readonly memo = new Map<number, number>();

  /** The style of a cell of style `id` once `op` is applied to it. */
  apply(id: number, op: number): number {
    const k = id * OP_COUNT + op;
    const hit = this.memo.get(k);
    if (hit !== undefined) return hit;
    const x = applyOp(this.xfs[id], op);
    const key = xfKey(x);
    let out = this.byKey.get(key);
    if (out === undefined) {
      out = this.xfs.length;
      this.xfs.push(x);
      this.byKey.set(key, out);
    }
    this.memo.set(k, out);
    return out;
  }

  get count(): number {
    return this.xfs.length;
  }

  /** The `xl/styles.xml` part. */
  xml(): string {
    const formats = FORMAT_KINDS.map(
      (k, i) =>
        `<numFmt numFmtId="${FIRST_CUSTOM_FORMAT + i}" formatCode="${NUMBER_FORMATS[k].replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>`,
    );
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<numFmts count="${formats.length}">${formats.join('')}</numFmts>` +
      `<fonts count="${FONTS.length}">${FONTS.join('')}</fonts>` +
      `<fills count="${FILLS.length}">${FILLS.join('')}</fills>` +
      `<borders count="${BORDERS.length}">${BORDERS.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.map(xfXml).join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="1">${HIGHLIGHT_DXF}</dxfs>` +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

function xfXml(x: Xf): string {
  const numFmtId = x.format === NO_FORMAT ? 0 : FIRST_CUSTOM_FORMAT + x.format;
  let attrs = `numFmtId="${numFmtId}" fontId="${x.font}" fillId="${x.fill}" borderId="${x.border}" xfId="0"`;
  if (numFmtId) attrs += ' applyNumberFormat="1"';
  if (x.font) attrs += ' applyFont="1"';
  if (x.fill) attrs += ' applyFill="1"';
  if (x.border) attrs += ' applyBorder="1"';
  if (x.align) attrs += ' applyAlignment="1"';
  if (x.unlocked) attrs += ' applyProtection="1"';
  if (x.quote) attrs += ' quotePrefix="1"';
  const children = ALIGNMENTS[x.align] + (x.unlocked ? '<protection locked="0"/>' : '');
  return children ? `<xf ${attrs}>${children}</xf>` : `<xf ${attrs}/>`;
}
