/**
 * Reading cells into records, as fast as the command line needs it and with the same results:
 * `readCell` calls each kind's reading directly, and must say exactly what the kind's zod schema
 * says; `readRecords` remembers readings per column, and must give what reading each cell would.
 */
import fc from 'fast-check';
import * as kinds from '../src/core/contract/cell-kinds';
import { readCell, type CellKind, type CellRead } from '../src/core/contract/cell-kinds';
import type { CellValue } from '../src/core/contract/cells';
import { readRecords } from '../src/core/contract/records';
import { INPUT_TABLES } from '../src/core/contract/tables';
import type { RuleId } from '../src/core/rules/catalogue';
import type { Params } from '../src/core/shared/message';

/** What `readCell` returned before it bypassed zod: the schema's own verdict. */
function viaZod<T>(k: CellKind<T>, raw: CellValue): CellRead<T> {
  const r = k.schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0] as { params?: { rule?: RuleId; params?: Params } };
  return { ok: false, rule: issue.params?.rule ?? 'VALEUR-ILLISIBLE', params: { found: { value: raw }, ...issue.params?.params } };
}

const KINDS: [string, CellKind<unknown>][] = [
  ['text', kinds.text],
  ['requiredText', kinds.requiredText],
  ['anyValue', kinds.anyValue],
  ['year', kinds.year],
  ['money', kinds.money],
  ['number', kinds.number],
  ['vocabulary', kinds.vocabulary(['Ferme', 'Prévisionnel', 'À confirmer'])],
  ['date', kinds.date],
  ['datetime', kinds.datetime],
];

const SAMPLES: unknown[] = [
  null,
  '',
  '   ',
  'texte',
  '2014',
  ' 2014 ',
  '2014-03-12',
  '2014-03-12T10:30:00',
  '2014-02-30',
  '12/03/2015',
  '1 234,56 €',
  '1,234.56',
  '-12,5',
  '0x10',
  'Infinity',
  'ferme',
  'PREVISIONNEL',
  '=1+1',
  0,
  -0,
  2014,
  2014.5,
  41640,
  1e15,
  1e20,
  -1,
  0.005,
  NaN,
  Infinity,
  -Infinity,
  true,
  false,
  { uncomputed: 'SUM(A1:A3)' },
  { uncomputed: '' },
  { uncomputed: 3 },
  { other: 1 },
  undefined,
];

const value = fc.oneof(
  fc.constantFrom(...SAMPLES),
  fc.string(),
  fc.double(),
  fc.integer({ min: -1e6, max: 3e6 }),
  fc.boolean(),
  fc.record({ uncomputed: fc.string() }),
);

describe('readCell says what the kind’s zod schema says', () => {
  test.each(KINDS)('%s', (_name, k) => {
    for (const v of SAMPLES) expect([v, readCell(k, v as CellValue)]).toEqual([v, viaZod(k, v as CellValue)]);
    fc.assert(
      fc.property(value, (v) => {
        expect(readCell(k, v as CellValue)).toEqual(viaZod(k, v as CellValue));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readRecords', () => {
  test('gives what reading each cell alone would: the per-column memory changes nothing', () => {
    // (-0 is left out: the memory takes it for 0, as a Map does; the file reader never gives -0.)
    const decl = INPUT_TABLES.commitments;
    const headers = decl.columns.map((c) => c.header);
    const cells = SAMPLES.filter((s) => s !== undefined && typeof s !== 'object' && !Object.is(s, -0));
    const row = fc.array(fc.oneof(fc.constantFrom(...cells, null), fc.string()), {
      minLength: headers.length,
      maxLength: headers.length,
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const read = { sheet: 'Engagements', table: 'tblEngagements', headerRow: 4, firstCol: 1, headers, rows: rows as CellValue[][] };
        const once = readRecords(decl, read);
        // Each row read alone, in a table of its own (no memory shared between rows).
        const alone = rows.map((r, i) => readRecords(decl, { ...read, headerRow: 4 + i, rows: [r as CellValue[]] }));
        expect(once.records).toEqual(alone.flatMap((a) => a.records));
        expect(once.findings).toEqual(alone.flatMap((a) => a.findings));
      }),
      { numRuns: 300 },
    );
  });

  test('skips empty rows, rows missing from the file (one shared empty row) and holes of wide rows', () => {
    const decl = INPUT_TABLES.commitments;
    const headers = decl.columns.map((c) => c.header);
    const gap = Object.freeze(new Array<CellValue>(headers.length).fill(null)) as CellValue[];
    const wide: CellValue[] = [];
    wide.length = headers.length; // holes only
    const read = {
      sheet: 'Engagements',
      table: 'tblEngagements',
      headerRow: 4,
      firstCol: 1,
      headers,
      rows: [gap, gap, ['I_1.2', 'REGION', 2014, 10, null, null], gap, wide, ['', ' ', null, null, null, null]],
    };
    const { records, findings } = readRecords(decl, read);
    expect(records.map((r) => r.origin.row)).toEqual([7]);
    expect(findings).toEqual([]);
  });
});
