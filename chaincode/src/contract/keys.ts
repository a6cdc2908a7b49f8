// Every world-state key the chaincode writes. Composite keys keep each record type in its own range.
export const OBJECT = {
  party: 'party',
  receivable: 'receivable',
  pledge: 'pledge',
  fingerprint: 'fingerprint',
  conflict: 'conflict',
  /** The baseline probe's own records (never business data). */
  baseline: 'baseline',
} as const;

/** Secondary indexes: value is a placeholder; the id is the last key attribute. */
export const INDEX = {
  holder: 'holder~status~receivable',
  debtor: 'debtor~status~receivable',
  conflictParty: 'party~conflict',
} as const;

/** Fabric deletes a key written with an empty value, so index entries carry one NUL byte. */
export const INDEX_VALUE = Uint8Array.of(0);
