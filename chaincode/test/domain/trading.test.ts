import { split, MAX_DEPTH } from '../../src/domain/split';
import { transfer } from '../../src/domain/transfer';
import { CALLERS } from '../support/fixtures';
import { expectRefusal, issued, newLedger, pledged, splitInto, today } from '../support/scenario';

describe('Split', () => {
  it('creates children <parent>.<n> that inherit the terms and add up exactly; the parent is SPLIT', async () => {
    const ledger = newLedger();
    const root = await issued(ledger, 'PO-1', '1000');
    const children = await splitInto(ledger, CALLERS.t1, root.id, [
      { holder: 'SUP-T1', amount: '600' },
      { holder: 'SUP-T2', amount: '400' },
    ]);
    expect(children.map((c) => [c.id, c.holder, c.amount])).toEqual([
      [`${root.id}.1`, 'SUP-T1', '600'],
      [`${root.id}.2`, 'SUP-T2', '400'],
    ]);
    for (const child of children) {
      expect(child).toMatchObject({
        parentId: root.id,
        rootId: root.id,
        depth: 1,
        debtor: 'CORE-001',
        originalCreditor: root.originalCreditor,
        currency: root.currency,
        dueDate: root.dueDate,
        invoices: root.invoices,
        status: 'CONFIRMED',
      });
    }
    expect(ledger.receivables.get(root.id)).toMatchObject({
      status: 'SPLIT',
      children: [`${root.id}.1`, `${root.id}.2`],
    });
    expect(ledger.events.at(-1)).toMatchObject({ type: 'ReceivableSplit', parties: ['CORE-001', 'SUP-T1', 'SUP-T2'] });
  });

  it('refuses parts that do not add up, in either direction', async () => {
    const ledger = newLedger();
    const root = await issued(ledger, 'PO-1', '1000');
    for (const amounts of [
      ['600', '399'],
      ['600', '401'],
    ]) {
      const parts = amounts.map((amount) => ({ holder: 'SUP-T2', amount }));
      await expectRefusal(ledger, () => ledger.run(split, CALLERS.t1, today(), { id: root.id, parts }), 'VALIDATION');
    }
  });

  it('refuses non-holders, unregistered or ineligible part holders, split or pledged receivables', async () => {
    const ledger = newLedger();
    const root = await issued(ledger, 'PO-1', '1000');
    const parts = [
      { holder: 'SUP-T2', amount: '500' },
      { holder: 'SUP-T3', amount: '500' },
    ];
    await expectRefusal(ledger, () => ledger.run(split, CALLERS.t2, today(), { id: root.id, parts }), 'FORBIDDEN');
    await expectRefusal(
      ledger,
      () =>
        ledger.run(split, CALLERS.t1, today(), { id: root.id, parts: [parts[0], { holder: 'SUP-T9', amount: '500' }] }),
      'VALIDATION',
    );
    await expectRefusal(
      ledger,
      () =>
        ledger.run(split, CALLERS.t1, today(), {
          id: root.id,
          parts: [parts[0], { holder: 'AUDIT-01', amount: '500' }],
        }),
      'VALIDATION',
    );
    await pledged(ledger, CALLERS.t1, root.id);
    await expectRefusal(ledger, () => ledger.run(split, CALLERS.t1, today(), { id: root.id, parts }), 'INVALID_STATE');

    const other = await issued(ledger, 'PO-2', '1000');
    await splitInto(ledger, CALLERS.t1, other.id, parts);
    await expectRefusal(ledger, () => ledger.run(split, CALLERS.t1, today(), { id: other.id, parts }), 'INVALID_STATE');
  });

  it(`stops at depth ${MAX_DEPTH}`, async () => {
    const ledger = newLedger();
    // Peel one unit off at every level so the first child can be split again.
    const peel = (id: string) => {
      const amount = BigInt(ledger.receivables.get(id)?.amount ?? '0');
      return [
        { holder: 'SUP-T1', amount: (amount - 1n).toString() },
        { holder: 'SUP-T1', amount: '1' },
      ];
    };
    let id: string = (await issued(ledger, 'PO-1', '100')).id;
    for (let depth = 1; depth <= MAX_DEPTH; depth += 1) {
      const [first] = await splitInto(ledger, CALLERS.t1, id, peel(id));
      id = first?.id ?? '';
      expect(ledger.receivables.get(id)?.depth).toBe(depth);
    }
    await expectRefusal(ledger, () => ledger.run(split, CALLERS.t1, today(), { id, parts: peel(id) }), 'INVALID_STATE');
  });
});

describe('Transfer', () => {
  it('moves the whole receivable and tells the previous holder', async () => {
    const ledger = newLedger();
    const root = await issued(ledger);
    const moved = await ledger.done(transfer, CALLERS.t1, today(), { id: root.id, to: 'BANK-B' });
    expect(moved).toMatchObject({ holder: 'BANK-B', everTransferred: true, originalCreditor: 'SUP-T1' });
    expect(ledger.events.at(-1)?.parties).toEqual(['BANK-B', 'CORE-001', 'SUP-T1']);
    // A bank that bought it may pass it on (role credit).
    expect(await ledger.done(transfer, CALLERS.bankB, today(), { id: root.id, to: 'SUP-T3' })).toMatchObject({
      holder: 'SUP-T3',
    });
  });

  it('refuses self transfer, non-holders, unregistered targets and pledged receivables', async () => {
    const ledger = newLedger();
    const root = await issued(ledger);
    await expectRefusal(
      ledger,
      () => ledger.run(transfer, CALLERS.t1, today(), { id: root.id, to: 'SUP-T1' }),
      'VALIDATION',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(transfer, CALLERS.t2, today(), { id: root.id, to: 'SUP-T3' }),
      'FORBIDDEN',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(transfer, CALLERS.t1, today(), { id: root.id, to: 'SUP-XX' }),
      'VALIDATION',
    );
    await pledged(ledger, CALLERS.t1, root.id);
    await expectRefusal(
      ledger,
      () => ledger.run(transfer, CALLERS.t1, today(), { id: root.id, to: 'SUP-T2' }),
      'INVALID_STATE',
    );
  });
});
