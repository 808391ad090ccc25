/**
 * The request context: a queue of actions (commands and loads, in call order) that `sync()`
 * sends as one request. At sync the fake measures the request, checks the host's switches,
 * applies the actions in order to the workbook model, measures the response and only then
 * delivers the loaded values to the proxies.
 */
import { type FakeClientObject, FakeClientResult, argText, wireValue } from './client-object';
import { ErrorCodes, FakeOfficeError, richError } from './errors';
import type { FakeExcelHost, SyncRecord } from './host';
import type { LoadTree } from './load';
import { type FakeApplication, FakeRuntime, FakeWorkbook } from './workbook';

interface WireAction {
  path: string;
  action: 'set' | 'call' | 'load';
  name: string;
  args?: unknown[];
}

type Action =
  | { kind: 'command'; wire: WireAction; location: string; statement: string; apply: () => void }
  | { kind: 'query'; wire: WireAction; location: string; statement: string; run: () => unknown; deliver: (json: unknown) => void };

/** UTF-8 length of a string, without TextEncoder (runs in Node and in browsers alike). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export class FakeRequestContext {
  /** @internal */ readonly _host: FakeExcelHost;
  private _pending: Action[] = [];
  /** @internal Set by `Excel.run({ delayForCellEdit: true }, …)`: syncs wait out cell edit mode. */
  _delayForCellEdit = false;
  readonly workbook: FakeWorkbook;
  readonly runtime: FakeRuntime;
  /** No-ops: the fake tracks nothing, every proxy stays usable. */
  readonly trackedObjects = { add: (_o: unknown): void => undefined, remove: (_o: unknown): void => undefined };

  constructor(host: FakeExcelHost) {
    this._host = host;
    this.workbook = new FakeWorkbook(this);
    this.runtime = new FakeRuntime(this);
  }

  get application(): FakeApplication {
    return this.workbook.application;
  }

  /** Office.js's `context.load(object, option)`. */
  load<O extends FakeClientObject>(object: O, option?: Parameters<O['load']>[0]): O {
    object.load(option);
    return object;
  }

  /** Actions queued and not yet synced. */
  get pendingActions(): number {
    return this._pending.length;
  }

  /** @internal */
  _enqueueCommand(
    target: FakeClientObject,
    action: 'set' | 'call',
    name: string,
    args: unknown[],
    location: string,
    apply: () => void,
  ): void {
    this._pending.push({
      kind: 'command',
      wire: { path: target._path, action, name, args: args.map(wireValue) },
      location,
      statement: action === 'set' ? `${target._path}.${name} = ...;` : `${target._path}.${name}(${argText(args)});`,
      apply,
    });
  }

  /** @internal */
  _enqueueQuery(target: FakeClientObject, tree: LoadTree): void {
    const select = [...flatten(tree, '')];
    this._pending.push({
      kind: 'query',
      wire: { path: target._path, action: 'load', name: 'load', args: [select.join(',')] },
      location: `${target._className}.load`,
      statement: `${target._path}.load(${JSON.stringify(select.join(','))});`,
      run: () => target._query(tree),
      deliver: (json) => target._handleResult(json),
    });
  }

  /** @internal A method with a result (`getCount()`…): the result is set at sync. */
  _enqueueResult<V>(target: FakeClientObject, name: string, args: unknown[], compute: () => V): FakeClientResult<V> {
    target._requireApi(`${target._className}.${name}`);
    const result = new FakeClientResult<V>();
    this._pending.push({
      kind: 'query',
      wire: { path: target._path, action: 'call', name, args: args.map(wireValue) },
      location: `${target._className}.${name}`,
      statement: `${target._path}.${name}(${argText(args)});`,
      run: () => compute() as unknown,
      deliver: (v) => {
        result._value = v as V;
        result._done = true;
      },
    });
    return result;
  }

  /**
   * Sends the queued actions. Like Office.js, the queue is taken a microtask after the call, and
   * a sync with nothing queued makes no round trip (it resolves at once, not logged in `syncs`).
   */
  async sync<V = void>(passThroughValue?: V): Promise<V> {
    const host = this._host;
    await Promise.resolve();
    const actions = this._pending;
    this._pending = [];
    host.syncCalls++;
    if (actions.length === 0) return passThroughValue as V;
    if (this._delayForCellEdit && host.delayForCellEditSupported) await host.whenNotEditing();

    const record: SyncRecord = {
      requestBytes: utf8Length(JSON.stringify(actions.map((a) => a.wire))),
      responseBytes: 0,
      commands: actions.filter((a) => a.kind === 'command').length,
      loads: actions.filter((a) => a.kind === 'query').length,
      calculationSuspended: actions.some((a) => a.kind === 'command' && a.wire.name === 'suspendApiCalculationUntilNextSync'),
    };
    host.syncs.push(record);
    try {
      return this._roundTrip(actions, record, passThroughValue);
    } finally {
      for (const listener of [...host.syncListeners]) listener(record);
    }
  }

  private _roundTrip<V>(actions: Action[], record: SyncRecord, passThroughValue: V | undefined): V {
    const host = this._host;
    const fail = (err: FakeOfficeError): never => {
      record.error = err.code;
      throw err;
    };

    if (host.editMode) fail(richError(ErrorCodes.invalidOperationInCellEditMode));
    if (record.requestBytes > host.payloadLimit) fail(richError(ErrorCodes.requestPayloadSizeLimitExceeded, 'request'));

    const results: Array<{ deliver: (json: unknown) => void; json: unknown }> = [];
    for (const a of actions) {
      try {
        if (a.kind === 'command') a.apply();
        else results.push({ deliver: a.deliver, json: a.run() });
      } catch (e) {
        // Excel stops at the failing action: earlier ones stay applied, later ones are dropped,
        // and no loaded value reaches the proxies.
        fail(asRichError(e, a.location, a.statement));
      }
    }

    record.responseBytes = results.length ? utf8Length(JSON.stringify(results.map((r) => r.json))) : 0;
    // Excel on the web refuses a response over its limit with its own code (OSF error 5104 in
    // Office.js). Whether the batch's commands were applied is undocumented: the response is
    // built after they ran, so the fake keeps them applied (see the README).
    if (record.responseBytes > host.payloadLimit) fail(richError(ErrorCodes.responsePayloadSizeLimitExceeded, 'response'));
    for (const r of results) r.deliver(r.json);
    return passThroughValue as V;
  }
}

function* flatten(tree: LoadTree, prefix: string): Generator<string> {
  for (const [k, sub] of tree) {
    const p = prefix ? `${prefix}/${k}` : k;
    if (sub.size === 0) yield p;
    else yield* flatten(sub, p);
  }
}

function asRichError(e: unknown, location: string, statement: string): FakeOfficeError {
  const err =
    e instanceof FakeOfficeError ? e : new FakeOfficeError({ code: ErrorCodes.generalException, errorLocation: location, innerError: e });
  if (!err.debugInfo.errorLocation) err.debugInfo.errorLocation = location;
  err.debugInfo.statement = statement;
  return err;
}
