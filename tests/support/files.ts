/** Helpers for tests that work on real files: temporary folders and workbooks built from sheets. */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { XlsxNewWorkbook } from '../../src/adapters/node/new-workbook';
import type { PlacedSheet } from '../../src/core/layout/placed';
import { main } from '../../src/faces/cli/main';
import { spaced } from './text';

export function tempDir(label: string): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `suivi-ess-${label}-`));
  return { dir, file: (name) => path.join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function saveSheets(sheets: PlacedSheet[], file: string): Promise<void> {
  const wb = new XlsxNewWorkbook();
  await wb.writeSheets(sheets);
  await wb.save(file);
}

/**
 * Runs the command line in-process and captures what it prints: `out` and `err` with their
 * no-break spaces as plain spaces (for `toContain`), `rawOut` and `rawErr` as printed.
 */
export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string; rawOut: string; rawErr: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), progress: () => undefined });
  return { code, out: spaced(out), err: spaced(err), rawOut: out, rawErr: err };
}
