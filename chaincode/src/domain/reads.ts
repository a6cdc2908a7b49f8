// Point reads with their access rule: who may see a receivable, its lock, a pledge, a party.
import { assertCanRead, canReadPledge, canReadReceivable } from './access';
import type { LedgerReader } from './ledger-reader';
import { requirePledge, requireReceivable } from './lookups';
import { notFound } from './errors';
import type { Caller, EncumbranceStatus, Party, PartyId, Pledge, PledgeId, Receivable, ReceivableId } from './types';

export async function readReceivable(reader: LedgerReader, caller: Caller, id: ReceivableId): Promise<Receivable> {
  const receivable = await requireReceivable(reader, id);
  assertCanRead(canReadReceivable(caller, receivable), `receivable ${id}`);
  return receivable;
}

export interface EncumbranceView {
  receivableId: ReceivableId;
  encumbered: boolean;
  pledgeId: PledgeId | null;
  pledgee: PartyId | null;
  status: EncumbranceStatus | null;
  since: string | null;
}

/** Any bank may ask before lending against a receivable; that is how double financing is prevented off-chain too. */
export async function readEncumbrance(
  reader: LedgerReader,
  caller: Caller,
  id: ReceivableId,
): Promise<EncumbranceView> {
  const receivable = await requireReceivable(reader, id);
  const isBank = caller.party?.kind === 'BANK' && caller.role === 'credit';
  assertCanRead(isBank || canReadReceivable(caller, receivable), `the encumbrance of ${id}`);
  const lock = receivable.encumbrance;
  return {
    receivableId: receivable.id,
    encumbered: lock !== null,
    pledgeId: lock?.pledgeId ?? null,
    pledgee: lock?.pledgee ?? null,
    status: lock?.status ?? null,
    since: lock?.since ?? null,
  };
}

export async function readPledge(reader: LedgerReader, caller: Caller, id: PledgeId): Promise<Pledge> {
  const pledge = await requirePledge(reader, id);
  assertCanRead(canReadPledge(caller, pledge), `pledge ${id}`);
  return pledge;
}

/** History has the same readers as the receivable's current state. */
export const authorizeHistory = readReceivable;

/** Parties are public to channel members: counterparties must be able to look each other up. */
export async function readParty(reader: LedgerReader, id: PartyId): Promise<Party> {
  const party = await reader.party(id);
  if (!party) throw notFound(`party ${id} is not registered`, { id });
  return party;
}
