import type { Amount } from './types';

const AMOUNT_PATTERN = /^(0|[1-9][0-9]*)$/;
/** Amounts must fit a signed 64-bit integer so every downstream system can hold them. */
export const MAX_AMOUNT = (1n << 63n) - 1n;

/** Returns the branded amount, or undefined when the text is not a canonical in-range integer. */
export function parseAmount(text: string): Amount | undefined {
  if (!AMOUNT_PATTERN.test(text)) return undefined;
  return BigInt(text) <= MAX_AMOUNT ? (text as Amount) : undefined;
}

export const toBigInt = (amount: Amount): bigint => BigInt(amount);

export function fromBigInt(value: bigint): Amount {
  if (value < 0n || value > MAX_AMOUNT) throw new RangeError(`amount out of range: ${value}`);
  return value.toString() as Amount;
}

export const sumAmounts = (amounts: readonly Amount[]): bigint =>
  amounts.reduce((total, amount) => total + toBigInt(amount), 0n);
