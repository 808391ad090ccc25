/**
 * The small parts of an .xlsx package around the worksheets: content types, relationships, the
 * workbook (sheets with their state, print titles, recalculation on open), document properties
 * and the table definitions.
 */
import { quoteSheet } from '../../../core/shared/address';
import type { PlacedSheet, PlacedTable } from '../../../core/layout/placed';
import { checkedRange, rangeText } from './ranges';
import { escapeAttr, escapeXml, escapeXmlAttr } from './text';

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.';

/** A table as placed in the package: its workbook-wide id (1, 2, …), part number and sheet. */
export interface TablePart {
  id: number;
  table: PlacedTable;
  /** Index of its sheet in the workbook. */
  sheet: number;
}

export function contentTypes(sheetCount: number, tableCount: number): string {
  const o = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  let out =
    XML_DECL +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    o('/xl/workbook.xml', CT + 'sheet.main+xml');
  for (let i = 1; i <= sheetCount; i++) out += o(`/xl/worksheets/sheet${i}.xml`, CT + 'worksheet+xml');
  for (let i = 1; i <= tableCount; i++) out += o(`/xl/tables/table${i}.xml`, CT + 'table+xml');
  out +=
    o('/xl/styles.xml', CT + 'styles+xml') +
    o('/xl/sharedStrings.xml', CT + 'sharedStrings+xml') +
    o('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    o('/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml');
  return out + '</Types>';
}

function relationships(rels: { id: string; type: string; target: string }[]): string {
  const items = rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('');
  return `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">${items}</Relationships>`;
}

export function rootRelationships(): string {
  return relationships([
    { id: 'rId1', type: REL + 'officeDocument', target: 'xl/workbook.xml' },
    {
      id: 'rId2',
      type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
      target: 'docProps/core.xml',
    },
    { id: 'rId3', type: REL + 'extended-properties', target: 'docProps/app.xml' },
  ]);
}

/** Sheets are rId1…rIdN, then styles and shared strings. */
export function workbookRelationships(sheetCount: number): string {
  const rels = [];
  for (let i = 1; i <= sheetCount; i++) rels.push({ id: `rId${i}`, type: REL + 'worksheet', target: `worksheets/sheet${i}.xml` });
  rels.push({ id: `rId${sheetCount + 1}`, type: REL + 'styles', target: 'styles.xml' });
  rels.push({ id: `rId${sheetCount + 2}`, type: REL + 'sharedStrings', target: 'sharedStrings.xml' });
  return relationships(rels);
}

/** The relationships of a worksheet to its tables: rId1… in the order of its tables. */
export function worksheetRelationships(parts: readonly TablePart[]): string {
  return relationships(parts.map((p, i) => ({ id: `rId${i + 1}`, type: REL + 'table', target: `../tables/table${p.id}.xml` })));
}

/**
 * The rows printed on top of every page: rows 1 to the last frozen row, else the header row of
 * the first table; `null` when the sheet has neither.
 */
export function printTitles(sheet: PlacedSheet): string | null {
  const rows =
    sheet.freezeRows > 0 ? [1, sheet.freezeRows] : sheet.tables.length ? [sheet.tables[0].headerRow, sheet.tables[0].headerRow] : null;
  return rows ? `${quoteSheet(sheet.name)}!$${rows[0]}:$${rows[1]}` : null;
}

/** The workbook part: sheets in order with their state, print titles, full recalculation on open. */
export function workbook(sheets: readonly PlacedSheet[], activeTab: number): string {
  const items = sheets.map((s, i) => {
    const state = s.state && s.state !== 'visible' ? ` state="${s.state}"` : '';
    return `<sheet name="${escapeXmlAttr(s.name, 'Sheet name')}" sheetId="${i + 1}"${state} r:id="rId${i + 1}"/>`;
  });
  const names = sheets.flatMap((s, i) => {
    const titles = printTitles(s);
    return titles ? [`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(titles, 'Print titles')}</definedName>`] : [];
  });
  return (
    XML_DECL +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<bookViews><workbookView activeTab="${activeTab}"/></bookViews>` +
    `<sheets>${items.join('')}</sheets>` +
    (names.length ? `<definedNames>${names.join('')}</definedNames>` : '') +
    '<calcPr calcId="191029" fullCalcOnLoad="1"/>' +
    '</workbook>'
  );
}

/** W3CDTF without milliseconds: `2024-05-01T10:00:00Z`. */
function w3cdtf(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function coreProperties(now: Date): string {
  const date = w3cdtf(now);
  return (
    XML_DECL +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<dc:creator>Suivi ESS</dc:creator><cp:lastModifiedBy>Suivi ESS</cp:lastModifiedBy>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

export function appProperties(sheets: readonly PlacedSheet[]): string {
  const titles = sheets.map((s) => `<vt:lpstr>${escapeXml(s.name, 'Sheet name')}</vt:lpstr>`).join('');
  return (
    XML_DECL +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Application>Suivi ESS</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    '<HeadingPairs><vt:vector size="2" baseType="variant">' +
    `<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant>` +
    '</vt:vector></HeadingPairs>' +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts>` +
    '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>' +
    '</Properties>'
  );
}

/** A table definition: autofilter, columns named after the header texts, banded rows. */
export function tableXml(part: TablePart): string {
  const t = part.table;
  const ref = rangeText(checkedRange(t.ref, `Table ${t.name}`));
  const name = escapeAttr(t.name);
  const cols = t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(c)}"/>`).join('');
  return (
    XML_DECL +
    `<table xmlns="${NS_MAIN}" id="${part.id}" name="${name}" displayName="${name}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/>` +
    `<tableColumns count="${t.columns.length}">${cols}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
    '</table>'
  );
}
