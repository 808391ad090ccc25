/**
 * Reports round trip: templates generated, filled with known values, imported, consolidated;
 * duplicates, replacement and history; order independence; hostile files.
 */
import { deflateRawSync } from 'zlib';
import { readFileSync, writeFileSync } from 'fs';
import ExcelJS from 'exceljs';
import { openXlsxBytes } from '../src/adapters/node/files';
import { readContractTables } from '../src/commands/read-contract';
import { analyse, consolidation, generated } from '../src/core/analysis/analyse';
import type { ReportFill } from '../src/core/examples/example-reports';
import { cli, tempDir } from './support/files';
import { filledReport, RA, REPORT_A, REPORT_B } from './support/reports';
const tmp = tempDir('import');
afterAll(() => tmp.cleanup());

const workbook = tmp.file('suivi.xlsx');
beforeAll(async () => {
  expect((await cli('init', '--framework', RA.id, '--example', '-o', workbook)).code).toBe(0);
});

async function report(name: string, action: string, year: number, fill: ReportFill): Promise<string> {
  const file = tmp.file(name);
  writeFileSync(file, await filledReport(action, year, fill));
  return file;
}

const read = async (file: string) => analyse(await readContractTables(await openXlsxBytes(readFileSync(file), 'x.xlsx')));

