/** Open-data exports of the contract's data. */
export { PUBLICATION_THRESHOLD_CENTS, SCDL_FIELDS, scdlExport, scdlFileName, toCsv, type ScdlExport, type ScdlRow } from './scdl';
