/** Consolidation: one shared context, then the financial and indicator views and the funder view. */
export * from './context';
export * from './indicators';
export * from './consolidate';
export * from './follow-up';
export * from './funder-view';
export * from './observations';
export * from './governance';
export * from './evaluation';
