/** The workbook contract: cell kinds, table declarations, headers, and typed records. */
export * from './cells';
export * from './formats';
export { readCell, MAX_AMOUNT_CENTS, type CellKind, type CellRead, type MoneyValue, type NumberValue } from './cell-kinds';
export * as kinds from './cell-kinds';
export * from './declare';
export * from './tables';
export * from './headers';
export * from './records';
export * from './contract-records';
export * from './vocabulary';
export * from './territory-index';
