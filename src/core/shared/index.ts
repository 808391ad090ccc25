/** What every part of the core shares: addresses, text, money, order, messages and errors. */
export * from './address';
export * from './text';
export * from './money';
export * from './order';
export * from './typography';
export * from './message';
export * from './errors';
