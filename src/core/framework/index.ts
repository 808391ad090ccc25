/** The frameworks shipped with Suivi ESS, validated once at load. */
import ra from '../../frameworks/rhone-alpes-ces-2014-2016.json';
import pdl from '../../frameworks/pays-de-la-loire-sress-2017-2021.json';
import cvl from '../../frameworks/centre-val-de-loire-sress-2018-2021.json';
import { FrameworkSchema, type Framework } from './schema';

export * from './schema';
export * from './choices';

const RAW: unknown[] = [ra, pdl, cvl];

let cache: Framework[] | null = null;

export function frameworks(): Framework[] {
  if (!cache) cache = RAW.map((raw) => FrameworkSchema.parse(raw));
  return cache;
}

export function findFramework(id: string): Framework | null {
  return frameworks().find((f) => f.id === id.trim()) ?? null;
}
