// Loading referenced records with the refusal each absence deserves.
import { notFound, validation } from './errors';
import type { LedgerReader } from './ledger-reader';
import type { Party, PartyId, PartyKind, Pledge, PledgeId, Receivable, ReceivableId } from './types';

export async function requireReceivable(reader: LedgerReader, id: ReceivableId): Promise<Receivable> {
  const receivable = await reader.receivable(id);
  if (!receivable) throw notFound(`receivable ${id} does not exist`, { id });
  return receivable;
}

export async function requirePledge(reader: LedgerReader, id: PledgeId): Promise<Pledge> {
  const pledge = await reader.pledge(id);
  if (!pledge) throw notFound(`pledge ${id} does not exist`, { pledgeId: id });
  return pledge;
}

/** A party named in a request must be registered and of a kind that fits the field. */
export async function requireRegistered(
  reader: LedgerReader,
  id: PartyId,
  field: string,
  kinds: readonly PartyKind[],
): Promise<Party> {
  const party = await reader.party(id);
  if (!party) throw validation(`${field} ${id} is not a registered party`, { field, party: id });
  if (!kinds.includes(party.kind)) {
    throw validation(`${field} ${id} must be a ${kinds.join('|')} party`, { field, party: id, kind: party.kind });
  }
  return party;
}
