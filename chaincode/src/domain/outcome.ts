import type { ErrorCode, ErrorDetails } from './errors';
import type { LedgerEvent } from './events';
import type { Conflict, Fingerprint, FingerprintClaim, Party, Pledge, Receivable } from './types';

/** A record the transaction must write; the adapter maintains keys and indexes for each kind. */
export type Write =
  | { kind: 'party'; party: Party }
  | { kind: 'receivable'; receivable: Receivable }
  | { kind: 'pledge'; pledge: Pledge }
  | { kind: 'conflict'; conflict: Conflict }
  | { kind: 'fingerprint'; claim: FingerprintClaim }
  | { kind: 'fingerprint-release'; fingerprint: Fingerprint };

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
}

export interface DoneReply<V> {
  status: 'DONE';
  value: V;
}

/** Refused-and-recorded: the transaction commits the conflict records instead of throwing. */
export interface RefusedReply {
  status: 'REFUSED';
  error: ErrorBody;
  conflict: Conflict;
  conflicts?: Conflict[];
  results?: unknown[];
}

export type Reply<V> = DoneReply<V> | RefusedReply;

export interface Outcome<V> {
  writes: Write[];
  /** Null when nothing changed (an idempotent repeat), so subscribers are not told twice. */
  event: LedgerEvent | null;
  reply: Reply<V>;
}

export const receivableWrites = (receivables: readonly Receivable[]): Write[] =>
  receivables.map((receivable) => ({ kind: 'receivable', receivable }));

export const done = <V>(value: V, writes: Write[], event: LedgerEvent | null): Outcome<V> => ({
  writes,
  event,
  reply: { status: 'DONE', value },
});
