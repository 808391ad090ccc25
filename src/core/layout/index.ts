/** Every sheet Suivi ESS lays out (PlacedSheet), written as they are by both adapters. */
export * from './placed';
export * from './builder';
export * from './header';
export * from './input-sheets';
export * from './init-sheets';
export * from './controls';
export * from './summary';
export * from './matrix';
export * from './indicators';
export * from './follow-up-sheets';
export * from './generated';
export * from './report-template';
export * from './formulas';
