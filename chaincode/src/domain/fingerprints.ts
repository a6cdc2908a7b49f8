import { sha256Hex } from './canonical';
import type { Fingerprint, PartyId } from './types';

/** Identifies an invoice across receivables: the same debtor's invoice code+number can back only one live receivable. */
export const invoiceFingerprint = (debtor: PartyId, code: string, number: string): Fingerprint =>
  sha256Hex(`${debtor}|${code}|${number}`) as Fingerprint;
