/**
 * The globals an add-in sees: `Excel` (run, RequestContext, ErrorCodes, enums), `Office`
 * (onReady, HostType, context.requirements) and `OfficeExtension` (Error), bound to a host.
 */
import { FakeClientObject, FakeClientResult } from './client-object';
import { FakeRequestContext } from './context';
import { ErrorCodes, FakeOfficeError, richError } from './errors';
import { FakeExcelHost } from './host';

export const ChartType = {
  columnClustered: 'ColumnClustered',
  columnStacked: 'ColumnStacked',
  columnStacked100: 'ColumnStacked100',
  barClustered: 'BarClustered',
  barStacked: 'BarStacked',
  barStacked100: 'BarStacked100',
  line: 'Line',
  lineStacked: 'LineStacked',
  lineMarkers: 'LineMarkers',
  pie: 'Pie',
  doughnut: 'Doughnut',
  area: 'Area',
  areaStacked: 'AreaStacked',
  xyscatter: 'XYScatter',
  xyscatterLines: 'XYScatterLines',
  radar: 'Radar',
  histogram: 'Histogram',
  pareto: 'Pareto',
  waterfall: 'Waterfall',
  treemap: 'Treemap',
  sunburst: 'Sunburst',
  funnel: 'Funnel',
  boxwhisker: 'BoxWhisker',
} as const;

export const ChartSeriesBy = { auto: 'Auto', columns: 'Columns', rows: 'Rows' } as const;

export const ClearApplyTo = {
  all: 'All',
  formats: 'Formats',
  contents: 'Contents',
  hyperlinks: 'Hyperlinks',
  removeHyperlinks: 'RemoveHyperlinks',
  resetContents: 'ResetContents',
} as const;

export const HorizontalAlignment = {
  general: 'General',
  left: 'Left',
  center: 'Center',
  right: 'Right',
  fill: 'Fill',
  justify: 'Justify',
  centerAcrossSelection: 'CenterAcrossSelection',
  distributed: 'Distributed',
} as const;

export const VerticalAlignment = {
  top: 'Top',
  center: 'Center',
  bottom: 'Bottom',
  justify: 'Justify',
  distributed: 'Distributed',
} as const;

export const SheetVisibility = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' } as const;

export const DataValidationAlertStyle = { stop: 'Stop', warning: 'Warning', information: 'Information' } as const;

export const CalculationMode = { automatic: 'Automatic', automaticExceptTables: 'AutomaticExceptTables', manual: 'Manual' } as const;

export const HostType = {
  Word: 'Word',
  Excel: 'Excel',
  PowerPoint: 'PowerPoint',
  Outlook: 'Outlook',
  OneNote: 'OneNote',
  Project: 'Project',
  Access: 'Access',
} as const;

export const PlatformType = {
  PC: 'PC',
  OfficeOnline: 'OfficeOnline',
  Mac: 'Mac',
  iOS: 'iOS',
  Android: 'Android',
  Universal: 'Universal',
} as const;

