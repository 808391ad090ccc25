/**
 * The shared strings of a workbook (`xl/sharedStrings.xml`): each distinct text once, cells
 * holding its index. Contract tables repeat their codes, operators and territories on every
 * row, so sharing makes worksheets smaller and faster to deflate than inline strings.
 */
import type { ByteSink } from './byte-sink';
import { escapeText, needsPreserve } from './text';

export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly texts: string[] = [];
  /** Text cells written (the `count` attribute). */
  private uses = 0;

  /** The index of a text, added on first use. */
  indexOf(s: string): number {
    this.uses++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.texts.length;
      this.texts.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  get size(): number {
    return this.texts.length;
  }

  /** Writes the part into `sink`. */
  write(sink: ByteSink): void {
    sink.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n');
    sink.write(
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.uses}" uniqueCount="${this.texts.length}">`,
    );
    for (const s of this.texts) sink.write(stringItem(s));
    sink.write('</sst>');
  }
}

/** `<si>` of a shared string, or the `<is>` content of an inline one: `<t>` with its text. */
export function textElement(s: string): string {
  return needsPreserve(s) ? `<t xml:space="preserve">${escapeText(s)}</t>` : `<t>${escapeText(s)}</t>`;
}

function stringItem(s: string): string {
  return `<si>${textElement(s)}</si>`;
}
