/**
 * No spread of a data-sized array as call arguments: `Math.max(...rows)` or `out.push(...rows)`
 * passes every element on the stack and throws a RangeError from about 120 000 elements in V8
 * (fewer in Safari). A guard over src/ (by the TypeScript syntax tree, so comments and strings
 * are not matched) and a data-sized case through the core that had such spreads.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { analyse } from '../src/core/analysis/analyse';
import { findFramework } from '../src/core/framework';
import { frameworkTables } from '../src/core/framework/workbook-tables';
import { INPUT_ORDER, INPUT_TABLES } from '../src/core/contract/tables';
import type { ContractTables } from '../src/core/contract/contract-records';

const SRC = path.join(__dirname, '..', 'src');

function files(dir = SRC): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** Calls whose arguments may not be spread: they take every element as an argument. */
const GUARDED = /^(Math\.(max|min)|.*\.(push|unshift))$/;

test('no call in src/ spreads an array into Math.max, Math.min, push or unshift', () => {
  const found: string[] = [];
  for (const file of files()) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.arguments.some(ts.isSpreadElement) && GUARDED.test(node.expression.getText(source))) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        found.push(`${path.relative(SRC, file)}:${line + 1}: ${node.getText(source).slice(0, 80)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  // Use maxOf/minOf (core/shared/order) or a loop.
  expect(found).toEqual([]);
});

test('200 000 report rows that each give a finding are analysed without a stack overflow', () => {
  const f = findFramework('rhone-alpes-ces-2014-2016')!;
  const input = frameworkTables(f, true);
  const tables = Object.fromEntries(
    INPUT_ORDER.map((k, i) => [
      k,
      {
        sheet: INPUT_TABLES[k].sheet,
        table: INPUT_TABLES[k].table,
        headerRow: 1 + i,
        firstCol: 1,
        headers: input[k].headers,
        rows: input[k].rows,
      },
    ]),
  ) as ContractTables;
  // An unreadable value on every row: one finding each.
  for (let i = 0; i < 200_000; i++) tables.reports.rows.push(['I_1.2', 'Opérateur', 2014, 'PUBLIC_SENSIBILISE', 'beaucoup', '69', 'test']);
  const a = analyse(tables);
  expect(a.findings.length).toBeGreaterThanOrEqual(200_000);
}, 60_000);
