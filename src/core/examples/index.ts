/** Fictitious example data, labelled as such wherever users see it. */
export * from './example-data';
export * from './example-reports';
