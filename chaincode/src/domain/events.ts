import { receivableAudience } from './access';
import type { ConflictId, PartyId, PledgeId, Receivable, ReceivableId, TxInfo } from './types';

export const EVENT_TYPES = [
  'PartyRegistered',
  'ReceivableIssued',
  'ReceivablesIssued',
  'ReceivableClaimed',
  'ReceivableConfirmed',
  'ReceivableRejected',
  'ReceivableSplit',
  'ReceivableTransferred',
  'PledgeRequested',
  'PledgeAccepted',
  'PledgeRejected',
  'PledgeReleased',
  'ReceivableSettled',
  'ReceivableCancelled',
  'ConflictRecorded',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The one chaincode event of a transaction; `parties` lets the gateway filter who may see it. */
export interface LedgerEvent {
  type: EventType;
  receivableIds: ReceivableId[];
  pledgeId?: PledgeId;
  conflictId?: ConflictId;
  parties: PartyId[];
  at: string;
}

export const sortedUnique = <T extends string>(values: readonly T[]): T[] => [...new Set(values)].sort();

export interface EventSubject {
  /** Receivables the event is about; all their readers are told. */
  receivables?: readonly Receivable[];
  /** Parties who must also be told (a previous holder, a pledgee). */
  parties?: readonly PartyId[];
  pledgeId?: PledgeId;
  conflictId?: ConflictId;
  receivableIds?: readonly ReceivableId[];
}

export function ledgerEvent(type: EventType, tx: TxInfo, subject: EventSubject): LedgerEvent {
  const receivables = subject.receivables ?? [];
  const ids = subject.receivableIds ?? receivables.map((r) => r.id);
  return {
    type,
    receivableIds: [...new Set(ids)],
    ...(subject.pledgeId === undefined ? {} : { pledgeId: subject.pledgeId }),
    ...(subject.conflictId === undefined ? {} : { conflictId: subject.conflictId }),
    parties: sortedUnique([...receivables.flatMap(receivableAudience), ...(subject.parties ?? [])]),
    at: tx.at,
  };
}
