/** The whole job of validate and consolidate: tables in, findings, totals and sheets out. */
export * from './analyse';
