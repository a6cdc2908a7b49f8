// The chaincode issue's story, driven entirely over REST with each company's own token.
import type {
  ApiErrorBody,
  Conflict,
  ConflictDetails,
  Issued,
  Page,
  Pledge,
  Receivable,
  SplitResult,
  Written,
} from '../support/api';
import { issueRequest, runId, useGateway, type HttpResult } from '../support/gateway-client';
import { anyString, stringMatching } from '../support/matchers';

describe('gateway: the supply-chain finance story over REST', () => {
  const g = useGateway();
  const ref = runId();
  let id: string;
  let pledgeId: string;
  let conflictId: string;

  it('ERP issues a receivable due today to SUP-T1', async () => {
    const res = await g()
      .as('CORE-001')
      .post<Written<Issued>>('/v1/receivables', issueRequest(ref, 'SUP-T1', '1000000'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      txId: anyString(),
      blockNumber: stringMatching(/^[0-9]+$/),
      result: { status: 'CONFIRMED', holder: 'SUP-T1', debtor: 'CORE-001', amount: '1000000', created: true },
    });
    id = res.body.result.id;
  });

  it('SUP-T1 splits it, passing 300000 up to SUP-T2', async () => {
    const res = await g()
      .as('SUP-T1')
      .post<Written<SplitResult>>(`/v1/receivables/${id}/split`, {
        parts: [
          { holder: 'SUP-T2', amount: '300000' },
          { holder: 'SUP-T1', amount: '700000' },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.result.children.map((c) => c.id)).toEqual([`${id}.1`, `${id}.2`]);
  });

  it('SUP-T2 pledges its piece to BANK-A, which sees the lock before lending', async () => {
    const res = await g()
      .as('SUP-T2')
      .post<Written<Pledge>>(`/v1/receivables/${id}.1/pledges`, {
        pledgee: 'BANK-A',
        securedAmount: '300000',
        loanRef: `LOAN-${ref}`,
      });
    expect(res.status).toBe(200);
    pledgeId = res.body.result.id;
    expect(pledgeId).toBe(`${id}.1~P1`);

    const lock = await g().as('BANK-A').get(`/v1/receivables/${id}.1/encumbrance`);
    expect(lock.status).toBe(200);
    expect(lock.body).toMatchObject({
      receivableId: `${id}.1`,
      encumbered: true,
      pledgeId,
      pledgee: 'BANK-A',
      status: 'PENDING',
    });
  });

  it('refuses a second pledge with 409 and the recorded conflict', async () => {
    const res = await g()
      .as('SUP-T2')
      .post<ApiErrorBody<ConflictDetails>>(`/v1/receivables/${id}.1/pledges`, {
        pledgee: 'BANK-B',
        securedAmount: '300000',
        loanRef: `LOAN2-${ref}`,
      });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'DOUBLE_PLEDGE',
      details: {
        txId: anyString(),
        conflict: { kind: 'DOUBLE_PLEDGE', attemptedBy: 'SUP-T2', existing: { receivableId: `${id}.1`, pledgeId } },
      },
    });
    conflictId = res.body.error.details.conflict.id;
    // The refusal changed nothing: the lock is still BANK-A's.
    const lock = await g().as('BANK-A').get(`/v1/receivables/${id}.1/encumbrance`);
    expect(lock.body).toMatchObject({ pledgee: 'BANK-A', pledgeId });
  });

  it('BANK-A accepts the pledge', async () => {
    const res = await g()
      .as('BANK-A')
      .post<Written<Pledge>>(`/v1/pledges/${encodeURIComponent(pledgeId)}/accept`);
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ id: pledgeId, status: 'ACTIVE' });
  });

  it('the auditor traces the lineage and finds the conflict', async () => {
    const lineage = await g().as('AUDIT-01').get(`/v1/receivables/${id}.2/lineage`);
    expect(lineage.status).toBe(200);
    expect(lineage.body).toMatchObject({ rootId: id, consistent: true });

    let cursor: string | null = null;
    const seen: string[] = [];
    do {
      const page: HttpResult<Page<Conflict>> = await g()
        .as('AUDIT-01')
        .get<Page<Conflict>>(`/v1/conflicts?pageSize=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.body.items.map((c) => c.id));
      cursor = seen.includes(conflictId) ? null : page.body.nextCursor;
    } while (cursor);
    expect(seen).toContain(conflictId);
  });

  it('a company outside the tree cannot read it (403 from the chaincode)', async () => {
    const res = await g().as('SUP-T3').get<ApiErrorBody>(`/v1/receivables/${id}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('ERP settles at maturity: the pledged piece pays BANK-A, the other SUP-T1', async () => {
    const res = await g()
      .as('CORE-001')
      .post<Written<Receivable[]>>(`/v1/receivables/${id}/settle`, { paymentRef: `PAY-${ref}` });
    expect(res.status).toBe(200);
    const payees = Object.fromEntries(res.body.result.map((leaf) => [leaf.id, leaf.settlement?.payee]));
    expect(payees).toEqual({ [`${id}.1`]: 'BANK-A', [`${id}.2`]: 'SUP-T1' });
    const piece = await g().as('BANK-A').get(`/v1/receivables/${id}.1`);
    expect(piece.body).toMatchObject({ status: 'SETTLED' });
  });
});
