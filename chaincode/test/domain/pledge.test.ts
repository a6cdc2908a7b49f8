import { pledge } from '../../src/domain/pledge';
import { transfer } from '../../src/domain/transfer';
import { decidePledge, type PledgeDecision } from '../../src/domain/pledge-decisions';
import type { Rule } from '../support/memory-ledger';
import type { Pledge } from '../../src/domain/types';
import { CALLERS } from '../support/fixtures';
import { expectRefusal, expectRefusedAndRecorded, issued, newLedger, pledged, today } from '../support/scenario';

const decide =
  (decision: PledgeDecision): Rule<Pledge> =>
  (...args) =>
    decidePledge(decision, ...args);

describe('Pledge', () => {
  it('locks the receivable at once with a PENDING encumbrance and numbers pledges per receivable', async () => {
    const ledger = newLedger();
    const root = await issued(ledger);
    const first = await pledged(ledger, CALLERS.t1, root.id, 'BANK-A', '500');
    expect(first).toMatchObject({
      id: `${root.id}~P1`,
      status: 'PENDING',
      pledgor: 'SUP-T1',
      pledgee: 'BANK-A',
      securedAmount: '500',
    });
    expect(ledger.receivables.get(root.id)).toMatchObject({
      encumbrance: { pledgeId: first.id, pledgee: 'BANK-A', status: 'PENDING' },
      pledgeCount: 1,
      everPledged: true,
    });
    await ledger.done(decide('reject'), CALLERS.bankA, today(), { pledgeId: first.id });
    const second = await pledged(ledger, CALLERS.t1, root.id, 'BANK-B');
    expect(second.id).toBe(`${root.id}~P2`);
  });

  it('refuses AND records a second pledge, visible to the holder and the existing pledgee only', async () => {
    const ledger = newLedger();
    const root = await issued(ledger);
    const first = await pledged(ledger, CALLERS.t1, root.id, 'BANK-A');
    const lockBefore = ledger.receivables.get(root.id)?.encumbrance;
    const tx = today();
    const attempted = { id: root.id, pledgee: 'BANK-B', securedAmount: '10', loanRef: 'L-2' };
    const { reply, recorded } = await expectRefusedAndRecorded(
      ledger,
      () => ledger.run(pledge, CALLERS.t1, tx, attempted),
      'DOUBLE_PLEDGE',
    );
    expect(reply.error.details).toEqual({ conflictIds: [`CFL-${tx.txId}`], existing: [recorded[0]?.existing] });
    expect(recorded).toEqual([
      {
        docType: 'conflict',
        id: `CFL-${tx.txId}`,
        kind: 'DOUBLE_PLEDGE',
        attemptedBy: 'SUP-T1',
        attemptedAt: tx.at,
        attempted: { receivableId: root.id, pledgee: 'BANK-B', securedAmount: '10', loanRef: 'L-2' },
        existing: { receivableId: root.id, pledgeId: first.id },
        visibleTo: ['BANK-A', 'SUP-T1'],
      },
    ]);
    // The existing pledge keeps the lock: no second pledge, the receivable is untouched.
    expect([...ledger.pledges.values()]).toEqual([first]);
    expect(ledger.receivables.get(root.id)?.encumbrance).toEqual(lockBefore);
    expect(ledger.events.at(-1)).toMatchObject({ pledgeId: first.id, parties: ['BANK-A', 'SUP-T1'] });
  });

  it('refuses a zero secured amount or one above the receivable, a non-bank or unregistered pledgee, non-holders', async () => {
    const ledger = newLedger();
    const root = await issued(ledger, 'PO-1', '100');
    const request = { id: root.id, pledgee: 'BANK-A', securedAmount: '100', loanRef: 'L' };
    await expectRefusal(
      ledger,
      () => ledger.run(pledge, CALLERS.t1, today(), { ...request, securedAmount: '101' }),
      'VALIDATION',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(pledge, CALLERS.t1, today(), { ...request, securedAmount: '0' }),
      'VALIDATION',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(pledge, CALLERS.t1, today(), { ...request, pledgee: 'SUP-T2' }),
      'VALIDATION',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(pledge, CALLERS.t1, today(), { ...request, pledgee: 'BANK-Z' }),
      'VALIDATION',
    );
    await expectRefusal(ledger, () => ledger.run(pledge, CALLERS.t2, today(), request), 'FORBIDDEN');
    expect((await ledger.run(pledge, CALLERS.t1, today(), request)).status).toBe('DONE');
  });

  it('refuses a self pledge: a bank holding a receivable cannot pledge it to itself', async () => {
    const ledger = newLedger();
    const root = await issued(ledger, 'PO-1', '100');
    await ledger.done(transfer, CALLERS.t1, today(), { id: root.id, to: 'BANK-A' });
    const request = { id: root.id, pledgee: 'BANK-A', securedAmount: '100', loanRef: 'L' };
    // BANK-A is a registered bank and the holder, so only the self-pledge rule can refuse this.
    await expectRefusal(ledger, () => ledger.run(pledge, CALLERS.bankA, today(), request), 'VALIDATION');
    await expect(ledger.run(pledge, CALLERS.bankA, today(), request)).rejects.toMatchObject({
      details: { field: '$.pledgee' },
    });
    expect((await ledger.run(pledge, CALLERS.bankA, today(), { ...request, pledgee: 'BANK-B' })).status).toBe('DONE');
  });
});

