import { lineage } from '../../src/domain/lineage';
import { readEncumbrance, readParty, readPledge, readReceivable } from '../../src/domain/reads';
import { registerParty } from '../../src/domain/register-party';
import { settle } from '../../src/domain/settle';
import { decidePledge } from '../../src/domain/pledge-decisions';
import type { Caller, PartyId, ReceivableId } from '../../src/domain/types';
import { adminOf, CALLERS, DUE, PARTIES, txOn } from '../support/fixtures';
import { MemoryLedger } from '../support/memory-ledger';
import { expectRefusal, issued, newLedger, pledged, splitInto, today } from '../support/scenario';

/** CORE-001 → T1 (1000) split 600 T1 / 400 T2; T2 pledges its 400 to BANK-A. */
async function tree(ledger: MemoryLedger) {
  const root = await issued(ledger, 'PO-1', '1000');
  const [a, b] = await splitInto(ledger, CALLERS.t1, root.id, [
    { holder: 'SUP-T1', amount: '600' },
    { holder: 'SUP-T2', amount: '400' },
  ]);
  if (!a || !b) throw new Error('split failed');
  const p = await pledged(ledger, CALLERS.t2, b.id, 'BANK-A', '300');
  return { root, a, b, p };
}

describe('Settle', () => {
  it('is refused before the due date with NOT_DUE, and to anyone but the debtor', async () => {
    const ledger = newLedger();
    const { root } = await tree(ledger);
    await expectRefusal(
      ledger,
      () => ledger.run(settle, CALLERS.core, today(), { id: root.id, paymentRef: 'PAY-1' }),
      'NOT_DUE',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(settle, CALLERS.t1, txOn(DUE), { id: root.id, paymentRef: 'PAY-1' }),
      'FORBIDDEN',
    );
  });

  it('settles every live leaf: pledged leaves pay the bank and settle the pledge, others pay the holder', async () => {
    const ledger = newLedger();
    const { root, a, b, p } = await tree(ledger);
    const settled = await ledger.done(settle, CALLERS.core, txOn(DUE), { id: root.id, paymentRef: 'PAY-1' });
    expect(settled.map((r) => [r.id, r.status, r.settlement?.payee])).toEqual([
      [a.id, 'SETTLED', 'SUP-T1'],
      [b.id, 'SETTLED', 'BANK-A'],
    ]);
    expect(ledger.receivables.get(b.id)?.encumbrance).toBeNull();
    expect(ledger.pledges.get(p.id)?.status).toBe('SETTLED');
    expect(ledger.receivables.get(root.id)?.status).toBe('SPLIT');
    expect(ledger.events.at(-1)).toMatchObject({
      type: 'ReceivableSettled',
      parties: ['BANK-A', 'CORE-001', 'SUP-T1', 'SUP-T2'],
    });
    await expectRefusal(
      ledger,
      () => ledger.run(settle, CALLERS.core, txOn(DUE), { id: root.id, paymentRef: 'PAY-2' }),
      'INVALID_STATE',
    );
  });
});

