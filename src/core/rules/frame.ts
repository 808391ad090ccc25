/** The contract's frame, read from the Cadre table, with the findings of a missing or odd key. */
import type { CadreEntry, ContractRecords } from '../contract/contract-records';
import { cellOf } from '../contract/cells';
import { INPUT_TABLES } from '../contract/tables';
import { findFramework, type Framework } from '../framework';
import { cellText, normalizeKey } from '../shared/text';
import { finding, type Finding } from './findings';

export interface Frame {
  id: string | null;
  title: string | null;
  start: number | null;
  end: number | null;
  currency: string | null;
  framework: Framework | null;
  /** The contract version the workbook says it follows (1 when it does not say). */
  version: number;
  /** True when the Cadre says the workbook holds fictitious example data. */
  example: boolean;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** Reads the frame; `headerCell` is where findings about an absent key point. */
export function readFrame(records: ContractRecords, headerCell: string): { frame: Frame; findings: Finding[] } {
  const sheet = records.cadre[0]?.origin.sheet ?? INPUT_TABLES.cadre.sheet;
  const findings: Finding[] = [];
  const byKey = new Map<string, CadreEntry>();
  for (const e of records.cadre) if (!byKey.has(normalizeKey(e.key))) byKey.set(normalizeKey(e.key), e);
  const get = (k: string) => byKey.get(normalizeKey(k));
  const text = (k: string) => {
    const v = get(k)?.value ?? null;
    return typeof v === 'object' && v !== null ? null : cellText(v);
  };
  const absent = (key: string) => findings.push(finding('CADRE', sheet, headerCell, { key }));
  const year = (key: string): number | null => {
    const e = get(key);
    if (!e) {
      absent(key);
      return null;
    }
    const v = e.value;
    const m = typeof v === 'number' ? v : typeof v === 'string' ? Number((/^\s*(\d{4})/.exec(v) ?? [])[1]) : NaN;
    if (!Number.isInteger(m) || m < MIN_YEAR || m > MAX_YEAR) {
      findings.push(finding('CADRE-ANNEE', sheet, cellOf(e.origin, 'value'), { key, found: { value: v } }));
      return null;
    }
    return m;
  };
  for (const k of ['Cadre', 'Intitulé', 'Devise']) if (!get(k)) absent(k);
  const id = text('Cadre');
  const framework = id ? findFramework(id) : null;
  if (id && !framework) findings.push(finding('CADRE-INCONNU', sheet, cellOf(get('Cadre')!.origin, 'value'), { found: { value: id } }));
  const start = year('Début');
  const end = year('Fin');
  if (start !== null && end !== null && end < start) {
    findings.push(finding('CADRE-PERIODE', sheet, cellOf(get('Fin')!.origin, 'value'), { start, found: end }));
  }
  const currency = text('Devise');
  if (get('Devise') && currency && !['EUR', '€'].includes(currency.toUpperCase())) {
    findings.push(finding('CADRE-DEVISE', sheet, cellOf(get('Devise')!.origin, 'value'), { found: { value: currency } }));
  }
  const versionText = text('Version du contrat') ?? '';
  const versionMatch = /(\d+)\s*$/.exec(versionText);
  const version = versionMatch ? Number(versionMatch[1]) : 1;
  const example = /^oui/i.test(text('Exemple') ?? '');
  return { frame: { id, title: text('Intitulé'), start, end, currency, framework, version, example }, findings };
}
