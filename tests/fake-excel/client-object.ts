/**
 * Proxy objects, as Office.js's `OfficeExtension.ClientObject`: a property can be read only
 * after a `load` of it and a `sync()` that followed; setting a property or calling a method only
 * queues a command, applied to the workbook at the next `sync()`.
 */
import { requireApi } from './api-sets';
import type { FakeRequestContext } from './context';
import { FakeOfficeError, invalidArgument, itemNotFound, propertyNotLoaded } from './errors';
import { buildTree, loadPaths, mergeTree, type LoadOption, type LoadTree } from './load';

/** Item proxies made by a collection's query, keyed by the JSON array of their results. */
const itemProxies = new WeakMap<object, FakeClientObject[]>();

/** Replaces proxies in command arguments by their path (what Office.js sends is an object path id). */
export function wireValue(v: unknown): unknown {
  if (v instanceof FakeClientObject) return { _ObjectPath: v._path };
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = wireValue(x);
  return out;
}

export function argText(args: unknown[]): string {
  return args.map((a) => (a instanceof FakeClientObject ? a._path : (JSON.stringify(a) ?? 'undefined'))).join(', ');
}

export abstract class FakeClientObject<T = unknown> {
  /** @internal */ readonly _context: FakeRequestContext;
  /** @internal Path of the object, like `workbook.worksheets.getItem("Cadre").getRange("A1")`. */
  readonly _path: string;
  /** @internal Values brought by syncs (or set locally, as Office.js does). */
  _fields: Record<string, unknown> = {};
  /** @internal Known after a sync that loaded the object: whether it is a null object. */
  _isNull: boolean | undefined = undefined;
  /** @internal Finds the object in the workbook model; null for a null object. Throws RichApi errors. */
  readonly _resolver: () => T | null;
  /** @internal Type name used in error locations (`Range`, `Worksheet`…). */
  abstract readonly _className: string;

  constructor(context: FakeRequestContext, path: string, resolver: () => T | null) {
    this._context = context;
    this._path = path;
    this._resolver = resolver;
  }

  get context(): FakeRequestContext {
    return this._context;
  }

  /** Whether the object is a null object (from a `…OrNullObject` method); readable after a sync that loaded it. */
  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded(null, 'isNullObject');
    return this._isNull;
  }

  /** Queues a load of the given properties; they can be read after the next `sync()`. */
  load(option?: LoadOption): this {
    const tree = buildTree(loadPaths(option));
    this._context._enqueueQuery(this, tree);
    return this;
  }

  /** Office.js's `set`: sets several properties (navigation properties take nested objects). */
  set(properties: Record<string, unknown>): void {
    if (!properties || typeof properties !== 'object') throw invalidArgument(`${this._className}.set`);
    for (const [k, v] of Object.entries(properties)) {
      const nav = this._scalarNames().includes(k) ? undefined : this._navigation(k);
      if (nav && v && typeof v === 'object' && !Array.isArray(v)) {
        nav.set(v as Record<string, unknown>);
        continue;
      }
      try {
        (this as unknown as Record<string, unknown>)[k] = v;
      } catch (e) {
        if (e instanceof FakeOfficeError) throw e;
        throw invalidArgument(`${this._className}.set`, `The property '${k}' is read-only and it cannot be updated.`);
      }
    }
  }

  /** What has been loaded, as Office.js's `toJSON()`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this._fields)) {
      out[k] = Array.isArray(v) && v.length && v[0] instanceof FakeClientObject ? v.map((x: FakeClientObject) => x.toJSON()) : v;
    }
    return out;
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }

  // ------------------------------------------------------------------ hooks

  /** @internal Scalar properties, all loaded by `load()` without option. */
  abstract _scalarNames(): readonly string[];

  /** @internal A navigation property (child proxy), or undefined. */
  _navigation(_name: string): FakeClientObject | undefined {
    return undefined;
  }

  /** @internal Reads a scalar property of the resolved object. */
  abstract _readScalar(target: T, name: string): unknown;

  // ------------------------------------------------------------------ machinery

  /** @internal ApiNotFound, at once, when the host's ExcelApi version lacks the member. */
  _requireApi(member: string): void {
    requireApi(this._context._host, member);
  }

  /** @internal A loaded (or locally set) property; PropertyNotLoaded otherwise. */
  _get<V>(name: string): V {
    if (Object.prototype.hasOwnProperty.call(this._fields, name)) return this._fields[name] as V;
    // Office.js: properties of a null object read as undefined once the sync told it is null.
    if (this._isNull === true) return undefined as V;
    throw propertyNotLoaded(this._className, name);
  }

  /** @internal The object for a command: a null object or a missing item is ItemNotFound. */
  _target(location: string): T {
    const t = this._resolver();
    if (t === null) throw itemNotFound(location);
    return t;
  }

  /** @internal Sets a property: the proxy keeps the value (as Office.js does) and a command is queued. */
  _setProperty(name: string, value: unknown, apply: (target: T) => void): void {
    const location = `${this._className}.${name}`;
    this._requireApi(location);
    this._fields[name] = value;
    this._context._enqueueCommand(this, 'set', name, [value], location, () => apply(this._target(location)));
  }

  /** @internal Queues a method call. */
  _call(name: string, args: unknown[], apply: (target: T) => void): void {
    const location = `${this._className}.${name}`;
    this._requireApi(location);
    this._context._enqueueCommand(this, 'call', name, args, location, () => apply(this._target(location)));
  }

  /** @internal Runs a load at sync: the JSON Excel would answer (null for a null object). */
  _query(tree: LoadTree): unknown {
    const target = this._resolver();
    if (target === null) return null;
    const out: Record<string, unknown> = {};
    const scalars = this._scalarNames();
    if (tree.size === 0) {
      for (const s of scalars) out[s] = this._readScalar(target, s);
      return out;
    }
    for (const [name, sub] of tree) {
      if (name === 'isNullObject' || name === '*') continue;
      if (scalars.includes(name)) {
        if (sub.size > 0) throw invalidArgument(`${this._className}.load`, `'${name}' is not a navigation property.`);
        this._requireApi(`${this._className}.${name}`);
        out[name] = this._readScalar(target, name);
        continue;
      }
      const nav = this._navigation(name);
      if (!nav) throw invalidArgument(`${this._className}.load`, `The property '${name}' does not exist on ${this._className}.`);
      out[name] = nav._query(sub);
    }
    return out;
  }

  /** @internal Delivers a load's result after a successful sync. */
  _handleResult(json: unknown): void {
    if (json === null || json === undefined) {
      this._isNull = true;
      return;
    }
    this._isNull = false;
    const scalars = this._scalarNames();
    for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
      if (scalars.includes(k)) this._fields[k] = v;
      else this._navigation(k)?._handleResult(v);
    }
  }
}

