/**
 * The territories of the workbook (`tblTerritoires`) as an index: a typed text (« 69 »,
 * « Rhône », « Département du Rhône », « D69 ») is matched to one code, exactly (never a
 * substring: « Rhône » is not « Rhône-Alpes »), regardless of case, accents and punctuation; and
 * each territory's chain of rattachements (authority → département → région), cycles cut.
 */
import { normalizeKey } from '../shared/text';
import type { TerritoryRecord } from './contract-records';

export interface TerritoryIndex {
  /** The territories in table order, first occurrence of each code. */
  list: TerritoryRecord[];
  byCode: Map<string, TerritoryRecord>;
  /** The code a text names, and whether it was the code itself; null when none. */
  resolve(text: string): { code: string; exact: boolean } | null;
  /** The code and its ancestors, nearest first (a rattachement to an unknown code or back to itself stops the chain). */
  chain(code: string): string[];
  /** Depth in the hierarchy (0 for a territory without rattachement). */
  depth(code: string): number;
}

/** The other names of a territory, from its « Autres noms » cell (separated by « ; »). */
export function territoryAliases(t: Pick<TerritoryRecord, 'aliases'>): string[] {
  return (t.aliases ?? '')
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);
}

export function territoryIndex(records: readonly TerritoryRecord[]): TerritoryIndex {
  const byCode = new Map<string, TerritoryRecord>();
  for (const t of records) if (t.code && !byCode.has(t.code)) byCode.set(t.code, t);
  const loose = new Map<string, string>();
  const add = (text: string | null | undefined, code: string) => {
    const k = text ? normalizeKey(text) : '';
    if (k && !loose.has(k)) loose.set(k, code);
  };
  // Codes first, then labels, official codes and other names: a code always wins.
  for (const code of byCode.keys()) add(code, code);
  for (const t of byCode.values()) {
    add(t.label, t.code);
    add(t.officialCode, t.code);
    territoryAliases(t).forEach((a) => add(a, t.code));
  }
  const chains = new Map<string, string[]>();
  const chain = (code: string): string[] => {
    const known = chains.get(code);
    if (known) return known;
    const out = [code];
    let at = byCode.get(code)?.parent?.trim();
    while (at && byCode.has(at) && !out.includes(at)) {
      out.push(at);
      at = byCode.get(at)!.parent?.trim();
    }
    chains.set(code, out);
    return out;
  };
  return {
    list: [...byCode.values()],
    byCode,
    resolve(text) {
      const t = text.trim();
      if (byCode.has(t)) return { code: t, exact: true };
      const code = loose.get(normalizeKey(t));
      return code ? { code, exact: false } : null;
    },
    chain,
    depth: (code) => chain(code).length - 1,
  };
}
