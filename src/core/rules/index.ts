/** The rules: the catalogue (data), the evaluator, findings and their French rendering. */
export * from './catalogue';
export * from './findings';
export * from './frame';
export * from './evaluate';
export * from './render';
export * from './links';