describe('round trip', () => {
  test('every consolidated figure equals what was filled in', async () => {
    const a = await report('a.xlsx', 'I_1.2', 2014, REPORT_A);
    const b = await report('b.xlsx', 'II_1.1', 2015, REPORT_B);
    const out = tmp.file('avec-bilans.xlsx');
    const r = await cli('import', workbook, a, b, '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/a\.xlsx \(I_1\.2, Association A \(fictive\), 2014\) : importé, 5 ligne\(s\) ajoutée\(s\)/);
    expect(r.out).toMatch(/b\.xlsx \(II_1\.1, Association B \(fictive\), 2015\) : importé, 3 ligne\(s\) ajoutée\(s\)/);
    const after = await read(out);
    const before = await read(workbook);
    // The example's own reports are untouched; the imported rows carry their file as source.
    expect(after.records.reports.length).toBe(before.records.reports.length + 4);
    const imported = after.records.reports.filter((x) => x.source === 'a.xlsx' || x.source === 'b.xlsx');
    const sorted = imported
      .map((x) => [x.action, x.year, x.indicator, x.value?.value, x.territory])
      .sort((p, q) => JSON.stringify(p).localeCompare(JSON.stringify(q)));
    // Territories as their codes: « 69 » and « Isère » are D69 and D38.
    expect(sorted).toEqual([
      ['I_1.2', 2014, 'PUBLIC_SENSIBILISE', 1000, 'D69'],
      ['I_1.2', 2014, 'PUBLIC_SENSIBILISE', 250, 'D38'],
      ['II_1.1', 2015, 'BONNES_PRATIQUES_DIFFUSEES', 6, null],
      ['II_1.1', 2015, 'PROJETS_INNOVATION_SOCIALE', 333.5, 'D38'],
    ]);
    // Consolidated: the example's values plus what was filled in, year by year.
    const ind = (x: typeof after, code: string) => consolidation(x).indicators.find((i) => i.code === code)!;
    const added = (code: string, year: 0 | 1) => (ind(after, code).byYear[year] ?? 0) - (ind(before, code).byYear[year] ?? 0);
    expect(added('PUBLIC_SENSIBILISE', 0)).toBe(1250);
    expect(added('PROJETS_INNOVATION_SOCIALE', 1)).toBe(333.5);
    expect(added('BONNES_PRATIQUES_DIFFUSEES', 1)).toBe(6);
    // The subsidy granted (a product of the Cerfa) and what was received to date.
    expect(
      after.records.realised.map((x) => [x.post.slice(0, 2), x.funder ?? '', x.planned?.cents, x.actual?.cents, x.received?.cents ?? null]),
    ).toEqual([
      ['64', '', 1000000, 1100000, null],
      ['74', 'REGION', 500000, 500000, 400000],
    ]);
    // The written parts and the signature, one row per report.
    expect(after.records.qualitative.map((x) => [x.action, x.year, x.scope, x.results, x.signatory])).toEqual([
      ['I_1.2', 2014, 'Année', 'Mille jeunes sensibilisés (fictif).', 'A. Martin (fictif)'],
      ['II_1.1', 2015, 'Année', 'Mille jeunes sensibilisés (fictif).', 'B. Durand (fictif)'],
    ]);
    expect(after.records.imports.map((x) => [x.file, x.action, x.year, x.added?.value, x.replaced?.value])).toEqual([
      ['a.xlsx', 'I_1.2', 2014, 5, 0],
      ['b.xlsx', 'II_1.1', 2015, 3, 0],
    ]);
    expect(after.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual([]);
  });

  test('a report imported twice is refused unless --replace, which replaces and logs it', async () => {
    const fill: ReportFill = { operator: 'Association C (fictive)', values: [{ indicator: 'EMPLOIS_CREES', value: 3 }], realised: [] };
    const first = await report('c1.xlsx', 'III_1.2', 2014, fill);
    const second = await report('c2.xlsx', 'III_1.2', 2014, { ...fill, values: [{ indicator: 'EMPLOIS_CREES', value: 5 }] });
    const out1 = tmp.file('c-refus.xlsx');
    const r1 = await cli('import', workbook, first, second, '-o', out1);
    expect(r1.code).toBe(1);
    expect(r1.out).toMatch(
      /c2\.xlsx \(III_1\.2, Association C \(fictive\), 2014\) : refusé — .*celui de III_1\.2 2014 de Association C \(fictive\) l’est déjà \(c1\.xlsx\).*Relancez avec --replace/,
    );
    const kept = await read(out1);
    expect(
      kept.records.reports.filter((x) => x.indicator === 'EMPLOIS_CREES' && x.action === 'III_1.2').map((x) => x.value?.value),
    ).toEqual([3]);

    const out2 = tmp.file('c-remplace.xlsx');
    const r2 = await cli('import', out1, second, '-o', out2, '--replace');
    expect(r2.code).toBe(0);
    expect(r2.out).toMatch(/c2\.xlsx .* importé avec avertissements, 1 ligne\(s\) ajoutée\(s\), 1 remplacée\(s\)/);
    const replaced = await read(out2);
    expect(
      replaced.records.reports
        .filter((x) => x.indicator === 'EMPLOIS_CREES' && x.action === 'III_1.2')
        .map((x) => [x.value?.value, x.source]),
    ).toEqual([[5, 'c2.xlsx']]);
    expect(replaced.records.imports.map((x) => [x.file, x.added?.value, x.replaced?.value])).toEqual([
      ['c1.xlsx', 1, 0],
      ['c2.xlsx', 1, 1],
    ]);
  });

  test('importing files in any order gives the same consolidated sheets', async () => {
    const files = await Promise.all(
      ['I_1.1.1', 'II_2.1.1', 'III_2.1.3'].map((code, i) =>
        report(`o${i}.xlsx`, code, 2014, {
          operator: `Opérateur fictif ${i}`,
          values: [
            { indicator: 'PUBLIC_SENSIBILISE', territory: String(10 + i), value: 7 + i },
            { indicator: 'EVOLUTION_CA', value: 1.5 * i },
          ],
          realised: [{ post: '64', planned: 100 * i, actual: 90 * i }],
        }),
      ),
    );
    const outA = tmp.file('ordre-a.xlsx');
    const outB = tmp.file('ordre-b.xlsx');
    expect((await cli('import', workbook, files[0], files[1], files[2], '-o', outA)).code).toBe(0);
    expect((await cli('import', workbook, files[2], files[0], files[1], '-o', outB)).code).toBe(0);
    // Every consolidated sheet but Contrôles, whose findings cite the rows of Bilans (in import order).
    const sheets = async (f: string) => JSON.stringify(generated(await read(f)).filter((s) => s.name !== 'Contrôles'));
    expect(await sheets(outB)).toBe(await sheets(outA));
  });
});

describe('bad and hostile files', () => {
  /** A minimal zip whose central directory declares an entry that expands to `declared` bytes. */
  function zipBomb(declared: number): Buffer {
    const name = Buffer.from('xl/workbook.xml');
    const data = deflateRawSync(Buffer.alloc(1024));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    const localLen = local.length + name.length + data.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(localLen, 16);
    return Buffer.concat([local, name, data, central, name, end]);
  }

  test('every bad file is refused with its reason, and the good one is still imported', async () => {
    const good = await report('bon.xlsx', 'I_1.2', 2016, {
      operator: 'Association D (fictive)',
      values: [{ indicator: 'PUBLIC_SENSIBILISE', territory: '=HYPERLINK("http://exemple.invalid","clic")', value: 12 }],
      realised: [],
    });
    const text = tmp.file('texte.xlsx');
    writeFileSync(text, 'pas un classeur');
    const big = tmp.file('enorme.xlsx');
    writeFileSync(big, Buffer.alloc(21 * 1024 * 1024, 1));
    const bomb = tmp.file('bombe.xlsx');
    writeFileSync(bomb, zipBomb(300 * 1024 * 1024));
    const locked = tmp.file('protege.xlsx');
    writeFileSync(
      locked,
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(600),
        Buffer.from('E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0'),
        Buffer.alloc(600),
      ]),
    );
    const notTemplate = tmp.file('pas-un-modele.xlsx');
    writeFileSync(notTemplate, readFileSync(workbook));
    const out = tmp.file('hostile.xlsx');
    const r = await cli('import', workbook, text, big, bomb, locked, notTemplate, good, '-o', out);
    expect(r.code).toBe(1);
    const line = (f: string) => r.out.split('\n').find((l) => l.trim().startsWith(f)) ?? '';
    expect(line('texte.xlsx')).toMatch(/refusé — .*n'est pas un classeur Excel|refusé — .*n’est pas un classeur/);
    expect(line('enorme.xlsx')).toMatch(/refusé — .*(20 Mo|limite|trop)/);
    expect(line('bombe.xlsx')).toMatch(/refusé — .*(200 Mo|décompress|limite)/);
    expect(line('protege.xlsx')).toMatch(/refusé — .*mot de passe/);
    expect(line('pas-un-modele.xlsx')).toMatch(/refusé — .*un modèle de bilan Suivi ESS est attendu/);
    expect(line('bon.xlsx')).toMatch(/importé/);
    // The hostile territory came in as text, and is written as text, never as a formula.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cells: ExcelJS.Cell[] = [];
    wb.getWorksheet('Bilans')!.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const hostile = cells.find((c) => String(c.value).includes('HYPERLINK'))!;
    expect(hostile.type).toBe(ExcelJS.ValueType.String);
    expect(hostile.value).toBe('=HYPERLINK("http://exemple.invalid","clic")');
  });

  test('the import refuses to write over one of its inputs', async () => {
    const r = await cli('import', workbook, tmp.file('a.xlsx'), '-o', workbook);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/différent des fichiers lus/);
  });
});
