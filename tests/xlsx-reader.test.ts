import * as zlib from 'zlib';
import ExcelJS from 'exceljs';
import { openXlsxBytes } from '../src/adapters/node/files';
import { spaced } from './support/text';
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

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface ZipFile {
  name: string;
  data: string | Buffer;
  /** 0 stored, 8 deflated (default), anything else written as is (stored bytes). */
  method?: number;
}

/** A tiny ZIP writer: local headers, data, central directory, end record. */
function makeZip(files: ZipFile[], opts: { totalEntries?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const data = Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, 'utf8');
    const method = f.method ?? 8;
    const packed = method === 8 ? zlib.deflateRawSync(data) : data;
    const name = Buffer.from(f.name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(opts.totalEntries ?? files.length, 8);
  end.writeUInt16LE(opts.totalEntries ?? files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
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