/** A collection proxy: `items` (after a load) and collection scalars such as `count`. */
export abstract class FakeCollection<TItem extends FakeClientObject, T = unknown, E = unknown> extends FakeClientObject<T> {
  get items(): TItem[] {
    return this._get<TItem[]>('items');
  }

  /** @internal Entities of the collection, in order. */
  abstract _entities(target: T): E[];
  /** @internal A proxy pinned to an entity. */
  abstract _itemProxy(entity: E, index: number): TItem;

  override _query(tree: LoadTree): unknown {
    const target = this._resolver();
    if (target === null) return null;
    const out: Record<string, unknown> = {};
    const scalars = this._scalarNames();
    const itemsTree: LoadTree = new Map();
    let wantItems = tree.size === 0;
    for (const [name, sub] of tree) {
      if (name === 'isNullObject') continue;
      if (name === 'items') {
        wantItems = true;
        mergeTree(itemsTree, sub);
      } else if (scalars.includes(name)) {
        out[name] = this._readScalar(target, name);
      } else {
        // `collection.load('name')` is `collection.load('items/name')`.
        wantItems = true;
        itemsTree.set(name, sub);
      }
    }
    if (wantItems) {
      const proxies = this._entities(target).map((e, i) => this._itemProxy(e, i));
      const items = proxies.map((p) => p._query(itemsTree));
      itemProxies.set(items, proxies);
      out.items = items;
    }
    return out;
  }

  override _handleResult(json: unknown): void {
    if (json === null || json === undefined) {
      this._isNull = true;
      return;
    }
    this._isNull = false;
    const scalars = this._scalarNames();
    for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
      if (k === 'items') {
        const proxies = itemProxies.get(v as object) ?? [];
        proxies.forEach((p, i) => p._handleResult((v as unknown[])[i]));
        this._fields.items = proxies;
      } else if (scalars.includes(k)) this._fields[k] = v;
    }
  }
}

/** `OfficeExtension.ClientResult`: a method's result, readable after the sync. */
export class FakeClientResult<V> {
  /** @internal */ _value: V | undefined;
  /** @internal */ _done = false;

  get value(): V {
    if (!this._done) throw propertyNotLoaded('ClientResult', 'value');
    return this._value as V;
  }
}
