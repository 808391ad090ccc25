/**
 * Upgrading a workbook of an earlier contract version: the columns added since are appended,
 * empty, after the table's own columns (a user's extra columns and order are kept), and the
 * Cadre's « Version du contrat » says the current version. Values are never changed: an empty
 * `Nature` of the Convention is read from its Source, as in the earlier version.
 */
import type { ContractTables } from './contract-records';
import { mapColumns } from './records';
import { CONTRACT_VERSION_TEXT, INPUT_ORDER, INPUT_TABLES } from './tables';
import { normalizeKey } from '../shared/text';

const VERSION_KEY = normalizeKey('Version du contrat');

export function upgradedTables(tables: ContractTables): ContractTables {
  const out = { ...tables };
  for (const key of INPUT_ORDER) {
    const t = tables[key];
    const added = mapColumns(INPUT_TABLES[key], t).missing.filter((c) => c.since !== undefined);
    if (added.length === 0) continue;
    const width = t.headers.length;
    out[key] = {
      ...t,
      headers: [...t.headers, ...added.map((c) => c.header)],
      rows: t.rows.map((r) => [...r.slice(0, width), ...new Array<null>(width - Math.min(width, r.length) + added.length).fill(null)]),
    };
  }
  const cadre = out.cadre;
  const at = cadre.rows.findIndex((r) => typeof r[0] === 'string' && normalizeKey(r[0]) === VERSION_KEY);
  const versionRow = ['Version du contrat', CONTRACT_VERSION_TEXT];
  out.cadre = {
    ...cadre,
    rows: at < 0 ? [...cadre.rows, versionRow] : cadre.rows.map((r, i) => (i === at ? [r[0], CONTRACT_VERSION_TEXT, ...r.slice(2)] : r)),
  };
  return out;
}
