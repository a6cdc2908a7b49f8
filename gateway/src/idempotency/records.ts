// What the idempotency store keeps per (caller identity, Idempotency-Key).
import type { PreparedTransaction } from '../fabric/ledger';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface RecordBase {
  /** The caller identity: keys of different callers never collide. */
  scope: string;
  key: string;
  /** Hash of method, path and canonical body: the same key with another request is refused. */
  fingerprint: string;
  at: string;
}

export type IdempotencyRecord =
  /** Endorsed and about to reach (or already reached) the orderer; the outcome is learned from its txId. */
  | (RecordBase & { state: 'submitting'; prepared: PreparedTransaction })
  /** The first final response, replayed for every retry. */
  | (RecordBase & { state: 'completed'; response: StoredResponse });

export const recordId = (scope: string, key: string): string => `${scope}\n${key}`;
