// Who may act on or read what. Identity comes from the certificate (Caller), never from request fields; the roles
// of each function come from the wire contract's table (CALLABLE_BY), which the gateway's routes also enforce.
import { forbidden } from './errors';
import type { Caller, Party, PartyId, PartyKind, Pledge, Receivable, Role } from './types';

export const isAuditor = (caller: Caller): boolean => caller.role === 'auditor' && caller.party?.kind === 'AUDITOR';

export function requireCompany(caller: Caller): Party {
  if (caller.party === null) throw forbidden('this operation needs a company certificate (scf.party)');
  return caller.party;
}

export function requireActor(caller: Caller, roles: readonly Role[], kinds: readonly PartyKind[]): Party {
  const party = requireCompany(caller);
  if (!roles.includes(caller.role) || !kinds.includes(party.kind)) {
    throw forbidden(`requires role ${roles.join('|')} of a ${kinds.join('|')} party`, {
      role: caller.role,
      kind: party.kind,
    });
  }
  return party;
}

export function requireHolder(caller: Caller, receivable: Receivable, roles: readonly Role[]): Party {
  const party = requireCompany(caller);
  if (party.id !== receivable.holder || !roles.includes(caller.role)) {
    throw forbidden('only the holder may do this', { receivableId: receivable.id });
  }
  return party;
}

export function requireDebtor(caller: Caller, receivable: Receivable, roles: readonly Role[]): Party {
  const party = requireCompany(caller);
  if (party.id !== receivable.debtor || !roles.includes(caller.role)) {
    throw forbidden(`only the debtor (role ${roles.join('|')}) may do this`, { receivableId: receivable.id });
  }
  return party;
}

/** Everyone with a stake in the receivable: they may read it and are told about its events. */
export function receivableAudience(receivable: Receivable): PartyId[] {
  const parties = [receivable.holder, receivable.debtor, receivable.originalCreditor];
  if (receivable.encumbrance) parties.push(receivable.encumbrance.pledgee);
  if (receivable.settlement) parties.push(receivable.settlement.payee);
  return parties;
}

export function canReadReceivable(caller: Caller, receivable: Receivable): boolean {
  if (isAuditor(caller)) return true;
  return caller.party !== null && receivableAudience(receivable).includes(caller.party.id);
}

export function assertCanRead(allowed: boolean, what: string): void {
  if (!allowed) throw forbidden(`not allowed to read ${what}`);
}

export const pledgeAudience = (pledge: Pledge): PartyId[] => [pledge.pledgor, pledge.pledgee];

export function canReadPledge(caller: Caller, pledge: Pledge): boolean {
  if (isAuditor(caller)) return true;
  return caller.party !== null && pledgeAudience(pledge).includes(caller.party.id);
}