export const EventType = { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' } as const;

export const AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' } as const;

/** A dialog the add-in opened (`Office.context.ui.displayDialogAsync`). */
export interface FakeDialogRecord {
  url: string;
  options: unknown;
  closed: boolean;
}

/** Options of `Excel.run(options, batch)`. */
export interface FakeRunOptions {
  /** Wait for the user to leave cell edit mode instead of failing (Office.js's `delayForCellEdit`). */
  delayForCellEdit?: boolean;
}

export type Batch<T> = (context: FakeRequestContext) => Promise<T>;

export interface FakeExcelNamespace {
  run<T>(batch: Batch<T>): Promise<T>;
  run<T>(objectOrOptions: FakeClientObject | FakeClientObject[] | FakeRequestContext | FakeRunOptions, batch: Batch<T>): Promise<T>;
  createWorkbook(base64?: string): Promise<void>;
  RequestContext: new () => FakeRequestContext;
  ErrorCodes: typeof ErrorCodes;
  ChartType: typeof ChartType;
  ChartSeriesBy: typeof ChartSeriesBy;
  ClearApplyTo: typeof ClearApplyTo;
  HorizontalAlignment: typeof HorizontalAlignment;
  VerticalAlignment: typeof VerticalAlignment;
  SheetVisibility: typeof SheetVisibility;
  DataValidationAlertStyle: typeof DataValidationAlertStyle;
  CalculationMode: typeof CalculationMode;
}

type AsyncCallback = (result: { status: string; value: FakeDialog; error?: { code: number; message: string } }) => void;

interface FakeDialog {
  addEventHandler(type: string, handler: (arg: { error?: number; message?: string }) => void): void;
  close(): void;
}

export interface FakeOfficeNamespace {
  onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  HostType: typeof HostType;
  PlatformType: typeof PlatformType;
  EventType: typeof EventType;
  AsyncResultStatus: typeof AsyncResultStatus;
  context: {
    readonly ui: { displayDialogAsync(url: string, options?: unknown, callback?: AsyncCallback): void };
    readonly host: string;
    readonly platform: string;
    readonly requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
    readonly diagnostics: { host: string; platform: string; version: string };
    displayLanguage: string;
    contentLanguage: string;
  };
}

export interface FakeOfficeExtensionNamespace {
  Error: typeof FakeOfficeError;
  ErrorCodes: typeof ErrorCodes;
  ClientRequestContext: typeof FakeRequestContext;
  ClientObject: typeof FakeClientObject;
  ClientResult: typeof FakeClientResult;
}

export interface FakeOfficeInstallation {
  host: FakeExcelHost;
  Excel: FakeExcelNamespace;
  Office: FakeOfficeNamespace;
  OfficeExtension: FakeOfficeExtensionNamespace;
  /** Puts back what `target` had before (or removes the globals). */
  uninstall(): void;
}

export function createExcelNamespace(host: FakeExcelHost): FakeExcelNamespace {
  class RequestContext extends FakeRequestContext {
    constructor() {
      super(host);
    }
  }

  function run<T>(...args: unknown[]): Promise<T> {
    const batch = args[args.length - 1] as Batch<T>;
    const first = args.length > 1 ? args[0] : undefined;
    return Promise.resolve().then(() => {
      let ctx: FakeRequestContext;
      if (first instanceof FakeRequestContext) ctx = first;
      else if (first instanceof FakeClientObject) ctx = first.context;
      else if (Array.isArray(first) && first[0] instanceof FakeClientObject) ctx = first[0].context;
      else {
        ctx = new FakeRequestContext(host);
        if (first && typeof first === 'object' && (first as FakeRunOptions).delayForCellEdit) ctx._delayForCellEdit = true;
      }
      if (typeof batch !== 'function') throw richError(ErrorCodes.invalidArgument, 'Excel.run');
      const result = batch(ctx);
      if (!result || typeof (result as Promise<T>).then !== 'function') throw richError(ErrorCodes.runMustReturnPromise, 'Excel.run');
      // As Office.js: what the batch queued after its last sync is synced before run resolves.
      return Promise.resolve(result).then((value) => ctx.sync(value));
    });
  }

  /** Excel.createWorkbook (ExcelApi 1.8): records the base64 workbook the add-in asked to open. */
  function createWorkbook(base64?: string): Promise<void> {
    return Promise.resolve().then(() => {
      if (!host.isSetSupported('ExcelApi', '1.8')) throw richError(ErrorCodes.apiNotFound, 'Excel.createWorkbook');
      if (base64 !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
        throw richError(ErrorCodes.invalidArgument, 'Excel.createWorkbook');
      host.createdWorkbooks.push(base64 ?? '');
    });
  }

  return {
    run: run as FakeExcelNamespace['run'],
    createWorkbook,
    RequestContext,
    ErrorCodes,
    ChartType,
    ChartSeriesBy,
    ClearApplyTo,
    HorizontalAlignment,
    VerticalAlignment,
    SheetVisibility,
    DataValidationAlertStyle,
    CalculationMode,
  };
}

export function createOfficeNamespace(host: FakeExcelHost): FakeOfficeNamespace {
  const info = () => ({ host: 'Excel', platform: host.platform });
  return {
    onReady(callback) {
      return Promise.resolve().then(() => {
        callback?.(info());
        return info();
      });
    },
    HostType,
    PlatformType,
    EventType,
    AsyncResultStatus,
    context: {
      ui: {
        /**
         * DialogApi 1.1: records the dialog in `host.dialogs`; `host.closeDialog()` plays the user
         * closing it (DialogEventReceived with error 12006, as Office reports it). A second dialog
         * while one is open fails with 12007, Office's « already has an active dialog ».
         */
        displayDialogAsync(url: string, options?: unknown, callback?: AsyncCallback) {
          const cb = typeof options === 'function' ? (options as AsyncCallback) : callback;
          void Promise.resolve().then(() => {
            const open = host.dialogs.some((d) => !d.closed);
            const record: FakeDialogRecord = { url, options: typeof options === 'function' ? undefined : options, closed: false };
            const handlers: Array<(arg: { error?: number }) => void> = [];
            const dialog: FakeDialog = {
              addEventHandler: (type, handler) => void (type === EventType.DialogEventReceived && handlers.push(handler)),
              close: () => void (record.closed = true),
            };
            if (!host.isSetSupported('DialogApi', '1.1') || open) {
              cb?.({
                status: AsyncResultStatus.Failed,
                value: dialog,
                error: {
                  code: open ? 12007 : 5001,
                  message: open ? 'The operation failed because this add-in already has an active dialog.' : 'Internal Error',
                },
              });
              return;
            }
            host.dialogs.push(record);
            host.dialogClosers.set(record, () => {
              record.closed = true;
              for (const h of handlers) h({ error: 12006 });
            });
            cb?.({ status: AsyncResultStatus.Succeeded, value: dialog });
          });
        },
      },
      host: 'Excel',
      get platform() {
        return host.platform;
      },
      requirements: { isSetSupported: (name: string, minVersion?: string | number) => host.isSetSupported(name, minVersion) },
      get diagnostics() {
        return { host: 'Excel', platform: host.platform, version: '16.0.0.0' };
      },
      displayLanguage: 'fr-FR',
      contentLanguage: 'fr-FR',
    },
  };
}

/**
 * Installs `Excel`, `Office` and `OfficeExtension` on `target` (globalThis by default, or a
 * browser window), all bound to `host`.
 */
export function installFakeOffice(target: object = globalThis, host: FakeExcelHost = new FakeExcelHost()): FakeOfficeInstallation {
  const t = target as Record<string, unknown>;
  const names = ['Excel', 'Office', 'OfficeExtension'] as const;
  const before = names.map((n) => ({ n, had: Object.prototype.hasOwnProperty.call(t, n), v: t[n] }));
  const Excel = createExcelNamespace(host);
  const Office = createOfficeNamespace(host);
  const OfficeExtension: FakeOfficeExtensionNamespace = {
    Error: FakeOfficeError,
    ErrorCodes,
    ClientRequestContext: FakeRequestContext,
    ClientObject: FakeClientObject,
    ClientResult: FakeClientResult,
  };
  t.Excel = Excel;
  t.Office = Office;
  t.OfficeExtension = OfficeExtension;
  return {
    host,
    Excel,
    Office,
    OfficeExtension,
    uninstall() {
      for (const b of before) {
        if (b.had) t[b.n] = b.v;
        else delete t[b.n];
      }
    },
  };
}
