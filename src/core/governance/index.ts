/** The governance bodies' meetings against the frequency their source asks. */
export * from './frequency';
