// Ids come only from request and transaction data so every endorser derives the same ones.
import { sha256Hex } from './canonical';
import type { ConflictId, PartyId, PledgeId, ReceivableId } from './types';

/** Idempotency key: the same originator and external reference always map to the same receivable. */
export const rootReceivableId = (originator: PartyId, externalRef: string): ReceivableId =>
  `RCV-${sha256Hex(`${originator}|${externalRef}`).slice(0, 32)}` as ReceivableId;

export const childReceivableId = (parent: ReceivableId, n: number): ReceivableId => `${parent}.${n}` as ReceivableId;

export const pledgeIdFor = (receivable: ReceivableId, n: number): PledgeId => `${receivable}~P${n}` as PledgeId;

/** `CFL-<txId>`, or `CFL-<txId>-<n>` when one transaction records several conflicts. */
export function conflictIds(txId: string, count: number): ConflictId[] {
  if (count === 1) return [`CFL-${txId}` as ConflictId];
  return Array.from({ length: count }, (_, i) => `CFL-${txId}-${i + 1}` as ConflictId);
}
