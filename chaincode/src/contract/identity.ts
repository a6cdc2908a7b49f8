// Who the caller is, from the certificate only: MSP id plus the CA attributes scf.role and scf.party.
import type { Context } from 'fabric-contract-api';
import { forbidden, unauthenticated } from '../domain/errors';
import type { LedgerReader } from '../domain/ledger-reader';
import { isOneOf, matches, PARTY_ID, ROLES } from '@scf/wire';
import type { Caller, Party, PartyId } from '../domain/types';

const ROLE_ATTRIBUTE = 'scf.role';
const PARTY_ATTRIBUTE = 'scf.party';

const attribute = (ctx: Context, name: string): string | null => {
  const value = ctx.clientIdentity.getAttributeValue(name);
  return value === null || value === '' ? null : value;
};

/** A certificate claiming a company that another organisation registered is a forgery attempt. */
async function ownParty(ctx: Context, reader: LedgerReader, claimed: string): Promise<Party | undefined> {
  if (!matches(PARTY_ID, claimed))
    throw unauthenticated(`${PARTY_ATTRIBUTE} ${JSON.stringify(claimed)} is not a party id`);
  const party = await reader.party(claimed as PartyId);
  const msp = ctx.clientIdentity.getMSPID();
  if (party && party.msp !== msp) {
    throw forbidden(`party ${claimed} is registered to another organisation`, { party: claimed, msp });
  }
  return party;
}

/** The caller of a ledger operation: a valid role, and a registered company unless it is an org admin. */
export async function resolveCaller(ctx: Context, reader: LedgerReader): Promise<Caller> {
  const msp = ctx.clientIdentity.getMSPID();
  const role = attribute(ctx, ROLE_ATTRIBUTE);
  if (!isOneOf(ROLES, role)) {
    throw unauthenticated(`the certificate has no valid ${ROLE_ATTRIBUTE} attribute`);
  }
  const claimed = attribute(ctx, PARTY_ATTRIBUTE);
  if (claimed === null) {
    if (role !== 'admin') throw unauthenticated(`the certificate has no ${PARTY_ATTRIBUTE} attribute`);
    return { msp, role, party: null };
  }
  const party = await ownParty(ctx, reader, claimed);
  if (!party) throw unauthenticated(`party ${claimed} is not registered`);
  return { msp, role, party };
}

/** Public reads (the party directory) need only channel membership, but never a borrowed company id. */
export async function assertChannelMember(ctx: Context, reader: LedgerReader): Promise<void> {
  const claimed = attribute(ctx, PARTY_ATTRIBUTE);
  if (claimed !== null) await ownParty(ctx, reader, claimed);
}
