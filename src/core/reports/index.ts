/** The operator's yearly report: the Cerfa's posts, what a template is made from, reading a filled one. */
export * from './cerfa';
export * from './template-input';
export * from './parse-report';
