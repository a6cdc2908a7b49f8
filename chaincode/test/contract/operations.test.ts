import { canonicalJson } from '../../src/domain/canonical';
import { doneValue } from '../support/checks';
import { claimRequest, DUE, issueRequest } from '../support/fixtures';
import type { Identity } from '../support/fake-fabric';
import { demoNetwork, IDS, parseAnswer, read, receivables, refusal, writeDone, writeRefused } from '../support/network';

const issueTo = (creditor: string, externalRef: string, amount: string) => ({
  ...issueRequest(externalRef, amount),
  creditor,
});

describe('receivables contract operations on a fake peer', () => {
  it('keeps split order for ten and more children through storage, lineage and settlement', async () => {
    const fabric = await demoNetwork();
    const root = await writeDone(fabric, IDS.core, 'Issue', issueTo('SUP-T1', 'PO-12', '1200'));
    const parts = Array.from({ length: 12 }, () => ({ holder: 'SUP-T2', amount: '100' }));
    await writeDone(fabric, IDS.t1, 'Split', { id: root.id, parts });
    const expected = parts.map((_, i) => `${root.id}.${i + 1}`);

    expect((await read(fabric, IDS.t1, 'GetReceivable', root.id)).children).toEqual(expected);
    const lineage = await read(fabric, IDS.auditor, 'GetLineage', root.id);
    expect(lineage.root.children.map((c) => c.id)).toEqual(expected);
    expect(lineage.consistent).toBe(true);

    fabric.now = `${DUE}T10:00:00.000Z`;
    const settled = await writeDone(fabric, IDS.core, 'Settle', { id: root.id, paymentRef: 'PAY-12' });
    expect(settled.map((r) => r.id)).toEqual(expected);
  });

  it('issues a batch in one transaction with one ReceivablesIssued event, and refuses a batch reusing an invoice', async () => {
    const fabric = await demoNetwork();
    const items = ['B-1', 'B-2', 'B-3'].map((ref) => issueTo('SUP-T2', ref, '10'));
    const events = fabric.events.length;
    const batch = await writeDone(fabric, IDS.core, 'IssueBatch', { items });
    expect(batch.results.map((r) => [r.externalRef, r.created])).toEqual([
      ['B-1', true],
      ['B-2', true],
      ['B-3', true],
    ]);
    expect(fabric.events.slice(events).map((e) => e.name)).toEqual(['ReceivablesIssued']);
    expect((await read(fabric, IDS.t2, 'ListReceivables', '{"role":"holder"}')).items).toHaveLength(3);

    const reuse = {
      items: [issueTo('SUP-T2', 'B-4', '10'), { ...issueTo('SUP-T2', 'B-5', '10'), invoices: items[0]?.invoices }],
    };
    const refused = await writeRefused(fabric, IDS.core, 'IssueBatch', reuse);
    expect(refused).toMatchObject({
      error: { code: 'DUPLICATE_INVOICE' },
      results: [
        { externalRef: 'B-4', created: false },
        { externalRef: 'B-5', created: false },
      ],
    });
    expect((await read(fabric, IDS.t2, 'ListReceivables', '{"role":"holder"}')).items).toHaveLength(3);
    expect((await read(fabric, IDS.auditor, 'ListConflicts', '{}')).items).toEqual([refused.conflict]);

    const invalid = await refusal(
      fabric.submit(
        receivables,
        'IssueBatch',
        IDS.core,
        JSON.stringify({ items: [items[0], { ...items[1], currency: 'euro' }] }),
      ),
    );
    expect(invalid).toMatchObject({ code: 'VALIDATION', details: { index: 1, field: '$.items[1].currency' } });
  });

  it("counts a holder's and a debtor's receivables across index pages, by status, without listing them", async () => {
    const fabric = await demoNetwork();
    for (const batch of [0, 1, 2]) {
      const items = Array.from({ length: batch < 2 ? 500 : 3 }, (_, i) => issueTo('SUP-T2', `N-${batch}-${i}`, '10'));
      await writeDone(fabric, IDS.core, 'IssueBatch', { items });
    }
    const count = async (identity: Identity, request: object) =>
      (await read(fabric, identity, 'CountReceivables', JSON.stringify(request))).count;
    expect(await count(IDS.t2, { role: 'holder' })).toBe(1003);
    expect(await count(IDS.core, { role: 'debtor', status: 'CONFIRMED' })).toBe(1003);
    expect(await count(IDS.core, { role: 'debtor', status: 'SETTLED' })).toBe(0);
    expect(await count(IDS.t1, { role: 'holder' })).toBe(0);
    expect(await read(fabric, IDS.t1, 'ListReceivables', '{"role":"holder"}')).toEqual({ items: [], bookmark: '' });
    expect(await refusal(fabric.evaluate(receivables, 'CountReceivables', IDS.t2, '{"role":"owner"}'))).toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('runs claim → confirm and claim → reject for the debtor only', async () => {
    const fabric = await demoNetwork();
    const claimed = await writeDone(fabric, IDS.t3, 'Claim', claimRequest('C-1', '500'));
    expect(claimed).toMatchObject({
      status: 'PENDING',
      holder: 'SUP-T3',
      originalCreditor: 'SUP-T3',
      created: true,
    });
    expect(fabric.lastEvent?.name).toBe('ReceivableClaimed');
    expect(
      await refusal(fabric.submit(receivables, 'Confirm', IDS.t3, JSON.stringify({ id: claimed.id }))),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect((await writeDone(fabric, IDS.core, 'Confirm', { id: claimed.id })).status).toBe('CONFIRMED');

    const other = await writeDone(fabric, IDS.t3, 'Claim', claimRequest('C-2', '500'));
    const rejectByClaimant = JSON.stringify({ id: other.id, reason: 'changed my mind' });
    expect(await refusal(fabric.submit(receivables, 'Reject', IDS.t3, rejectByClaimant))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const rejected = await writeDone(fabric, IDS.core, 'Reject', { id: other.id, reason: 'no delivery' });
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'no delivery' });
    expect(fabric.lastEvent).toMatchObject({
      name: 'ReceivableRejected',
      payload: { receivableIds: [other.id], parties: ['CORE-001', 'SUP-T3'] },
    });
  });

  it('changes nothing when a write is refused by a throw', async () => {
    const fabric = await demoNetwork();
    const value = await writeDone(fabric, IDS.core, 'Issue', issueTo('SUP-T1', 'PO-1', '100'));
    const before = fabric.keys();
    const events = fabric.events.length;
    const badSplit = JSON.stringify({
      id: value.id,
      parts: [
        { holder: 'SUP-T2', amount: '60' },
        { holder: 'SUP-T3', amount: '50' },
      ],
    });
    expect(await refusal(fabric.submit(receivables, 'Split', IDS.t1, badSplit))).toMatchObject({
      code: 'VALIDATION',
      details: { expected: '100', actual: '110' },
    });
    expect(
      await refusal(fabric.submit(receivables, 'Transfer', IDS.t1, JSON.stringify({ id: value.id, to: 'SUP-T1' }))),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(fabric.keys()).toEqual(before);
    expect(fabric.events).toHaveLength(events);
    expect((await read(fabric, IDS.t1, 'GetReceivable', value.id)).status).toBe('CONFIRMED');
  });

  it('returns canonical JSON for writes too, and pledge decisions move the lock', async () => {
    const fabric = await demoNetwork();
    const value = await writeDone(fabric, IDS.core, 'Issue', issueTo('SUP-T1', 'PO-1', '100'));
    const raw = await fabric.submit(
      receivables,
      'Pledge',
      IDS.t1,
      JSON.stringify({ id: value.id, pledgee: 'BANK-B', securedAmount: '100', loanRef: 'L-1' }),
    );
    const reply = parseAnswer('Pledge', raw);
    expect(raw).toBe(canonicalJson(reply));
    const pledgeId = doneValue(reply).id;
    await writeDone(fabric, IDS.bankB, 'AcceptPledge', { pledgeId });
    expect(await read(fabric, IDS.auditor, 'GetEncumbrance', value.id)).toMatchObject({
      encumbered: true,
      status: 'ACTIVE',
    });
    await writeDone(fabric, IDS.bankB, 'ReleasePledge', { pledgeId });
    expect(fabric.lastEvent).toMatchObject({ name: 'PledgeReleased', payload: { pledgeId } });
    expect(await read(fabric, IDS.t1, 'GetEncumbrance', value.id)).toMatchObject({ encumbered: false, pledgeId: null });
    expect(
      await refusal(fabric.submit(receivables, 'RejectPledge', IDS.bankB, JSON.stringify({ pledgeId }))),
    ).toMatchObject({ code: 'INVALID_STATE' });
  });
});
