/**
 * The arrows between the folders: the core imports nothing from the port, the adapters, the
 * commands or the faces (nor Node, React or Office); the port only the core; commands only the
 * core and the port; adapters no command nor face; faces keep to their own adapters. And
 * `Excel.run` appears in the Office adapter's run.ts alone.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', 'src');

interface SourceFile {
  /** Path from src/, with forward slashes. */
  file: string;
  text: string;
}

function sources(dir = SRC): SourceFile[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(f) ? [{ file: path.relative(SRC, p).split(path.sep).join('/'), text: readFileSync(p, 'utf8') }] : [];
  });
}

/** Imports of a file: relative ones resolved from src/ (`core/shared/money`), packages as named. */
function importsOf(f: SourceFile): string[] {
  const out: string[] = [];
  for (const m of f.text.matchAll(
    /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*(?:\/\*[^*]*\*\/\s*)?'([^']+)'\s*\)|require\('([^']+)'\)/g,
  )) {
    const spec = m[1] ?? m[2] ?? m[3];
    out.push(spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(f.file), spec)) : `pkg:${spec}`);
  }
  return out;
}

const NODE = /^pkg:(node:)?(fs|path|zlib|os|child_process|buffer|crypto|stream|http|https|url)(\/|$)/;

/** Each rule: files it applies to, and imports they must not have. */
const ARROWS: { from: RegExp; forbidden: RegExp; why: string }[] = [
  { from: /^core\//, forbidden: /^(ports|adapters|commands|faces|docs)\//, why: 'the core imports nothing outside the core' },
  { from: /^core\//, forbidden: NODE, why: 'the core does no I/O' },
  {
    from: /^core\//,
    forbidden: /^pkg:(react|react-dom|@fluentui|@microsoft|exceljs|office)/,
    why: 'no React, Office or file library in the core',
  },
  { from: /^ports\//, forbidden: /^(adapters|commands|faces)\//, why: 'the port knows only the core' },
  { from: /^commands\//, forbidden: /^(adapters|faces)\//, why: 'commands work through the port' },
  { from: /^adapters\//, forbidden: /^(commands|faces)\//, why: 'adapters implement the port, nothing more' },
  { from: /^adapters\/xlsx\/write\//, forbidden: NODE, why: 'the .xlsx writer runs in Node and in the browser' },
  { from: /^adapters\/xlsx\/read\//, forbidden: NODE, why: 'the .xlsx reader runs in Node and in the browser' },
  {
    from: /^adapters\/(xlsx|browser)\//,
    forbidden: /^pkg:exceljs/,
    why: 'files are read by the lean reader and written by the lean writer, in both faces',
  },
  { from: /^faces\/(taskpane|ribbon)\//, forbidden: /^adapters\/node\/|^faces\/cli\//, why: 'the add-in never loads Node code' },
  { from: /^faces\/(taskpane|ribbon)\//, forbidden: NODE, why: 'the add-in runs in a browser' },
  {
    from: /^faces\/cli\//,
    forbidden: /^adapters\/(office|browser)\/|^faces\/(taskpane|ribbon)\//,
    why: 'the command line never loads the add-in',
  },
];

/** Violations of the arrows, and `Excel.run` outside the Office adapter's run.ts. */
export function violations(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    for (const imp of importsOf(f)) {
      for (const a of ARROWS) if (a.from.test(f.file) && a.forbidden.test(imp)) out.push(`${f.file} imports ${imp}: ${a.why}`);
    }
    if (f.file !== 'adapters/office/run.ts' && /\bExcel\.run\s*\(/.test(f.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))) {
      out.push(`${f.file} calls Excel.run: only adapters/office/run.ts may`);
    }
  }
  return out;
}

test('the source tree keeps its arrows', () => {
  const files = sources();
  expect(files.length).toBeGreaterThan(50);
  expect(violations(files)).toEqual([]);
});

test('the guard fails when the core imports the port, an adapter or Node, or when Excel.run leaves run.ts', () => {
  const bad: SourceFile[] = [
    { file: 'core/rules/x.ts', text: "import type { WorkbookReader } from '../../ports/workbook';" },
    { file: 'core/shared/y.ts', text: "import { promises } from 'fs';" },
    { file: 'core/layout/z.ts', text: "export { XlsxFileReader } from '../../adapters/xlsx/read/reader';" },
    { file: 'faces/taskpane/w.ts', text: "const m = await import('../../adapters/node/files');" },
    { file: 'faces/taskpane/v.ts', text: 'await Excel.run(async (ctx) => ctx.sync());' },
    { file: 'adapters/xlsx/read/u.ts', text: "import { inflateRawSync } from 'zlib';" },
    { file: 'adapters/browser/t.ts', text: "const ExcelJS = await import('exceljs');" },
  ];
  expect(violations(bad)).toEqual([
    'core/rules/x.ts imports ports/workbook: the core imports nothing outside the core',
    'core/shared/y.ts imports pkg:fs: the core does no I/O',
    'core/layout/z.ts imports adapters/xlsx/read/reader: the core imports nothing outside the core',
    'faces/taskpane/w.ts imports adapters/node/files: the add-in never loads Node code',
    'faces/taskpane/v.ts calls Excel.run: only adapters/office/run.ts may',
    'adapters/xlsx/read/u.ts imports pkg:zlib: the .xlsx reader runs in Node and in the browser',
    'adapters/browser/t.ts imports pkg:exceljs: files are read by the lean reader and written by the lean writer, in both faces',
  ]);
});
