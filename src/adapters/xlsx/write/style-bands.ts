/**
 * The style of every cell of a sheet, without a per-cell object: the sheet's styled ranges
 * (number formats, named styles, unlocked cells) cut its rows into bands of rows over which the
 * same ranges apply, and each band holds one style index per column. Rows are asked for in
 * increasing order; a band is computed once, when its first row is reached.
 */
import type { PlacedSheet } from '../../../core/layout/placed';
import { checkedRange, type Range } from './ranges';
import { formatOp, OP_UNLOCK, styleOp, type StyleTable } from './styles';

interface RangeOp extends Range {
  op: number;
  /** Position in application order. */
  order: number;
}

/** The styles of the columns of a band: `ids[col - base]`, 0 for the default style. */
export interface Band {
  base: number;
  ids: Int32Array;
}

/** The styled ranges of a sheet, in the order the exceljs builder applies them. */
function rangeOps(s: PlacedSheet): RangeOp[] {
  const out: RangeOp[] = [];
  const add = (ref: string, op: number, what: string) =>
    out.push({ ...checkedRange(ref, `Sheet "${s.name}", ${what}`), op, order: out.length });
  for (const f of s.formats) add(f.ref, formatOp(f.format), `number format ${f.format}`);
  for (const st of s.styles) add(st.ref, styleOp(st.style), `style ${st.style}`);
  if (s.protection) for (const ref of s.protection.unlocked) add(ref, OP_UNLOCK, 'unlocked cells');
  return out;
}

export class StyleBands {
  private readonly ops: RangeOp[];
  /** Ops by first row. */
  private readonly byTop: RangeOp[];
  /** Rows where the set of applying ranges changes, ascending. */
  private readonly breaks: number[];
  private nextBreak = 0;
  private nextTop = 0;
  private active: RangeOp[] = [];
  private band: Band | null = null;

  constructor(
    sheet: PlacedSheet,
    private readonly styles: StyleTable,
  ) {
    this.ops = rangeOps(sheet);
    this.byTop = [...this.ops].sort((a, b) => a.top - b.top);
    const rows = new Set<number>();
    for (const o of this.ops) {
      rows.add(o.top);
      rows.add(o.bottom + 1);
    }
    this.breaks = [...rows].sort((a, b) => a - b);
  }

  /** The last row that some range styles (0 if none). */
  get lastRow(): number {
    let n = 0;
    for (const o of this.ops) if (o.bottom > n) n = o.bottom;
    return n;
  }

  /** The last column that some range styles (0 if none). */
  get lastColumn(): number {
    let n = 0;
    for (const o of this.ops) if (o.right > n) n = o.right;
    return n;
  }

  /** The band of row `row`; rows must be asked for in increasing order. */
  at(row: number): Band | null {
    let changed = false;
    while (this.nextBreak < this.breaks.length && this.breaks[this.nextBreak] <= row) {
      this.nextBreak++;
      changed = true;
    }
    if (changed) this.enter(row);
    return this.band;
  }

  private enter(row: number): void {
    while (this.nextTop < this.byTop.length && this.byTop[this.nextTop].top <= row) this.active.push(this.byTop[this.nextTop++]);
    this.active = this.active.filter((o) => o.bottom >= row).sort((a, b) => a.order - b.order);
    if (this.active.length === 0) {
      this.band = null;
      return;
    }
    let base = Infinity;
    let end = 0;
    for (const o of this.active) {
      if (o.left < base) base = o.left;
      if (o.right > end) end = o.right;
    }
    const ids = new Int32Array(end - base + 1);
    for (const o of this.active) {
      for (let c = o.left; c <= o.right; c++) ids[c - base] = this.styles.apply(ids[c - base], o.op);
    }
    this.band = { base, ids };
  }
}
