import { canonicalJson } from '../../src/domain/canonical';
import { defined, doneValue } from '../support/checks';
import { DUE, issueRequest } from '../support/fixtures';
import { identity } from '../support/fake-fabric';
import {
  demoNetwork,
  IDS,
  parseAnswer,
  parties,
  read,
  type ReadName,
  receivables,
  refusal,
  write,
  writeDone,
  writeRefused,
} from '../support/network';

describe('the receivables chaincode, end to end on a fake peer', () => {
  it('runs the supply-chain story: issue, split twice, pledge, refused double pledge, lineage, settlement', async () => {
    const fabric = await demoNetwork();

    const issued = await write(fabric, IDS.core, 'Issue', issueRequest('PO-2030-001'));
    expect(issued).toMatchObject({ status: 'DONE', value: { status: 'CONFIRMED', holder: 'SUP-T1', created: true } });
    const root = doneValue(issued).id;
    expect(fabric.lastEvent).toMatchObject({
      name: 'ReceivableIssued',
      payload: { type: 'ReceivableIssued', receivableIds: [root], parties: ['CORE-001', 'SUP-T1'] },
    });

    await writeDone(fabric, IDS.t1, 'Split', {
      id: root,
      parts: [
        { holder: 'SUP-T1', amount: '600000' },
        { holder: 'SUP-T2', amount: '400000' },
      ],
    });
    const t2Part = `${root}.2`;
    await writeDone(fabric, IDS.t2, 'Split', {
      id: t2Part,
      parts: [
        { holder: 'SUP-T3', amount: '250000' },
        { holder: 'SUP-T2', amount: '150000' },
      ],
    });
    const t3Part = `${t2Part}.1`;
    expect(await read(fabric, IDS.t3, 'GetReceivable', t3Part)).toMatchObject({
      holder: 'SUP-T3',
      depth: 2,
      rootId: root,
      amount: '250000',
    });

    const pledged = await write(fabric, IDS.t3, 'Pledge', {
      id: t3Part,
      pledgee: 'BANK-A',
      securedAmount: '200000',
      loanRef: 'LOAN-A-1',
    });
    expect(pledged).toMatchObject({ status: 'DONE', value: { id: `${t3Part}~P1`, status: 'PENDING' } });
    const pledgeId = doneValue(pledged).id;

    // The second pledge is refused but committed, so the attempt is on the ledger as evidence.
    const second = await writeRefused(fabric, IDS.t3, 'Pledge', {
      id: t3Part,
      pledgee: 'BANK-B',
      securedAmount: '250000',
      loanRef: 'LOAN-B-1',
    });
    expect(second).toMatchObject({
      error: { code: 'DOUBLE_PLEDGE' },
      conflict: { existing: { pledgeId }, attemptedBy: 'SUP-T3' },
    });
    expect(fabric.lastEvent).toMatchObject({
      name: 'ConflictRecorded',
      payload: { conflictId: second.conflict.id, parties: ['BANK-A', 'SUP-T3'] },
    });
    const forAuditor = await read(fabric, IDS.auditor, 'ListConflicts', '{}');
    expect(forAuditor.items).toEqual([second.conflict]);
    expect((await read(fabric, IDS.bankA, 'ListConflicts', '{}')).items).toEqual([second.conflict]);
    expect((await read(fabric, IDS.t3, 'ListConflicts', '{}')).items).toEqual([second.conflict]);
    expect((await read(fabric, IDS.bankB, 'ListConflicts', '{}')).items).toEqual([]);
    expect(await read(fabric, IDS.bankB, 'GetEncumbrance', t3Part)).toMatchObject({
      encumbered: true,
      pledgee: 'BANK-A',
      status: 'PENDING',
    });

    await writeDone(fabric, IDS.bankA, 'AcceptPledge', { pledgeId });
    expect(await read(fabric, IDS.t3, 'GetPledge', pledgeId)).toMatchObject({ status: 'ACTIVE' });

    const lineage = await read(fabric, IDS.auditor, 'GetLineage', t3Part);
    expect(lineage).toMatchObject({
      rootId: root,
      consistent: true,
      root: { id: root, status: 'SPLIT', childrenSumOk: true },
    });
    const t2Node = defined(lineage.root.children[1], `the lineage node of ${t2Part}`);
    expect(t2Node.children.map((c) => [c.id, c.holder])).toEqual([
      [t3Part, 'SUP-T3'],
      [`${t2Part}.2`, 'SUP-T2'],
    ]);

    expect(
      await refusal(fabric.submit(receivables, 'Settle', IDS.core, JSON.stringify({ id: root, paymentRef: 'PAY-1' }))),
    ).toMatchObject({ code: 'NOT_DUE' });
    fabric.now = `${DUE}T09:00:00.000Z`;
    const settled = await writeDone(fabric, IDS.core, 'Settle', { id: root, paymentRef: 'PAY-1' });
    expect(settled.map((r) => [r.id, r.settlement?.payee])).toEqual([
      [`${root}.1`, 'SUP-T1'],
      [t3Part, 'BANK-A'],
      [`${t2Part}.2`, 'SUP-T2'],
    ]);
    expect(await read(fabric, IDS.bankA, 'GetPledge', pledgeId)).toMatchObject({ status: 'SETTLED' });

    const history = await read(fabric, IDS.auditor, 'GetHistory', t3Part);
    expect(history.map((h) => [h.value.status, h.value.encumbrance === null])).toEqual([
      ['SETTLED', true],
      ['CONFIRMED', false],
      ['CONFIRMED', false],
      ['CONFIRMED', true],
    ]);
    expect(history[0]?.timestamp).toBe(`${DUE}T09:00:00.000Z`);
  });

  it('pages through a holder’s receivables with bookmarks, filtered by status via the index', async () => {
    const fabric = await demoNetwork();
    for (const ref of ['A', 'B', 'C']) await writeDone(fabric, IDS.core, 'Issue', issueRequest(`PO-${ref}`, '100'));
    const first = await read(fabric, IDS.t1, 'ListReceivables', JSON.stringify({ role: 'holder', pageSize: 2 }));
    expect(first.items).toHaveLength(2);
    const rest = await read(
      fabric,
      IDS.t1,
      'ListReceivables',
      JSON.stringify({ role: 'holder', pageSize: 2, bookmark: first.bookmark }),
    );
    expect(rest.items).toHaveLength(1);
    expect(new Set([...first.items, ...rest.items].map((r) => r.externalRef))).toEqual(
      new Set(['PO-A', 'PO-B', 'PO-C']),
    );

    const one = defined(first.items[0], 'the first listed receivable');
    await writeDone(fabric, IDS.t1, 'Transfer', { id: one.id, to: 'SUP-T2' });
    expect(
      (await read(fabric, IDS.t1, 'ListReceivables', JSON.stringify({ role: 'holder', status: 'CONFIRMED' }))).items,
    ).toHaveLength(2);
    expect(
      (await read(fabric, IDS.t2, 'ListReceivables', JSON.stringify({ role: 'holder' }))).items.map((r) => r.id),
    ).toEqual([one.id]);
    expect((await read(fabric, IDS.core, 'ListReceivables', JSON.stringify({ role: 'debtor' }))).items).toHaveLength(3);
    await writeDone(fabric, IDS.core, 'Cancel', { id: defined(rest.items[0], 'the last listed receivable').id });
    expect(
      (await read(fabric, IDS.core, 'ListReceivables', JSON.stringify({ role: 'debtor', status: 'CANCELLED' }))).items,
    ).toHaveLength(1);
  });

  it('is idempotent on re-issue and refuses a different request under the same externalRef', async () => {
    const fabric = await demoNetwork();
    const first = await writeDone(fabric, IDS.core, 'Issue', issueRequest('PO-1'));
    const events = fabric.events.length;
    const again = await write(fabric, IDS.core, 'Issue', issueRequest('PO-1'));
    expect(again).toEqual({ status: 'DONE', value: { ...first, created: false } });
    expect(fabric.events).toHaveLength(events);
    const error = await refusal(
      fabric.submit(receivables, 'Issue', IDS.core, JSON.stringify(issueRequest('PO-1', '5'))),
    );
    expect(error).toMatchObject({ code: 'CONFLICT_EXTERNAL_REF', details: { externalRef: 'PO-1' } });
  });

  it('refuses and records a duplicate invoice', async () => {
    const fabric = await demoNetwork();
    const first = await writeDone(fabric, IDS.core, 'Issue', issueRequest('PO-1'));
    const dup = await writeRefused(fabric, IDS.core, 'Issue', issueRequest('PO-2', '1000000', 'PO-1'));
    expect(dup).toMatchObject({
      error: { code: 'DUPLICATE_INVOICE' },
      conflict: { existing: { receivableId: first.id } },
    });
    expect((await read(fabric, IDS.t1, 'ListConflicts', '{}')).items).toEqual([dup.conflict]);
  });

  it('refuses a certificate from another MSP claiming a registered company', async () => {
    const fabric = await demoNetwork();
    const forged = identity('SupplierMSP', { 'scf.party': 'CORE-001', 'scf.role': 'erp' });
    expect(
      await refusal(fabric.submit(receivables, 'Issue', forged, JSON.stringify(issueRequest('PO-1')))),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(fabric.evaluate(parties, 'GetParty', forged, 'CORE-001'))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refuses certificates without a valid role or a registered company', async () => {
    const fabric = await demoNetwork();
    const cases = [
      identity('CoreMSP', { 'scf.party': 'CORE-001' }),
      identity('CoreMSP', { 'scf.party': 'CORE-001', 'scf.role': 'owner' }),
      identity('CoreMSP', { 'scf.role': 'erp' }),
      identity('CoreMSP', { 'scf.party': 'CORE-404', 'scf.role': 'erp' }),
      identity('CoreMSP', { 'scf.party': 'core 001\u0000', 'scf.role': 'erp' }),
    ];
    for (const id of cases) {
      expect(
        await refusal(fabric.submit(receivables, 'Issue', id, JSON.stringify(issueRequest('PO-1')))),
      ).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(fabric.events.filter((e) => e.name === 'ReceivableIssued')).toHaveLength(0);
  });

  it('lets exactly one of two racing pledges commit (MVCC on the receivable key)', async () => {
    const fabric = await demoNetwork();
    const value = await writeDone(fabric, IDS.core, 'Issue', issueRequest('PO-1'));
    const pledgeTo = (bank: string) =>
      JSON.stringify({ id: value.id, pledgee: bank, securedAmount: '1', loanRef: `L-${bank}` });
    const a = await fabric.simulate(receivables, 'Pledge', IDS.t1, [pledgeTo('BANK-A')]);
    const b = await fabric.simulate(receivables, 'Pledge', IDS.t1, [pledgeTo('BANK-B')]);
    const endorsed = (sim: { result?: string }) => parseAnswer('Pledge', defined(sim.result, 'an endorsed reply'));
    expect(endorsed(a).status).toBe('DONE');
    expect(endorsed(b).status).toBe('DONE');
    expect(fabric.commit(a)).toBe('VALID');
    expect(fabric.commit(b)).toBe('MVCC_READ_CONFLICT');
    expect(await read(fabric, IDS.t1, 'GetEncumbrance', value.id)).toMatchObject({ pledgee: 'BANK-A' });
  });

  it('lets only one of two racing issues of the same invoice commit (MVCC on the fingerprint key)', async () => {
    const fabric = await demoNetwork();
    const a = await fabric.simulate(receivables, 'Issue', IDS.core, [
      JSON.stringify(issueRequest('PO-1', '5', 'INV-9')),
    ]);
    const b = await fabric.simulate(receivables, 'Issue', IDS.core, [
      JSON.stringify(issueRequest('PO-2', '5', 'INV-9')),
    ]);
    expect(fabric.commit(a)).toBe('VALID');
    expect(fabric.commit(b)).toBe('MVCC_READ_CONFLICT');
  });

  it('serves the party directory: RegisterParty wraps the party, GetParty returns it bare', async () => {
    const fabric = await demoNetwork();
    const request = JSON.stringify({ id: 'NET-1', legalName: 'Network test', kind: 'SUPPLIER' });
    const registered = parseAnswer(
      'RegisterParty',
      await fabric.submit(parties, 'RegisterParty', IDS.supplierAdmin, request),
    );
    expect(registered).toEqual({
      status: 'DONE',
      value: {
        id: 'NET-1',
        legalName: 'Network test',
        kind: 'SUPPLIER',
        msp: 'SupplierMSP',
        registeredAt: '2030-06-01T12:00:00.000Z',
      },
    });
    const raw = await fabric.evaluate(parties, 'GetParty', IDS.bankA, 'NET-1');
    expect(raw).toBe(canonicalJson(doneValue(registered)));
    expect(fabric.lastEvent).toMatchObject({ name: 'PartyRegistered', payload: { parties: ['NET-1'] } });
    const all = parseAnswer('ListParties', await fabric.evaluate(parties, 'ListParties', IDS.auditor));
    expect(all.map((p) => p.id)).toEqual([
      'AUDIT-01',
      'BANK-A',
      'BANK-B',
      'CORE-001',
      'NET-1',
      'SUP-T1',
      'SUP-T2',
      'SUP-T3',
    ]);
    expect(await refusal(fabric.evaluate(parties, 'GetParty', IDS.bankA, 'NOPE-1'))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(fabric.submit(parties, 'RegisterParty', IDS.bank1Admin, request))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('answers every read with canonical JSON and refuses strangers', async () => {
    const fabric = await demoNetwork();
    const value = await writeDone(fabric, IDS.core, 'Issue', issueRequest('PO-1'));
    const pledge = await writeDone(fabric, IDS.t1, 'Pledge', {
      id: value.id,
      pledgee: 'BANK-A',
      securedAmount: '1',
      loanRef: 'L-1',
    });
    await writeRefused(fabric, IDS.t1, 'Pledge', {
      id: value.id,
      pledgee: 'BANK-B',
      securedAmount: '1',
      loanRef: 'L-2',
    });
    const reads: [ReadName, string][] = [
      ['GetReceivable', value.id],
      ['GetEncumbrance', value.id],
      ['GetLineage', value.id],
      ['GetHistory', value.id],
      ['GetPledge', pledge.id],
      ['ListReceivables', '{"role":"holder"}'],
      ['CountReceivables', '{"role":"holder"}'],
      ['ListConflicts', '{}'],
    ];
    for (const [fn, arg] of reads) {
      const raw = await fabric.evaluate(receivables, fn, IDS.t1, arg);
      expect([fn, raw]).toEqual([fn, canonicalJson(parseAnswer(fn, raw))]);
    }
    // A supplier with no stake in the receivable, and an org admin without a company for the lists.
    for (const [fn, arg] of reads) {
      const stranger = fn.startsWith('Get') ? IDS.t3 : IDS.coreAdmin;
      expect([fn, await refusal(fabric.evaluate(receivables, fn, stranger, arg))]).toMatchObject([
        fn,
        { code: 'FORBIDDEN' },
      ]);
    }
    expect(await refusal(fabric.evaluate(receivables, 'GetHistory', IDS.bankB, value.id))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(fabric.evaluate(receivables, 'GetReceivable', IDS.t1, 'not-an-id'))).toMatchObject({
      code: 'VALIDATION',
    });
  });
});
