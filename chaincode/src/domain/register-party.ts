import { CALLABLE_BY } from '@scf/wire';
import { forbidden, invalidState } from './errors';
import { ledgerEvent } from './events';
import type { LedgerReader } from './ledger-reader';
import { done, type Outcome } from './outcome';
import { parseRegisterParty } from './requests';
import type { Caller, Party, Role, TxInfo } from './types';

/** Org admins register their own companies; the MSP comes from the admin's certificate, never the request. */
export async function registerParty(
  reader: LedgerReader,
  caller: Caller,
  tx: TxInfo,
  raw: string,
): Promise<Outcome<Party>> {
  const request = parseRegisterParty(raw);
  const roles: readonly Role[] = CALLABLE_BY.parties.RegisterParty;
  if (!roles.includes(caller.role))
    throw forbidden('only an organisation admin may register parties', { role: caller.role });

  const existing = await reader.party(request.id);
  if (existing) {
    if (existing.msp !== caller.msp) {
      throw forbidden(`party ${request.id} belongs to another organisation`, { id: request.id });
    }
    if (existing.legalName !== request.legalName || existing.kind !== request.kind) {
      throw invalidState(`party ${request.id} is already registered with other details`, { id: request.id });
    }
    // Idempotent: a retried registration returns what the first one wrote.
    return done(existing, [], null);
  }

  const party: Party = { ...request, msp: caller.msp, registeredAt: tx.at };
  return done(party, [{ kind: 'party', party }], ledgerEvent('PartyRegistered', tx, { parties: [party.id] }));
}
