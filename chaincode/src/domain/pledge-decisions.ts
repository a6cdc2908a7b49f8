// The pledgee bank's answers: accept (PENDING→ACTIVE), reject (PENDING→REJECTED), release (ACTIVE→RELEASED).
import { CALLABLE_BY, type ReceivableFunction } from '@scf/wire';
import { pledgeAudience } from './access';
import { assertNever } from './assert-never';
import { forbidden, invalidState } from './errors';
import { ledgerEvent, type EventType } from './events';
import type { LedgerReader } from './ledger-reader';
import { requirePledge, requireReceivable } from './lookups';
import { done, type Outcome } from './outcome';
import { touched } from './receivable-state';
import { parsePledgeAction } from './requests';
import type { Caller, Encumbrance, Pledge, PledgeStatus, Role, TxInfo } from './types';

export type PledgeDecision = 'accept' | 'reject' | 'release';

interface Transition {
  from: PledgeStatus;
  to: PledgeStatus;
  event: EventType;
  /** The lock after the decision: kept (as ACTIVE) or lifted. */
  lock: (current: Encumbrance) => Encumbrance | null;
}

/** The chaincode function that carries each decision. */
function functionOf(decision: PledgeDecision): Extract<ReceivableFunction, `${string}Pledge`> {
  switch (decision) {
    case 'accept':
      return 'AcceptPledge';
    case 'reject':
      return 'RejectPledge';
    case 'release':
      return 'ReleasePledge';
    default:
      return assertNever(decision);
  }
}

function transitionFor(decision: PledgeDecision): Transition {
  switch (decision) {
    case 'accept':
      return {
        from: 'PENDING',
        to: 'ACTIVE',
        event: 'PledgeAccepted',
        lock: (current) => ({ ...current, status: 'ACTIVE' }),
      };
    case 'reject':
      return { from: 'PENDING', to: 'REJECTED', event: 'PledgeRejected', lock: () => null };
    case 'release':
      return { from: 'ACTIVE', to: 'RELEASED', event: 'PledgeReleased', lock: () => null };
    default:
      return assertNever(decision);
  }
}

export async function decidePledge(
  decision: PledgeDecision,
  reader: LedgerReader,
  caller: Caller,
  tx: TxInfo,
  raw: string,
): Promise<Outcome<Pledge>> {
  const request = parsePledgeAction(raw);
  const pledge = await requirePledge(reader, request.pledgeId);
  const roles: readonly Role[] = CALLABLE_BY.receivables[functionOf(decision)];
  if (caller.party?.id !== pledge.pledgee || !roles.includes(caller.role)) {
    throw forbidden(`only the pledgee bank (role ${roles.join('|')}) may decide on a pledge`, { pledgeId: pledge.id });
  }
  const transition = transitionFor(decision);
  if (pledge.status !== transition.from) {
    throw invalidState(`pledge is ${pledge.status}, needs ${transition.from}`, {
      pledgeId: pledge.id,
      status: pledge.status,
    });
  }
  const receivable = await requireReceivable(reader, pledge.receivableId);
  const encumbrance = receivable.encumbrance;
  if (encumbrance?.pledgeId !== pledge.id) {
    throw invalidState('the receivable is not locked by this pledge', { pledgeId: pledge.id });
  }

  const decided: Pledge = { ...pledge, status: transition.to, updatedAt: tx.at };
  const updated = touched(receivable, tx.at, { encumbrance: transition.lock(encumbrance) });
  const event = ledgerEvent(transition.event, tx, {
    receivables: [updated],
    parties: pledgeAudience(decided),
    pledgeId: decided.id,
  });
  return done(
    decided,
    [
      { kind: 'receivable', receivable: updated },
      { kind: 'pledge', pledge: decided },
    ],
    event,
  );
}
