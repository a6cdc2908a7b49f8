import { cancel } from '../../src/domain/cancel';
import { claim } from '../../src/domain/claim';
import { confirm, reject } from '../../src/domain/confirmation';
import { issue } from '../../src/domain/issue';
import { issueBatch } from '../../src/domain/issue-batch';
import { transfer } from '../../src/domain/transfer';
import { invoiceFingerprint } from '../../src/domain/fingerprints';
import type { PartyId } from '../../src/domain/types';
import { CALLERS, claimRequest, issueRequest, txOn } from '../support/fixtures';
import { expectRefusal, expectRefusedAndRecorded, issued, newLedger, today } from '../support/scenario';

describe('Issue', () => {
  it('creates a CONFIRMED receivable held by the creditor and claims its invoice fingerprints', async () => {
    const ledger = newLedger();
    const value = await ledger.done(issue, CALLERS.core, today(), issueRequest('PO-1', '500'));
    expect(value).toMatchObject({
      created: true,
      status: 'CONFIRMED',
      debtor: 'CORE-001',
      holder: 'SUP-T1',
      originalCreditor: 'SUP-T1',
      depth: 0,
      parentId: null,
    });
    expect(value.rootId).toBe(value.id);
    const fp = invoiceFingerprint('CORE-001' as PartyId, 'INV', 'PO-1');
    expect(value.invoices[0]?.fingerprint).toBe(fp);
    expect(ledger.fingerprints.get(fp)?.receivableId).toBe(value.id);
    expect(ledger.events.at(-1)).toMatchObject({
      type: 'ReceivableIssued',
      receivableIds: [value.id],
      parties: ['CORE-001', 'SUP-T1'],
    });
  });

  it('is idempotent on (debtor, externalRef): the same request returns the existing receivable, created false, no event', async () => {
    const ledger = newLedger();
    const first = await issued(ledger);
    const events = ledger.events.length;
    const again = await ledger.done(issue, CALLERS.core, today(), issueRequest('PO-1'));
    expect(again).toEqual({ ...first, created: false });
    expect(ledger.events).toHaveLength(events);
  });

  it('refuses another request under the same externalRef with CONFLICT_EXTERNAL_REF', async () => {
    const ledger = newLedger();
    await issued(ledger);
    await expectRefusal(
      ledger,
      () => ledger.run(issue, CALLERS.core, today(), issueRequest('PO-1', '999')),
      'CONFLICT_EXTERNAL_REF',
    );
  });

  it('refuses AND records a duplicate invoice, visible to the existing receivable’s stakeholders', async () => {
    const ledger = newLedger();
    const existing = await issued(ledger, 'PO-1');
    const { recorded } = await expectRefusedAndRecorded(
      ledger,
      () => ledger.run(issue, CALLERS.core, today(), issueRequest('PO-2', '1000000', 'PO-1')),
      'DUPLICATE_INVOICE',
    );
    expect(recorded).toMatchObject([
      {
        kind: 'DUPLICATE_INVOICE',
        attemptedBy: 'CORE-001',
        attempted: { externalRef: 'PO-2', invoice: { code: 'INV', number: 'PO-1' } },
        existing: { receivableId: existing.id, fingerprint: existing.invoices[0]?.fingerprint },
        visibleTo: ['CORE-001', 'SUP-T1'],
      },
    ]);
  });

  it('only lets an erp user of a CORE party issue', async () => {
    const ledger = newLedger();
    await expectRefusal(ledger, () => ledger.run(issue, CALLERS.t1, today(), issueRequest('PO-1')), 'FORBIDDEN');
    await expectRefusal(
      ledger,
      () => ledger.run(issue, { ...CALLERS.core, role: 'treasury' }, today(), issueRequest('PO-1')),
      'FORBIDDEN',
    );
  });

  it('needs a registered SUPPLIER creditor', async () => {
    const ledger = newLedger();
    await expectRefusal(
      ledger,
      () => ledger.run(issue, CALLERS.core, today(), { ...issueRequest('PO-1'), creditor: 'SUP-NOPE' }),
      'VALIDATION',
    );
    await expectRefusal(
      ledger,
      () => ledger.run(issue, CALLERS.core, today(), { ...issueRequest('PO-1'), creditor: 'BANK-A' }),
      'VALIDATION',
    );
  });
});

