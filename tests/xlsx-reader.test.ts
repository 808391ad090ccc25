import ExcelJS from 'exceljs';
import { openXlsxBytes } from '../src/adapters/node/files';
import { spaced } from './support/text';
import { makeZip, unzip, type ZipFile } from './support/zip';
import * as zlib from 'zlib';
import { BrowserXlsxReader, streamInflate } from '../src/adapters/browser/report-reader';
import { isDateFormat } from '../src/adapters/xlsx/read/styles';
import { UnreadableWorkbookError } from '../src/core/shared/errors';
import type { TableRead, TableRequest, TableResult } from '../src/ports/workbook';

// ---------------------------------------------------------------------------------------------
// Fixtures

async function exceljsBuffer(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readOne(buf: Buffer, req: TableRequest): Promise<TableResult> {
  const [res] = await (await openXlsxBytes(buf, 'test.xlsx')).readTables([req]);
  return res;
}

function expectRead(res: TableResult): TableRead {
  if (!res.ok) throw new Error(`expected a table, got ${JSON.stringify(res.problem)}`);
  return res.read;
}

async function expectUnreadable(p: Promise<unknown>, ...fragments: (string | RegExp)[]): Promise<void> {
  let error: unknown;
  try {
    await p;
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UnreadableWorkbookError);
  const message = spaced((error as Error).message).replace(/’/g, "'");
  for (const f of fragments) {
    if (typeof f === 'string') expect(message).toContain(f);
    else expect(message).toMatch(f);
  }
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts of a minimal workbook written by hand, to cover what exceljs does not write. */
function handParts(): ZipFile[] {
  return [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    },
    {
      name: '_rels/.rels',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}">` +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      method: 0, // stored, not deflated
      data:
        `<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="${NS}" xmlns:r="${NS_R}"><sheets>` +
        `<sheet name="Plan d&apos;actions &amp; suivi" sheetId="1" r:id="rId1"/>` +
        `<sheet name='Pr&#233;fixe "x"' sheetId="2" r:id="rId2"/>` +
        `</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        `</Relationships>`,
    },
    {
      name: 'xl/sharedStrings.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="6" uniqueCount="6">` +
        `<si><t>Action</t></si>` + // 0
        `<si><r><rPr><b/></rPr><t>Respon</t></r><r><t xml:space="preserve">sable </t></r>` +
        `<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>` + // 1: rich text, phonetic run ignored
        `<si><t>État</t></si>` + // 2
        `<si><t xml:space="preserve">  Former  &amp; animer </t></si>` + // 3
        `<si><t>ligne 1_x000D_\nligne 2 _x005F_x000D_</t></si>` + // 4
        `<si/>` + // 5: empty
        `</sst>`,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}" xmlns:r="${NS_R}">` +
        `<dimension ref="A1:E9"/><sheetData>` +
        `<row r="1"><c r="A1" t="inlineStr"><is><t>Titre &lt;hors table&gt;</t></is></c></row>` +
        `<row r="3"><c r="B3" t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c r="E3"><v>2025</v></c></row>` +
        // Row 4: shared string with entities, a number, a boolean, an inline rich string.
        `<row r="4"><c r="B4" t="s"><v>3</v></c><c r="C4" s="2"><v>12.5</v></c><c r="D4" t="b"><v>1</v></c>` +
        `<c r="E4" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>` +
        // Row 5 has no r: it follows row 4. Cells without r follow the previous cell.
        `<row><c r="B5" t="s"><v>4</v></c><c><v>-3</v></c><c t="b"><v>0</v></c><c t="e"><v>#DIV/0!</v></c></row>` +
        // Row 6: a formula string result, a formula without cached value, a self-closing styled cell,
        // an empty shared string.
        `<row r="6"><c r="B6" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C6"><f>1/0</f></c><c r="D6" s="3"/><c r="E6" t="s"><v>5</v></c></row>` +
        // Row 7: inside the table range but empty (kept); row 8 holds a number in exponent form.
        `<row r="7" spans="2:5"/>` +
        `<row r="8"><c r="B8"><v>1.5E-3</v></c><c r="C8"><v>0.30000000000000004</v></c></row>` +
        // Row 9 is below the table: not read.
        `<row r="9"><c r="B9" t="inlineStr"><is><t>sous la table</t></is></c></row>` +
        `</sheetData><tableParts count="1"><tablePart r:id="rIdT"/></tableParts></worksheet>`,
    },
    {
      name: 'xl/worksheets/_rels/sheet1.xml.rels',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}">` +
        `<Relationship Id="rIdT" Type="${REL}/table" Target="../tables/table1.xml"/></Relationships>`,
    },
    {
      name: 'xl/tables/table1.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><table xmlns="${NS}" id="1" name="Table_interne" displayName="Actions" ref="B3:E8">` +
        `<tableColumns count="4"><tableColumn id="1" name="Action"/><tableColumn id="2" name="Responsable"/>` +
        `<tableColumn id="3" name="État"/><tableColumn id="4" name="2025"/></tableColumns></table>`,
    },
    {
      // A worksheet whose elements carry a namespace prefix, with a table without header row.
      name: 'xl/worksheets/sheet2.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${NS}"><x:sheetData>` +
        `<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Code</x:t></x:is></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>Libellé</x:t></x:is></x:c></x:row>` +
        `<x:row r="3"><x:c r="A3"><x:v>7</x:v></x:c><x:c r="B3" t="inlineStr"><x:is><x:t>sept</x:t></x:is></x:c></x:row>` +
        `</x:sheetData></x:worksheet>`,
    },
    {
      name: 'xl/worksheets/_rels/sheet2.xml.rels',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}">` +
        `<Relationship Id="rId1" Type="${REL}/table" Target="/xl/tables/table2.xml"/></Relationships>`,
    },
    {
      name: 'xl/tables/table2.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><table xmlns="${NS}" id="2" name="SansEntete" displayName="SansEntete" ref="A2:B3" headerRowCount="0"/>`,
    },
  ];
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

