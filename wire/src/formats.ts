// Text formats the chaincode enforces and the gateway checks first, so bad input is refused before endorsement.

export interface TextFormat {
  readonly pattern: RegExp;
  readonly minLength: number;
  readonly maxLength: number;
}

/** Root ids derive from sha256(debtor|externalRef); split children append `.<n>`. */
export const RECEIVABLE_ID: TextFormat = {
  pattern: /^RCV-[0-9a-f]{32}(\.[1-9][0-9]?)*$/,
  minLength: 1,
  maxLength: 128,
};
/** `<receivableId>~P<n>`: the n-th pledge of that receivable. */
export const PLEDGE_ID: TextFormat = {
  pattern: /^RCV-[0-9a-f]{32}(\.[1-9][0-9]?)*~P[1-9][0-9]{0,5}$/,
  minLength: 1,
  maxLength: 160,
};
/** Company ids, as registered and as carried in certificates (scf.party). */
export const PARTY_ID: TextFormat = { pattern: /^[A-Z0-9][A-Z0-9-]{1,31}$/, minLength: 2, maxLength: 32 };
/** Printable ASCII without spaces: safe inside composite keys and logs. */
export const REFERENCE: TextFormat = { pattern: /^[\x21-\x7E]+$/, minLength: 1, maxLength: 64 };
/** ISO 4217 letters. */
export const CURRENCY: TextFormat = { pattern: /^[A-Z]{3}$/, minLength: 3, maxLength: 3 };

export const matches = (format: TextFormat, value: string): boolean =>
  value.length >= format.minLength && value.length <= format.maxLength && format.pattern.test(value);