describe('Lineage', () => {
  it('returns the whole tree from any node, with sums checked', async () => {
    const ledger = newLedger();
    const { root, a, b, p } = await tree(ledger);
    const view = await lineage(ledger, CALLERS.bankA, b.id);
    for (const id of [root.id, a.id]) await expect(lineage(ledger, CALLERS.auditor, id)).resolves.toEqual(view);
    expect(view).toMatchObject({
      rootId: root.id,
      consistent: true,
      root: { id: root.id, childrenSumOk: true, status: 'SPLIT' },
    });
    expect(view.root.children.map((c) => [c.id, c.amount, c.holder])).toEqual([
      [`${root.id}.1`, '600', 'SUP-T1'],
      [b.id, '400', 'SUP-T2'],
    ]);
    expect(view.root.children[1]?.encumbrance?.pledgeId).toBe(p.id);
  });

  it('flags a tree whose children do not add up', async () => {
    const ledger = newLedger();
    const { root, a } = await tree(ledger);
    ledger.receivables.set(a.id, { ...a, amount: '601' as typeof a.amount });
    const view = await lineage(ledger, CALLERS.auditor, root.id);
    expect(view.consistent).toBe(false);
    expect(view.root.childrenSumOk).toBe(false);
  });

  it('is refused to parties with no stake anywhere in the tree', async () => {
    const ledger = newLedger();
    const { root } = await tree(ledger);
    await expect(lineage(ledger, CALLERS.bankB, root.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(lineage(ledger, CALLERS.t3, root.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('reads', () => {
  const stranger: Caller = CALLERS.t3;

  it('GetReceivable: holder, debtor, original creditor, pledgee and auditors; others FORBIDDEN', async () => {
    const ledger = newLedger();
    const { b } = await tree(ledger);
    for (const caller of [CALLERS.t2, CALLERS.core, CALLERS.t1, CALLERS.bankA, CALLERS.auditor]) {
      await expect(readReceivable(ledger, caller, b.id)).resolves.toMatchObject({ id: b.id });
    }
    await expect(readReceivable(ledger, stranger, b.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(readReceivable(ledger, { ...CALLERS.auditor, role: 'treasury' }, b.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(readReceivable(ledger, CALLERS.core, `RCV-${'f'.repeat(32)}` as ReceivableId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('GetEncumbrance: any bank may check a lock; a stranger supplier may not', async () => {
    const ledger = newLedger();
    const { a, b, p } = await tree(ledger);
    await expect(readEncumbrance(ledger, CALLERS.bankB, b.id)).resolves.toMatchObject({
      encumbered: true,
      pledgeId: p.id,
      pledgee: 'BANK-A',
      status: 'PENDING',
    });
    await expect(readEncumbrance(ledger, CALLERS.bankB, a.id)).resolves.toEqual({
      receivableId: a.id,
      encumbered: false,
      pledgeId: null,
      pledgee: null,
      status: null,
      since: null,
    });
    await expect(readEncumbrance(ledger, stranger, b.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('GetPledge: pledgor, pledgee and auditors only', async () => {
    const ledger = newLedger();
    const { p } = await tree(ledger);
    for (const caller of [CALLERS.t2, CALLERS.bankA, CALLERS.auditor]) {
      await expect(readPledge(ledger, caller, p.id)).resolves.toEqual(p);
    }
    await expect(readPledge(ledger, CALLERS.bankB, p.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(readPledge(ledger, CALLERS.t1, p.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it.each([
    ['rejected', ['reject'], 'REJECTED'],
    ['released', ['accept', 'release'], 'RELEASED'],
  ] as const)(
    'a %s pledgee keeps reading the pledge but no longer the receivable',
    async (_label, decisions, status) => {
      const ledger = newLedger();
      const { b, p } = await tree(ledger);
      await expect(readReceivable(ledger, CALLERS.bankA, b.id)).resolves.toMatchObject({ id: b.id });
      for (const decision of decisions) {
        await ledger.done((...args) => decidePledge(decision, ...args), CALLERS.bankA, today(), { pledgeId: p.id });
      }
      await expect(readPledge(ledger, CALLERS.bankA, p.id)).resolves.toMatchObject({ status });
      await expect(readReceivable(ledger, CALLERS.bankA, b.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    },
  );
});

describe('RegisterParty', () => {
  const request = { id: 'SUP-T9', legalName: 'Tier Nine', kind: 'SUPPLIER' };

  it('registers with the admin’s MSP, idempotently', async () => {
    const ledger = new MemoryLedger();
    const tx = today();
    const party = await ledger.done(registerParty, adminOf('SupplierMSP'), tx, request);
    expect(party).toEqual({ ...request, msp: 'SupplierMSP', registeredAt: tx.at });
    expect(await ledger.done(registerParty, adminOf('SupplierMSP'), txOn('2030-07-01'), request)).toEqual(party);
    expect(ledger.events).toHaveLength(1);
    await expect(readParty(ledger, 'SUP-T9' as PartyId)).resolves.toEqual(party);
  });

  it('refuses non-admins, other MSPs taking the id, and changed details', async () => {
    const ledger = new MemoryLedger([PARTIES.t1]);
    await ledger.done(registerParty, adminOf('SupplierMSP'), today(), request);
    await expectRefusal(
      ledger,
      () => ledger.run(registerParty, CALLERS.t1, today(), { ...request, id: 'SUP-T8' }),
      'FORBIDDEN',
    );
    await expectRefusal(ledger, () => ledger.run(registerParty, adminOf('Bank1MSP'), today(), request), 'FORBIDDEN');
    await expectRefusal(
      ledger,
      () => ledger.run(registerParty, adminOf('SupplierMSP'), today(), { ...request, legalName: 'Other' }),
      'INVALID_STATE',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(registerParty, adminOf('SupplierMSP'), today(), { ...request, id: 'x' }),
      'VALIDATION',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(registerParty, adminOf('SupplierMSP'), today(), { ...request, msp: 'Bank1MSP' }),
      'VALIDATION',
    );
  });
});