// ---------------------------------------------------------------------------------------------

describe('XlsxFileReader on workbooks written by exceljs', () => {
  let buf: Buffer;
  beforeAll(async () => {
    buf = await exceljsBuffer((wb) => {
      const ws = wb.addWorksheet('Engagements');
      ws.getCell('A1').value = 'Suivi des engagements';
      ws.addTable({
        name: 'Engagements',
        ref: 'C4',
        headerRow: true,
        columns: [
          { name: 'Projet' },
          { name: 'Montant engagé' },
          { name: 'Date' },
          { name: 'Actif' },
          { name: 'Remarque' },
          { name: '2024' },
        ],
        rows: [
          ['Jardin partagé', 12000.5, new Date(Date.UTC(2024, 0, 15)), true, 'RAS', 1],
          ['Ressourcerie', 0, new Date(Date.UTC(2023, 11, 31)), false, null, 2],
          ['Épicerie', { formula: 'D5*2', result: 24001 }, null, null, { formula: 'NA()', result: { error: '#N/A' } }, 3],
          [null, null, null, null, null, null],
        ],
      });
      ws.getCell('C10').value = 'sous la table';
      const other = wb.addWorksheet('Autre');
      other.addTable({
        name: 'Partenaires',
        ref: 'A1',
        headerRow: true,
        columns: [{ name: 'Nom' }, { name: 'Ville' }],
        rows: [['Alpha', 'Lyon']],
      });
    });
  });

  it('lists the sheets in workbook order', async () => {
    expect(await (await openXlsxBytes(buf, 'e.xlsx')).sheetNames()).toEqual(['Engagements', 'Autre']);
  });

  it('reads values with their types (dates as ISO text), the header position, extra columns; trailing empty rows are not rows', async () => {
    const read = expectRead(await readOne(buf, { sheet: 'Engagements', table: 'Engagements', headers: ['Projet', 'Montant engagé'] }));
    expect(read.sheet).toBe('Engagements');
    expect(read.table).toBe('Engagements');
    expect(read.headerRow).toBe(4);
    expect(read.firstCol).toBe(3);
    // Extra columns after the contract's are returned.
    expect(read.headers).toEqual(['Projet', 'Montant engagé', 'Date', 'Actif', 'Remarque', '2024']);
    expect(read.rows).toEqual([
      ['Jardin partagé', 12000.5, '2024-01-15', true, 'RAS', 1],
      ['Ressourcerie', 0, '2023-12-31', false, null, 2],
      ['Épicerie', 24001, null, null, '#N/A', 3],
    ]);
    // The cell below the table is not part of it: it is reported as a row typed outside.
    expect(read.rows.flat()).not.toContain('sous la table');
    expect(read.strayRow).toBe(10);
  });

  it('matches headers leniently (case, accents, spaces) and names tables case-insensitively', async () => {
    const read = expectRead(
      await readOne(buf, { sheet: 'engagements', table: 'ENGAGEMENTS', headers: [' projet', 'MONTANT   ENGAGE', 'date'] }),
    );
    expect(read.sheet).toBe('Engagements');
    expect(read.headers.slice(0, 3)).toEqual(['Projet', 'Montant engagé', 'Date']);
  });

  it('returns the headers as found: the core checks them against the contract', async () => {
    const read = expectRead(await readOne(buf, { sheet: 'Engagements', table: 'Engagements', headers: ['Projet', 'Montant', 'Date'] }));
    expect(read.headers.slice(0, 3)).toEqual(['Projet', 'Montant engagé', 'Date']);
  });

  it('reports a missing sheet and a missing table', async () => {
    const reader = await openXlsxBytes(buf, 'e.xlsx');
    const results = await reader.readTables([
      { sheet: 'Budget', table: 'Absent', headers: ['Projet'] },
      { sheet: 'Engagements', table: 'Budget', headers: ['Inconnu'] },
      // A table is found by its name on another sheet than asked (its sheet was renamed).
      { sheet: 'Budget', table: 'Engagements', headers: ['Projet'] },
    ]);
    expect(results.slice(0, 2)).toEqual([
      { ok: false, problem: { kind: 'missing-sheet', sheet: 'Budget', table: 'Absent' } },
      { ok: false, problem: { kind: 'missing-table', sheet: 'Engagements', table: 'Budget' } },
    ]);
    expect(expectRead(results[2])).toMatchObject({ sheet: 'Engagements', table: 'Engagements' });
  });

  it('finds a table on another sheet than the one requested, and reads several tables in one batch', async () => {
    const reader = await openXlsxBytes(buf, 'e.xlsx');
    const [partners, engagements] = await reader.readTables([
      { sheet: 'Engagements', table: 'Partenaires', headers: ['Nom', 'Ville'] },
      { sheet: 'Engagements', table: 'Engagements', headers: ['Projet'] },
    ]);
    const p = expectRead(partners);
    expect(p).toEqual({
      sheet: 'Autre',
      table: 'Partenaires',
      headerRow: 1,
      firstCol: 1,
      headers: ['Nom', 'Ville'],
      rows: [['Alpha', 'Lyon']],
    });
    expect(expectRead(engagements).rows).toHaveLength(3);
  });

  it('excludes the totals row of a table', async () => {
    const b = await exceljsBuffer((wb) => {
      wb.addWorksheet('S').addTable({
        name: 'AvecTotal',
        ref: 'A1',
        headerRow: true,
        totalsRow: true,
        columns: [
          { name: 'Poste', totalsRowLabel: 'Total' },
          { name: 'Montant', totalsRowFunction: 'sum' },
        ],
        rows: [
          ['a', 1],
          ['b', 2],
        ],
      });
    });
    expect(expectRead(await readOne(b, { sheet: 'S', table: 'AvecTotal', headers: ['Poste', 'Montant'] })).rows).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('falls back to a plain range found by its headers when the table was deleted', async () => {
    const b = await exceljsBuffer((wb) => {
      const ws = wb.addWorksheet('Indicateurs');
      ws.getCell('A1').value = 'Tableau de bord';
      ws.addTable({
        name: 'Indicateurs',
        ref: 'B3',
        headerRow: true,
        columns: [{ name: 'Indicateur' }, { name: 'Cible' }, { name: 'Réalisé' }],
        rows: [
          ['Emplois', 10, 8],
          ['Bénévoles', 40, null],
          [null, null, null],
          ['après le vide', 1, 1],
        ],
      });
      ws.removeTable('Indicateurs');
      ws.getCell('F3').value = 'hors plage';
    });
    const read = expectRead(await readOne(b, { sheet: 'Indicateurs', table: 'Indicateurs', headers: ['indicateur', 'CIBLE'] }));
    expect(read).toEqual({
      sheet: 'Indicateurs',
      table: null,
      headerRow: 3,
      firstCol: 2,
      headers: ['Indicateur', 'Cible', 'Réalisé'],
      rows: [
        ['Emplois', 10, 8],
        ['Bénévoles', 40, null],
      ],
      // The row typed below the blank row is reported, for a warning.
      strayRow: 7,
    });
    // Headers that are not on the sheet: no table.
    expect(await readOne(b, { sheet: 'Indicateurs', table: 'Indicateurs', headers: ['Indicateur', 'Budget'] })).toEqual({
      ok: false,
      problem: { kind: 'missing-table', sheet: 'Indicateurs', table: 'Indicateurs' },
    });
  });

  it('reads a 20 000-row table quickly and correctly', async () => {
    const rows: (string | number | boolean)[][] = [];
    for (let i = 0; i < 20000; i++) rows.push([`Ligne ${i}`, i * 1.25, i % 2 === 0, `Catégorie ${i % 7}`, i, -(i + 1), `x${i}`]);
    const b = await exceljsBuffer((wb) => {
      wb.addWorksheet('Grand').addTable({
        name: 'Grand',
        ref: 'A1',
        headerRow: true,
        columns: ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((name) => ({ name })),
        rows,
      });
    });
    const start = process.hrtime.bigint();
    const read = expectRead(await readOne(b, { sheet: 'Grand', table: 'Grand', headers: ['A', 'B'] }));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(read.rows).toHaveLength(20000);
    expect(read.rows[0]).toEqual(['Ligne 0', 0, true, 'Catégorie 0', 0, -1, 'x0']);
    expect(read.rows[19999]).toEqual(['Ligne 19999', 24998.75, false, 'Catégorie 0', 19999, -20000, 'x19999']);
    expect(read.rows[12345]).toEqual(rows[12345]);
    expect(ms).toBeLessThan(3000); // about 100 ms in practice
  });
});

describe('XlsxFileReader on a hand-built workbook', () => {
  const buf = makeZip(handParts());

  it('decodes sheet names', async () => {
    expect(await (await openXlsxBytes(buf, 'main.xlsx')).sheetNames()).toEqual(["Plan d'actions & suivi", 'Préfixe "x"']);
  });

  it('reads inline strings, rich text, cells and rows without r, booleans, errors, formulas', async () => {
    const read = expectRead(
      await readOne(buf, { sheet: "Plan d'actions & suivi", table: 'actions', headers: ['Action', 'Responsable', 'Etat', '2025'] }),
    );
    expect(read.table).toBe('Table_interne');
    expect(read.headerRow).toBe(3);
    expect(read.firstCol).toBe(2);
    // Rich-text header trimmed, a number header as text.
    expect(read.headers).toEqual(['Action', 'Responsable', 'État', '2025']);
    expect(read.rows).toEqual([
      ['  Former  & animer ', 12.5, true, 'inline'],
      ['ligne 1\r\nligne 2 _x000D_', -3, false, '#DIV/0!'],
      ['ab', { uncomputed: '1/0' }, null, null],
      [null, null, null, null],
      [0.0015, 0.30000000000000004, null, null],
    ]);
    // Row 9, right under the table, holds a value: a row typed outside the table.
    expect(read.strayRow).toBe(9);
  });

  it('finds a table by its name as well as its display name', async () => {
    const read = expectRead(await readOne(buf, { sheet: "Plan d'actions & suivi", table: 'TABLE_INTERNE', headers: ['Action'] }));
    expect(read.rows).toHaveLength(5);
  });

  it('reads a plain range on a sheet whose elements have a namespace prefix', async () => {
    const read = expectRead(await readOne(buf, { sheet: 'préfixe "x"', table: 'Codes', headers: ['Code', 'Libelle'] }));
    expect(read).toEqual({
      sheet: 'Préfixe "x"',
      table: null,
      headerRow: 2,
      firstCol: 1,
      headers: ['Code', 'Libellé'],
      rows: [[7, 'sept']],
    });
  });

  it('reports a table without header row at its first cell', async () => {
    // Its first row reads "Code", but as data: the table has no header row.
    expect(await readOne(buf, { sheet: 'Préfixe "x"', table: 'SansEntete', headers: ['Code'] })).toEqual({
      ok: false,
      problem: { kind: 'no-header-row', sheet: 'Préfixe "x"', table: 'SansEntete', cell: 'A2' },
    });
  });
});

describe('XlsxFileReader refuses unreadable files with a French sentence naming the file', () => {
  it('empty file', async () => {
    await expectUnreadable(openXlsxBytes(Buffer.alloc(0), 'vide.xlsx'), 'Le fichier « vide.xlsx » est vide.');
  });

  it('random bytes', async () => {
    const junk = Buffer.alloc(5000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 251;
    await expectUnreadable(openXlsxBytes(junk, 'bruit.xlsx'), "Le fichier « bruit.xlsx » n'est pas un classeur Excel (.xlsx) lisible");
  });

  it('a zip that is not a workbook', async () => {
    const zip = makeZip([{ name: 'notes.txt', data: 'bonjour' }]);
    await expectUnreadable(openXlsxBytes(zip, 'notes.zip'), "« notes.zip » n'est pas un classeur Excel (.xlsx) lisible", 'xl/workbook.xml');
  });

  it('an encrypted workbook (OLE with EncryptionInfo)', async () => {
    const ole = Buffer.concat([Buffer.from(OLE), Buffer.alloc(500), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(100)]);
    await expectUnreadable(openXlsxBytes(ole, 'secret.xlsx'), '« secret.xlsx » est protégé par un mot de passe');
  });

  it('a legacy .xls (OLE without EncryptionInfo)', async () => {
    const ole = Buffer.concat([Buffer.from(OLE), Buffer.alloc(500), Buffer.from('Workbook', 'utf16le'), Buffer.alloc(100)]);
    let message = '';
    try {
      await openXlsxBytes(ole, 'ancien.xls');
    } catch (e) {
      expect(e).toBeInstanceOf(UnreadableWorkbookError);
      message = spaced((e as Error).message);
    }
    expect(message).toContain('« ancien.xls »');
    expect(message).toContain('.xls');
    expect(message).toContain('.xlsx');
    expect(message).not.toContain('mot de passe');
  });

  it('a file over the size limit', async () => {
    const buf = makeZip(handParts());
    await expectUnreadable(
      openXlsxBytes(buf, 'import.xlsx', { maxFileBytes: 1000 }),
      '« import.xlsx » est trop volumineux',
      /1000 octets/,
      /\d+,?\d* ko/,
    );
    await expect(openXlsxBytes(buf, 'import.xlsx', { maxFileBytes: buf.length })).resolves.toBeDefined();
  });

  it('parts over the expanded-size limit, checked before and while inflating', async () => {
    const buf = makeZip(handParts());
    // The limit is smaller than the sizes the archive declares: refused on opening, naming the
    // part that takes the total over the limit.
    await expectUnreadable(openXlsxBytes(buf, 'bombe.xlsx', { maxExpandedBytes: 100 }), '« bombe.xlsx »', 'décompress', '100 octets');
    await expectUnreadable(openXlsxBytes(buf, 'bombe.xlsx', { maxExpandedBytes: 1500 }), '« bombe.xlsx »', 'décompress', /« xl\//);
    // A part lying about its size (declares 10 bytes, inflates to 100 000) is stopped while inflating.
    const big = 'a'.repeat(100000);
    const lying = makeZip([...handParts().filter((p) => p.name !== 'xl/sharedStrings.xml'), { name: 'xl/sharedStrings.xml', data: big }]);
    patchDeclaredSize(lying, 'xl/sharedStrings.xml', 10);
    const liar = await openXlsxBytes(lying, 'menteur.xlsx', { maxExpandedBytes: 50000 });
    await expect(liar.readTables([{ sheet: "Plan d'actions & suivi", table: 'Actions', headers: ['Action'] }])).rejects.toThrow(
      /menteur\.xlsx.*trop volumineux une fois décompressé/,
    );
  });

  it('unsupported compression method, ZIP64 and multi-disk archives', async () => {
    const parts = handParts().map((p) => (p.name === 'xl/workbook.xml' ? { ...p, method: 12 } : p));
    await expectUnreadable(openXlsxBytes(makeZip(parts), 'bzip.xlsx'), '« bzip.xlsx »', 'méthode non prise en charge');
    await expectUnreadable(openXlsxBytes(makeZip(handParts(), { totalEntries: 0xffff }), 'z64.xlsx'), 'ZIP64');
    const multi = makeZip(handParts());
    multi.writeUInt16LE(1, multi.length - 22 + 4); // number of this disk
    await expectUnreadable(openXlsxBytes(multi, 'multi.xlsx'), 'plusieurs parties');
  });

  it('a corrupt part', async () => {
    const buf = makeZip(handParts());
    const sheet = buf.indexOf('xl/worksheets/sheet1.xml');
    // Damage the compressed bytes of the first worksheet (right after its local header name).
    const dataStart = sheet + 'xl/worksheets/sheet1.xml'.length;
    for (let i = dataStart; i < dataStart + 40; i++) buf[i] ^= 0x5a;
    const reader = await openXlsxBytes(buf, 'abime.xlsx');
    await expect(reader.readTables([{ sheet: "Plan d'actions & suivi", table: 'Actions', headers: ['Action'] }])).rejects.toThrow(
      /abime\.xlsx.*endommag/,
    );
  });
});

/** Rewrites the uncompressed size declared for an entry, in its local and central headers. */
function patchDeclaredSize(zip: Buffer, name: string, size: number): void {
  const nameBuf = Buffer.from(name);
  let i = zip.indexOf(nameBuf);
  while (i >= 0) {
    if (zip.readUInt32LE(i - 30) === 0x04034b50) zip.writeUInt32LE(size, i - 30 + 22);
    if (i >= 46 && zip.readUInt32LE(i - 46) === 0x02014b50) zip.writeUInt32LE(size, i - 46 + 24);
    i = zip.indexOf(nameBuf, i + 1);
  }
}

// ---------------------------------------------------------------------------------------------
// One-sheet workbooks written by hand, for what the reader must read as Excel and XML mean it

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

interface TablePart {
  ref: string;
  columns: string[];
  name?: string;
}

interface OneSheet {
  /** `<sheetData>` content, or the whole worksheet part when `sheet` is given. */
  rows?: string;
  sheet?: string | Buffer;
  styles?: string;
  /** `<workbookPr …/>` and anything else before `<sheets>`. */
  workbookHead?: string;
  /** Table parts: their `ref` and column names. */
  table?: TablePart | TablePart[];
  more?: ZipFile[];
}

/** A workbook of one sheet « S ». */
function oneSheet(o: OneSheet): Buffer {
  const rels = [`<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`];
  if (o.styles) rels.push(`<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>`);
  const files: ZipFile[] = [
    {
      name: '_rels/.rels',
      data: `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<workbook xmlns="${MAIN}" xmlns:r="${NS_R}">${o.workbookHead ?? ''}<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="${PKG_REL}">${rels.join('')}</Relationships>` },
    {
      name: 'xl/worksheets/sheet1.xml',
      data:
        o.sheet ??
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}" xmlns:r="${NS_R}"><sheetData>${o.rows ?? ''}</sheetData>` +
          (o.table ? '<tableParts count="1"><tablePart r:id="rIdT"/></tableParts>' : '') +
          '</worksheet>',
    },
  ];
  if (o.styles) files.push({ name: 'xl/styles.xml', data: o.styles });
  const tables = o.table === undefined ? [] : Array.isArray(o.table) ? o.table : [o.table];
  if (tables.length) {
    files.push({
      name: 'xl/worksheets/_rels/sheet1.xml.rels',
      data:
        `<Relationships xmlns="${PKG_REL}">` +
        tables.map((_, i) => `<Relationship Id="rIdT${i || ''}" Type="${REL}/table" Target="../tables/table${i + 1}.xml"/>`).join('') +
        `</Relationships>`,
    });
    tables.forEach((t, i) =>
      files.push({
        name: `xl/tables/table${i + 1}.xml`,
        data:
          `<table xmlns="${MAIN}" id="${i + 1}" name="${t.name ?? 'T'}" displayName="${t.name ?? 'T'}" ref="${t.ref}"><tableColumns count="${t.columns.length}">` +
          t.columns.map((c, k) => `<tableColumn id="${k + 1}" name="${c}"/>`).join('') +
          '</tableColumns></table>',
      }),
    );
  }
  return makeZip([...files, ...(o.more ?? [])]);
}

const inl = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const num = (ref: string, v: string, attrs = '') => `<c r="${ref}"${attrs}><v>${v}</v></c>`;

/** The rows of table T (or of the plain range headed `Valeur`) of a one-sheet workbook. */
async function rowsOf(buf: Buffer, headers = ['Valeur']): Promise<TableRead> {
  return expectRead(await readOne(buf, { sheet: 'S', table: 'T', headers }));
}

describe('XlsxReader reads parts as an XML parser sees them', () => {
  it('skips rows, cells and sheets inside comments, processing instructions, CDATA and the DOCTYPE; reads CDATA text', async () => {
    const buf = oneSheet({
      sheet:
        `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [ <!ENTITY e "<row r='2'><c r='A2'><v>666</v></c></row>"> ]>` +
        `<worksheet xmlns="${MAIN}"><sheetData>` +
        `<row r="1">${inl('A1', 'Valeur')}</row>` +
        `<row r="2">${num('A2', '10')}</row>` +
        `<!-- <row r="3">${num('A3', '100000')}</row> -->` +
        `<?suivi <row r="4">${num('A4', '200000')}</row> ?>` +
        `<![CDATA[<row r="5">${num('A5', '300000')}</row>]]>` +
        `<row r="6"><c r="A6"><v><![CDATA[12]]></v></c></row>` +
        `<row r="7"><c r="A7"><v>1<!-- ,5 -->3</v></c></row>` +
        `<row r="8"><c r="A8" t="inlineStr"><is><t><![CDATA[a < b & c]]></t></is></c></row>` +
        `</sheetData></worksheet>`,
      table: { ref: 'A1:A8', columns: ['Valeur'] },
    });
    expect((await rowsOf(buf)).rows).toEqual([[10], [null], [null], [null], [12], [13], ['a < b & c']]);
  });

  it('does not see a sheet or a relationship commented out in the workbook', async () => {
    const buf = oneSheet({ rows: `<row r="1">${inl('A1', 'Valeur')}</row>` });
    const zip = makeZip(
      unzipFiles(buf).map((f) =>
        f.name === 'xl/workbook.xml'
          ? { ...f, data: String(f.data).replace('<sheets>', '<sheets><!-- <sheet name="Fantôme" sheetId="9" r:id="rId1"/> -->') }
          : f,
      ),
    );
    expect(await (await openXlsxBytes(zip, 'c.xlsx')).sheetNames()).toEqual(['S']);
  });

  it('decodes UTF-16 parts and declared 8-bit encodings; refuses invalid UTF-8 and odd-length UTF-16 in French', async () => {
    const sheet = `<worksheet xmlns="${MAIN}"><sheetData><row r="1">${inl('A1', 'Valeur')}</row><row r="2">${inl('A2', 'Été')}</row></sheetData></worksheet>`;
    const le = oneSheet({
      sheet: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sheet, 'utf16le')]),
      table: { ref: 'A1:A2', columns: ['Valeur'] },
    });
    expect((await rowsOf(le)).rows).toEqual([['Été']]);
    const latin = oneSheet({
      sheet: Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>` + sheet, 'latin1'),
      table: { ref: 'A1:A2', columns: ['Valeur'] },
    });
    expect((await rowsOf(latin)).rows).toEqual([['Été']]);
    const invalid = oneSheet({ sheet: Buffer.from(sheet, 'latin1'), table: { ref: 'A1:A2', columns: ['Valeur'] } });
    await expectUnreadable(rowsOf(invalid), '« test.xlsx »', "n'est pas un texte lisible (encodage inattendu)");
    const odd = oneSheet({
      sheet: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sheet, 'utf16le'), Buffer.from([0x20])]),
      table: { ref: 'A1:A2', columns: ['Valeur'] },
    });
    await expectUnreadable(rowsOf(odd), '« test.xlsx »', 'encodage inattendu');
  });
});

describe('XlsxReader reads values as Excel means them', () => {
  const styles =
    `<styleSheet xmlns="${MAIN}"><numFmts count="4">` +
    `<numFmt numFmtId="164" formatCode="[$-40C]d mmmm yyyy"/><numFmt numFmtId="165" formatCode="#,##0.00 &quot;€&quot;"/>` +
    `<numFmt numFmtId="166" formatCode="0 &quot;mm&quot;"/><numFmt numFmtId="167" formatCode="hh:mm"/></numFmts>` +
    `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
    `<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>` +
    `<xf numFmtId="22" applyNumberFormat="1"><alignment horizontal="left"/></xf><xf numFmtId="167"/></cellXfs></styleSheet>`;
  const dates = (head = '') =>
    oneSheet({
      styles,
      workbookHead: head,
      rows:
        `<row r="1">${inl('A1', 'Valeur')}</row>` +
        [
          num('A2', '41640', ' s="1"'),
          num('A3', '41640.5', ' s="2"'),
          num('A4', '41640', ' s="3"'),
          num('A5', '41640', ' s="4"'),
          num('A6', '41640.25', ' s="5"'),
          num('A7', '41640', ' s="0"'),
          num('A8', '41640'),
          num('A9', '41640', ' t="d"'),
          `<c r="A10" t="d"><v>2014-03-05T00:00:00Z</v></c>`,
          `<c r="A11" t="d"><v>2014-03-05T10:30:00</v></c>`,
          num('A12', '41640', ' s="99"'),
          num('A13', '41640.75', ' s="6"'),
        ]
          .map((c, i) => `<row r="${i + 2}">${c}</row>`)
          .join(''),
      table: { ref: 'A1:A13', columns: ['Valeur'] },
    });

  it('reads numbers in a date or time style, and t="d" cells, as ISO text', async () => {
    expect((await rowsOf(dates())).rows.map((r) => r[0])).toEqual([
      '2014-01-01', // built-in 14
      '2014-01-01T12:00:00', // custom [$-40C]d mmmm yyyy
      41640, // money
      41640, // 0 "mm": the mm is quoted
      '2014-01-01T06:00:00', // built-in 22
      41640, // General
      41640, // no style
      '41640', // t="d" that is not a date: its text
      '2014-03-05',
      '2014-03-05T10:30:00',
      41640, // a style the file does not define
      '2014-01-01T18:00:00', // hh:mm
    ]);
  });

  it('counts days from 1904 in a 1904 workbook', async () => {
    expect((await rowsOf(dates('<workbookPr date1904="1"/>'))).rows[0]).toEqual(['2018-01-02']);
  });

  it('knows date formats from the others', () => {
    for (const code of ['dd/mm/yyyy', 'd mmmm', '[$-40C]d mmmm yyyy', 'hh:mm', 'mm:ss', 'yyyy', 'm/d/yy h:mm', '[h]:mm:ss', 'dd/mm/yyyy;@'])
      expect([code, isDateFormat(code)]).toEqual([code, true]);
    for (const code of [
      'General',
      '0',
      '#,##0.00 "€"',
      '0.00 "jours"',
      '"mm" 0',
      '[Red]0.00',
      '\\d0',
      '_-* #,##0 €_-',
      '0.00E+00',
      '@',
      '[h]',
    ])
      expect([code, isDateFormat(code)]).toEqual([code, false]);
  });

  it('reads a <v> that is not an xsd:double as its text, and booleans strictly', async () => {
    const values = ['0x10', '1e3', ' 12 ', 'Infinity', 'INF', 'NaN', '1_000', '-.5', '+7', '-0', '-0e0'];
    const buf = oneSheet({
      rows: `<row r="1">${inl('A1', 'Valeur')}</row>` + values.map((v, i) => `<row r="${i + 2}">${num(`A${i + 2}`, v)}</row>`).join(''),
    });
    const read = await rowsOf(buf);
    expect(read.rows.map((r) => r[0])).toEqual(['0x10', 1000, 12, 'Infinity', 'INF', 'NaN', '1_000', -0.5, 7, 0, 0]);
    expect(read.rows.slice(-2).every((r) => Object.is(r[0], 0))).toBe(true); // never -0
    // A blank <v> ends the plain range; the rest is read in a table.
    const table = oneSheet({
      rows:
        `<row r="1">${inl('A1', 'Valeur')}</row>` +
        [' ', '1e400'].map((v, i) => `<row r="${i + 2}">${num(`A${i + 2}`, v)}</row>`).join('') +
        ['1', '0', 'true', 'false', '2', 'oui'].map((v, i) => `<row r="${i + 4}">${num(`A${i + 4}`, v, ' t="b"')}</row>`).join(''),
      table: { ref: 'A1:A9', columns: ['Valeur'] },
    });
    expect((await rowsOf(table)).rows.map((r) => r[0])).toEqual([null, '1e400', true, false, true, false, '2', 'oui']);
  });

  it('reads a formula without cached value as { uncomputed }, never as empty', async () => {
    const buf = oneSheet({
      rows:
        `<row r="1">${inl('A1', 'Valeur')}</row>` +
        `<row r="2"><c r="A2"><f>SUM(B1:B3)</f></c></row>` +
        `<row r="3"><c r="A3"><f t="shared" ref="A3:A4" si="0">B3*2</f></c></row>` +
        `<row r="4"><c r="A4"><f t="shared" si="0"/></c></row>` +
        `<row r="5"><c r="A5" t="str"><f>""</f><v></v></c></row>` +
        `<row r="6"><c r="A6"><f>1+1</f><v>2</v></c></row>` +
        `<row r="7"><c r="A7"><f>A1&amp;"x"</f></c></row>`,
      table: { ref: 'A1:A7', columns: ['Valeur'] },
    });
    expect((await rowsOf(buf)).rows).toEqual([
      [{ uncomputed: 'SUM(B1:B3)' }],
      [{ uncomputed: 'B3*2' }],
      [{ uncomputed: '' }],
      [null],
      [2],
      [{ uncomputed: 'A1&"x"' }],
    ]);
  });

  it('refuses a cell referring to a shared string that does not exist', async () => {
    const buf = oneSheet({
      rows: `<row r="1">${inl('A1', 'Valeur')}</row><row r="2"><c r="A2" t="s"><v>7</v></c></row>`,
      more: [{ name: 'xl/sharedStrings.xml', data: `<sst xmlns="${MAIN}"><si><t>seul</t></si></sst>` }],
      table: { ref: 'A1:A2', columns: ['Valeur'] },
    });
    await expectUnreadable(rowsOf(buf), '« test.xlsx »', 'endommagé');
  });
});

describe('XlsxReader sizes tables by their cells, not their declared range', () => {
  it('reads a table declared over the whole sheet by the cells present, rows holding their holes', async () => {
    const buf = oneSheet({
      rows:
        `<row r="25">${inl('A25', 'Valeur')}${inl('B25', 'Autre')}</row>` +
        `<row r="26">${num('A26', '1')}${num('XFD26', '2')}</row>` +
        `<row r="30">${num('B30', '3')}</row>` +
        `<row r="31"><c r="A31" s="1"/></row>`,
      table: { ref: 'A25:XFD1048576', columns: ['Valeur', 'Autre'] },
    });
    const start = Date.now();
    const read = await rowsOf(buf, ['Valeur']);
    expect(Date.now() - start).toBeLessThan(500);
    expect(read.headers).toHaveLength(16384);
    expect(read.headers.slice(0, 3)).toEqual(['Valeur', 'Autre', '']);
    // Rows 26 to 30: the missing ones share one empty row; trailing empty rows are not rows.
    expect(read.rows).toHaveLength(5);
    expect(read.rows.every((r) => r.length === 16384)).toBe(true);
    expect([read.rows[0][0], read.rows[0][16383], read.rows[4][1]]).toEqual([1, 2, 3]);
    expect(read.rows[1]).toBe(read.rows[2]);
    expect(Object.isFrozen(read.rows[1])).toBe(true);
  });

  it('refuses a table declared past Excel’s grid, naming it, its sheet and its range', async () => {
    for (const ref of ['A4:F1048577', 'A4:XFE10', 'A0:F10', 'A4:F99999999999']) {
      const buf = oneSheet({ rows: `<row r="4">${inl('A4', 'Valeur')}</row>`, table: { ref, columns: ['Valeur'], name: 'tblHors' } });
      await expectUnreadable(rowsOf(buf), '« test.xlsx »', 'tblHors', '« S »', ref, 'grille');
    }
  });

  it('reports the first row with a value within 20 rows under a table (strayRow), not one in another table', async () => {
    const rows = (extra: string) => `<row r="1">${inl('A1', 'Valeur')}</row><row r="2">${num('A2', '1')}</row>${extra}`;
    const read = async (extra: string) => rowsOf(oneSheet({ rows: rows(extra), table: { ref: 'A1:A2', columns: ['Valeur'] } }));
    expect((await read(`<row r="3">${num('A3', '2')}</row>`)).strayRow).toBe(3);
    expect((await read(`<row r="5"><c r="A5" s="1"/></row><row r="22">${num('A22', '2')}</row>`)).strayRow).toBe(22);
    expect((await read(`<row r="23">${num('A23', '2')}</row>`)).strayRow).toBeUndefined();
    // A value right of the table's columns is not in them.
    expect((await read(`<row r="3">${num('B3', '2')}</row>`)).strayRow).toBeUndefined();
    // Another table under this one is not a row typed outside it.
    const two = oneSheet({
      rows: rows(`<row r="4">${inl('A4', 'Code')}</row><row r="5">${inl('A5', 'x')}</row>`),
      table: [
        { ref: 'A1:A2', columns: ['Valeur'] },
        { ref: 'A4:A5', columns: ['Code'], name: 'Autre' },
      ],
    });
    expect((await rowsOf(two)).strayRow).toBeUndefined();
  });
});

describe('the pane’s reader: the same reader over DecompressionStream', () => {
  it('reads a hand-built workbook as the Node binding does', async () => {
    const buf = makeZip(handParts());
    const req = { sheet: "Plan d'actions & suivi", table: 'actions', headers: ['Action'] };
    const browser = await BrowserXlsxReader.fromBytes(new Uint8Array(buf), 'main.xlsx');
    expect(await browser.readTables([req])).toEqual(await (await openXlsxBytes(buf, 'main.xlsx')).readTables([req]));
  });

  it('stops inflating a part whose declared size lies, and refuses damaged deflate data', async () => {
    const big = 'a'.repeat(300000);
    const lying = makeZip([...handParts().filter((p) => p.name !== 'xl/sharedStrings.xml'), { name: 'xl/sharedStrings.xml', data: big }]);
    patchDeclaredSize(lying, 'xl/sharedStrings.xml', 10);
    const req = [{ sheet: "Plan d'actions & suivi", table: 'Actions', headers: ['Action'] }];
    const liar = await BrowserXlsxReader.fromBytes(lying, 'menteur.xlsx', { maxFileBytes: 1 << 20, maxExpandedBytes: 100000 });
    await expect(liar.readTables(req)).rejects.toThrow(/menteur\.xlsx.*trop volumineux une fois décompressé/);
    expect(await streamInflate(zlib.deflateRawSync(Buffer.from(big)), 10, 1000)).toBeNull();
    const damaged = makeZip(handParts());
    const at = damaged.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    for (let i = at; i < at + 40; i++) damaged[i] ^= 0x5a;
    await expect((await BrowserXlsxReader.fromBytes(damaged, 'abime.xlsx')).readTables(req)).rejects.toThrow(/abime\.xlsx.*endommag/);
  });
});

function unzipFiles(buf: Buffer): ZipFile[] {
  return unzip(buf).map((e) => ({ name: e.name, data: e.data }));
}