describe('IssueBatch', () => {
  const batch = (...refs: string[]) => ({ items: refs.map((ref) => issueRequest(ref, '100')) });

  it('writes every item in one transaction and reports each', async () => {
    const ledger = newLedger();
    await issued(ledger, 'B-0', '100');
    const value = await ledger.done(issueBatch, CALLERS.core, today(), batch('B-0', 'B-1', 'B-2'));
    expect(value.results.map((r) => [r.externalRef, r.created])).toEqual([
      ['B-0', false],
      ['B-1', true],
      ['B-2', true],
    ]);
    expect(ledger.receivables.size).toBe(3);
    expect(ledger.events.at(-1)).toMatchObject({
      type: 'ReceivablesIssued',
      receivableIds: [value.results[1]?.id, value.results[2]?.id],
    });
  });

  it('refuses the whole batch on a duplicate invoice, recording conflicts and writing no receivable', async () => {
    const ledger = newLedger();
    const existing = await issued(ledger, 'B-1', '100');
    const { reply, recorded } = await expectRefusedAndRecorded(
      ledger,
      () =>
        ledger.run(issueBatch, CALLERS.core, today(), {
          items: [issueRequest('B-2', '100'), issueRequest('B-3', '100', 'B-1')],
        }),
      'DUPLICATE_INVOICE',
    );
    expect(reply.results).toEqual([
      expect.objectContaining({ externalRef: 'B-2', created: false }),
      expect.objectContaining({ externalRef: 'B-3', created: false, conflictIds: [reply.conflict.id] }),
    ]);
    expect(recorded).toMatchObject([
      { kind: 'DUPLICATE_INVOICE', attempted: { externalRef: 'B-3' }, existing: { receivableId: existing.id } },
    ]);
  });

  it('throws VALIDATION with the item index for an invalid item, repeated refs or shared invoices', async () => {
    const ledger = newLedger();
    const bad = { items: [issueRequest('B-1'), { ...issueRequest('B-2'), amount: '-1' }] };
    await expect(ledger.run(issueBatch, CALLERS.core, today(), bad)).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { field: '$.items[1].amount', index: 1 },
    });
    await expect(ledger.run(issueBatch, CALLERS.core, today(), batch('B-1', 'B-1'))).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { index: 1 },
    });
    const shared = { items: [issueRequest('B-1', '1', 'X'), issueRequest('B-2', '1', 'X')] };
    await expect(ledger.run(issueBatch, CALLERS.core, today(), shared)).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { index: 1 },
    });
    const past = { items: [issueRequest('B-1'), { ...issueRequest('B-2'), dueDate: '2020-01-01' }] };
    await expect(ledger.run(issueBatch, CALLERS.core, today(), past)).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { index: 1 },
    });
    expect(ledger.receivables.size).toBe(0);
  });

  it('refuses an empty or oversized batch', async () => {
    const ledger = newLedger();
    await expect(ledger.run(issueBatch, CALLERS.core, today(), { items: [] })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const many = { items: Array.from({ length: 501 }, (_, i) => issueRequest(`M-${i}`)) };
    await expect(ledger.run(issueBatch, CALLERS.core, today(), many)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('Claim, Confirm, Reject', () => {
  const claimOf = (ref: string) => claimRequest(ref, '700');

  it('a supplier claims a PENDING receivable that only the debtor can confirm', async () => {
    const ledger = newLedger();
    const claimed = await ledger.done(claim, CALLERS.t1, today(), claimOf('C-1'));
    expect(claimed).toMatchObject({ status: 'PENDING', holder: 'SUP-T1', debtor: 'CORE-001', created: true });
    await expectRefusal(ledger, () => ledger.run(confirm, CALLERS.t1, today(), { id: claimed.id }), 'FORBIDDEN');
    await expectRefusal(
      ledger,
      () => ledger.run(transfer, CALLERS.t1, today(), { id: claimed.id, to: 'SUP-T2' }),
      'INVALID_STATE',
    );
    const confirmed = await ledger.done(confirm, CALLERS.core, today(), { id: claimed.id });
    expect(confirmed.status).toBe('CONFIRMED');
    await expectRefusal(ledger, () => ledger.run(confirm, CALLERS.core, today(), { id: claimed.id }), 'INVALID_STATE');
  });

  it('reject frees the invoices so the debtor can issue them', async () => {
    const ledger = newLedger();
    const claimed = await ledger.done(claim, CALLERS.t1, today(), claimOf('C-1'));
    const dup = await ledger.run(issue, CALLERS.core, today(), issueRequest('PO-9', '700', 'C-1'));
    expect(dup.status).toBe('REFUSED');
    const rejected = await ledger.done(reject, CALLERS.core, today(), { id: claimed.id, reason: 'not ours' });
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'not ours' });
    expect((await ledger.run(issue, CALLERS.core, today(), issueRequest('PO-9', '700', 'C-1'))).status).toBe('DONE');
  });

  it('a claim needs a treasury SUPPLIER caller and a CORE debtor', async () => {
    const ledger = newLedger();
    await expectRefusal(ledger, () => ledger.run(claim, CALLERS.bankA, today(), claimOf('C-1')), 'FORBIDDEN');
    await expectRefusal(
      ledger,
      () => ledger.run(claim, CALLERS.t1, today(), { ...claimOf('C-1'), debtor: 'SUP-T2' }),
      'VALIDATION',
    );
  });
});

describe('Cancel', () => {
  it('cancels an untouched issue and releases its fingerprints', async () => {
    const ledger = newLedger();
    const root = await issued(ledger);
    const cancelled = await ledger.done(cancel, CALLERS.core, today(), { id: root.id });
    expect(cancelled.status).toBe('CANCELLED');
    expect(ledger.fingerprints.size).toBe(0);
    expect((await ledger.run(issue, CALLERS.core, today(), issueRequest('PO-2', '1000000', 'PO-1'))).status).toBe(
      'DONE',
    );
  });

  it('refuses once the receivable was transferred, and refuses non-debtors', async () => {
    const ledger = newLedger();
    const root = await issued(ledger);
    await expectRefusal(ledger, () => ledger.run(cancel, CALLERS.t1, today(), { id: root.id }), 'FORBIDDEN');
    await ledger.done(transfer, CALLERS.t1, today(), { id: root.id, to: 'SUP-T2' });
    await expectRefusal(
      ledger,
      () => ledger.run(cancel, CALLERS.core, txOn('2030-06-02'), { id: root.id }),
      'INVALID_STATE',
    );
  });

  it('refuses an unknown id with NOT_FOUND', async () => {
    const ledger = newLedger();
    await expectRefusal(
      ledger,
      () => ledger.run(cancel, CALLERS.core, today(), { id: `RCV-${'0'.repeat(32)}` }),
      'NOT_FOUND',
    );
  });
});

describe('Claim duplicate invoices', () => {
  it('refuses AND records a claim on an invoice that already backs an issued receivable', async () => {
    const ledger = newLedger();
    const existing = await issued(ledger, 'PO-1');
    const request = { ...claimRequest('T2-CLAIM', '5'), invoices: [{ number: 'PO-1', code: 'INV', amount: '5' }] };
    const { recorded } = await expectRefusedAndRecorded(
      ledger,
      () => ledger.run(claim, CALLERS.t2, today(), request),
      'DUPLICATE_INVOICE',
    );
    expect(recorded).toMatchObject([
      {
        kind: 'DUPLICATE_INVOICE',
        attemptedBy: 'SUP-T2',
        attempted: { externalRef: 'T2-CLAIM', creditor: 'SUP-T2' },
        existing: { receivableId: existing.id },
        visibleTo: ['CORE-001', 'SUP-T1'],
      },
    ]);
  });
});
