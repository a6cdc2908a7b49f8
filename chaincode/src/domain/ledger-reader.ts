import type {
  Fingerprint,
  FingerprintClaim,
  Party,
  PartyId,
  Pledge,
  PledgeId,
  Receivable,
  ReceivableId,
} from './types';

/**
 * The only state access rules get: point reads by id. Rules never write; they return writes.
 * The Fabric adapter backs every method with getState, which puts the key in the read set (MVCC).
 */
export interface LedgerReader {
  party(id: PartyId): Promise<Party | undefined>;
  receivable(id: ReceivableId): Promise<Receivable | undefined>;
  pledge(id: PledgeId): Promise<Pledge | undefined>;
  fingerprint(fingerprint: Fingerprint): Promise<FingerprintClaim | undefined>;
}
