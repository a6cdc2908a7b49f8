// Route roles come from the wire contract's table: a bank that holds a receivable may pass it on and pledge it
// through REST, as the chaincode allows (the gateway's own role list once refused it with 403).
import type { Pledge, Receivable, Written } from '../support/api';
import { issue, useGateway, type HttpResult } from '../support/gateway-client';
import { eventually } from '../support/network';

describe('gateway: a bank holding a receivable', () => {
  const g = useGateway();

  /**
   * Posts as COMPANY until its own org's peer has seen the receivable: each org's peer commits blocks on its own,
   * and a refusal at endorsement (404/403) creates no transaction, so a new attempt is safe.
   */
  const postOnceVisible = <T>(company: string, url: string, body: unknown): Promise<HttpResult<Written<T>>> =>
    eventually(async () => {
      const res = await g().as(company).post<Written<T>>(url, body);
      if (res.status === 404 || res.status === 403) throw new Error(`${url} answered ${res.status} so far`);
      return res;
    }, 30_000);

  it('transfers it on and pledges another one', async () => {
    const kept = await issue(g(), 'SUP-T1', '7000');
    const passed = await issue(g(), 'SUP-T1', '3000');
    for (const { result } of [kept, passed]) {
      const res = await postOnceVisible<Receivable>('SUP-T1', `/v1/receivables/${result.id}/transfer`, {
        to: 'BANK-A',
      });
      expect(res.status).toBe(200);
      expect(res.body.result).toMatchObject({ id: result.id, holder: 'BANK-A' });
    }

    // BANK-A's role is credit, not treasury: both calls reach the chaincode and commit.
    const transfer = await postOnceVisible<Receivable>('BANK-A', `/v1/receivables/${passed.result.id}/transfer`, {
      to: 'SUP-T2',
    });
    expect(transfer.status).toBe(200);
    expect(transfer.body.result).toMatchObject({ id: passed.result.id, holder: 'SUP-T2' });

    const pledge = await postOnceVisible<Pledge>('BANK-A', `/v1/receivables/${kept.result.id}/pledges`, {
      pledgee: 'BANK-B',
      securedAmount: '7000',
      loanRef: `LOAN-${kept.result.id.slice(4, 12)}`,
    });
    expect(pledge.status).toBe(200);
    expect(pledge.body.result).toMatchObject({ id: `${kept.result.id}~P1`, status: 'PENDING' });
  });

  it('may not split it: Split stays with treasury, so the gateway refuses before endorsing', async () => {
    const res = await g()
      .as('BANK-A')
      .post('/v1/receivables/RCV-00000000000000000000000000000000/split', {
        parts: [
          { holder: 'BANK-A', amount: '1' },
          { holder: 'BANK-B', amount: '1' },
        ],
      });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
