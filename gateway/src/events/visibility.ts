// Who may see which ledger event on the SSE stream: the chaincode lists the parties in every event's payload.
import type { ConnectionDescription } from '../fabric/connection-description';
import type { Caller } from '../types';
import { assertNever } from '../types';
import type { StoredEvent } from './event-log';

export type Audience = { kind: 'all' } | { kind: 'parties'; parties: ReadonlySet<string> };

export function audienceOf(caller: Caller, description: ConnectionDescription): Audience {
  switch (caller.role) {
    case 'auditor':
      return { kind: 'all' };
    case 'admin':
      // An org admin has no party of its own; it follows the companies of its org.
      return {
        kind: 'parties',
        parties: new Set(
          Object.values(description.identities)
            .filter((identity) => identity.org === caller.org && identity.party !== null)
            .map((identity) => identity.party as string),
        ),
      };
    case 'erp':
    case 'treasury':
    case 'credit':
      return { kind: 'parties', parties: new Set(caller.party === null ? [] : [caller.party]) };
    default:
      return assertNever(caller.role);
  }
}

export function canSee(audience: Audience, event: StoredEvent): boolean {
  switch (audience.kind) {
    case 'all':
      return true;
    case 'parties':
      return event.payload.parties.some((party) => audience.parties.has(party));
    default:
      return assertNever(audience);
  }
}