describe('pledge decisions', () => {
  it('accept makes it ACTIVE; release lifts the lock', async () => {
    const ledger = newLedger();
    const root = await issued(ledger);
    const p = await pledged(ledger, CALLERS.t1, root.id);
    expect(await ledger.done(decide('accept'), CALLERS.bankA, today(), { pledgeId: p.id })).toMatchObject({
      status: 'ACTIVE',
    });
    expect(ledger.receivables.get(root.id)?.encumbrance).toMatchObject({ status: 'ACTIVE', pledgeId: p.id });
    await expectRefusal(
      ledger,
      () => ledger.run(decide('accept'), CALLERS.bankA, today(), { pledgeId: p.id }),
      'INVALID_STATE',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(decide('reject'), CALLERS.bankA, today(), { pledgeId: p.id }),
      'INVALID_STATE',
    );
    expect(await ledger.done(decide('release'), CALLERS.bankA, today(), { pledgeId: p.id })).toMatchObject({
      status: 'RELEASED',
    });
    expect(ledger.receivables.get(root.id)?.encumbrance).toBeNull();
    expect(ledger.events.at(-1)).toMatchObject({ type: 'PledgeReleased', pledgeId: p.id });
  });

  it('reject lifts the lock; release of a PENDING pledge is refused', async () => {
    const ledger = newLedger();
    const root = await issued(ledger);
    const p = await pledged(ledger, CALLERS.t1, root.id);
    await expectRefusal(
      ledger,
      () => ledger.run(decide('release'), CALLERS.bankA, today(), { pledgeId: p.id }),
      'INVALID_STATE',
    );
    expect(await ledger.done(decide('reject'), CALLERS.bankA, today(), { pledgeId: p.id })).toMatchObject({
      status: 'REJECTED',
    });
    expect(ledger.receivables.get(root.id)?.encumbrance).toBeNull();
  });

  it('only the pledgee bank with role credit decides; unknown pledges are NOT_FOUND', async () => {
    const ledger = newLedger();
    const root = await issued(ledger);
    const p = await pledged(ledger, CALLERS.t1, root.id);
    await expectRefusal(
      ledger,
      () => ledger.run(decide('accept'), CALLERS.bankB, today(), { pledgeId: p.id }),
      'FORBIDDEN',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(decide('accept'), CALLERS.t1, today(), { pledgeId: p.id }),
      'FORBIDDEN',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(decide('accept'), { ...CALLERS.bankA, role: 'auditor' }, today(), { pledgeId: p.id }),
      'FORBIDDEN',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(decide('accept'), CALLERS.bankA, today(), { pledgeId: `${root.id}~P9` }),
      'NOT_FOUND',
    );
  });
});
