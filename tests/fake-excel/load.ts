/**
 * Load options as Office.js accepts them: `'values, address'`, `['values', 'address']`,
 * `{ select: 'name', expand: 'worksheet' }`, or a property bag `{ format: { font: { bold: true } } }`;
 * paths such as `items/name` or `protection/protected` go through navigation properties.
 */
import { invalidArgument } from './errors';

/** Property name → what to load under it. An empty map: the scalar itself, or every scalar
 * property of a navigation property. */
export type LoadTree = Map<string, LoadTree>;

export type LoadOption =
  string | string[] | { select?: string | string[]; expand?: string | string[]; top?: number; skip?: number } | Record<string, unknown>;

function split(v: string | string[]): string[] {
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const s of list) {
    if (typeof s !== 'string') throw invalidArgument('ClientObject.load');
    for (const part of s.split(',')) {
      const p = part.trim().replace(/^\/+|\/+$/g, '');
      if (p) out.push(p);
    }
  }
  return out;
}

function bagPaths(bag: Record<string, unknown>, prefix: string, out: string[]): void {
  for (const [k, v] of Object.entries(bag)) {
    if (k.startsWith('$')) continue;
    const path = prefix ? `${prefix}/${k}` : k;
    if (v === true) out.push(path);
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      const before = out.length;
      bagPaths(v as Record<string, unknown>, path, out);
      if (out.length === before) out.push(path);
    }
  }
}

/** The paths an option asks for; null for `load()` without option (every scalar property). */
export function loadPaths(option: unknown): string[] | null {
  if (option === undefined || option === null) return null;
  if (typeof option === 'string' || Array.isArray(option)) {
    const paths = split(option as string | string[]);
    return paths.length ? paths : null;
  }
  if (typeof option !== 'object') throw invalidArgument('ClientObject.load');
  const o = option as Record<string, unknown>;
  if ('select' in o || 'expand' in o || 'top' in o || 'skip' in o) {
    const paths = o.select === undefined ? [] : split(o.select as string | string[]);
    // An expanded navigation property loads all its scalar properties.
    if (o.expand !== undefined) paths.push(...split(o.expand as string | string[]));
    return paths.length ? paths : null;
  }
  const out: string[] = [];
  bagPaths(o, '', out);
  return out.length ? out : null;
}

export function addPath(tree: LoadTree, path: string): void {
  let node = tree;
  for (const seg of path.split('/')) {
    const name = seg.trim();
    if (!name) continue;
    let next = node.get(name);
    if (!next) {
      next = new Map();
      node.set(name, next);
    }
    node = next;
  }
}

export function buildTree(paths: string[] | null): LoadTree {
  const tree: LoadTree = new Map();
  for (const p of paths ?? []) addPath(tree, p);
  return tree;
}

/** Copies `from` into `into` (used to merge several `items/…` paths of a collection). */
export function mergeTree(into: LoadTree, from: LoadTree): void {
  for (const [k, sub] of from) {
    let node = into.get(k);
    if (!node) {
      node = new Map();
      into.set(k, node);
    }
    mergeTree(node, sub);
  }
}
