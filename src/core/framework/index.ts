/** The frameworks shipped with Suivi ESS, validated once at load. */
import ra from '../../frameworks/rhone-alpes-ces-2014-2016.json';
import pdl from '../../frameworks/pays-de-la-loire-sress-2017-2021.json';
import cvl from '../../frameworks/centre-val-de-loire-sress-2018-2021.json';
import { FrameworkSchema, type Framework } from './schema';

export * from './schema';
export * from './choices';

const RAW: { id: string }[] = [ra, pdl, cvl];

/** Each framework validated the first time it is asked for (a command needs one of them). */
const parsed = new Map<string, Framework>();

function load(raw: { id: string }): Framework {
  let f = parsed.get(raw.id);
  if (!f) parsed.set(raw.id, (f = FrameworkSchema.parse(raw)));
  return f;
}

/** The shipped frameworks' ids, without validating them. */
export function frameworkIds(): string[] {
  return RAW.map((r) => r.id);
}

export function frameworks(): Framework[] {
  return RAW.map(load);
}

export function findFramework(id: string): Framework | null {
  const raw = RAW.find((r) => r.id === id.trim());
  return raw ? load(raw) : null;
}
