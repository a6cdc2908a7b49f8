// Each org's peer commits blocks on its own. Commit through one organisation and act at once through another:
// with the write's block as the consistency token (x-scf-min-block), the answer is right every time.
import type { ApiErrorBody, Issued, Pledge, Receivable, Written } from '../support/api';
import { defined } from '../support/defined';
import { issue, issueRequest, runId, useGateway } from '../support/gateway-client';
import { eventually, loadConnection, network } from '../support/network';

/** Receivables issued in one block and then acted on at once elsewhere. */
const BATCH = 60;
// This file's gateway gives up on a lagging peer after 2 s instead of 10 s (the PEER_BEHIND case waits it out).
process.env.SCF_GATEWAY_CATCH_UP_TIMEOUT_MS = '2000';

describe('gateway: reading your own writes across organisations', () => {
  const g = useGateway();
  const after = (blockNumber: string) => ({ 'x-scf-min-block': blockNumber });

  it('acts through other orgs’ peers right after a commit, and gets the right answer every time', async () => {
    // A large block committed through the core org's peer: the other peers take a while longer to apply it.
    const ref = runId();
    const items = Array.from({ length: BATCH }, (_, i) => issueRequest(`${ref}-${i}`, 'SUP-T1', '9000'));
    const batch = await g()
      .as('CORE-001')
      .post<Written<{ results: { id: string }[] }>>('/v1/receivables/batch', { items });
    expect(batch.status).toBe(200);
    const ids = batch.body.result.results.map((r) => r.id);

    // Pledged at once through the supplier org's peer, all together ...
    const pledges = await Promise.all(
      ids.map((id) =>
        g()
          .as('SUP-T1')
          .post<Written<Pledge>>(
            `/v1/receivables/${id}/pledges`,
            { pledgee: 'BANK-A', securedAmount: '9000', loanRef: `RYW-${id.slice(4, 16)}` },
            { headers: after(batch.body.blockNumber) },
          ),
      ),
    );
    expect(pledges.map((p) => p.status)).toEqual(ids.map(() => 200));

    // ... and checked at once through bank1's and the auditor's peers.
    const newest = pledges.map((p) => BigInt(p.body.blockNumber)).reduce((a, b) => (a > b ? a : b));
    const locks = await Promise.all(
      ids.map((id) =>
        g().as('BANK-A').get<{ encumbered: boolean }>(`/v1/receivables/${id}/encumbrance`, after(newest.toString())),
      ),
    );
    expect(locks.map((l) => [l.status, l.body.encumbered])).toEqual(ids.map(() => [200, true]));
    const seen = await Promise.all(
      ids.map((id) => g().as('AUDIT-01').get<Receivable>(`/v1/receivables/${id}`, after(newest.toString()))),
    );
    expect(seen.map((r) => [r.status, r.body.encumbrance?.pledgee])).toEqual(ids.map(() => [200, 'BANK-A']));
  });

  it('waits for a peer that restarts behind the ledger, instead of answering from its old state', async () => {
    // The supplier org's peer misses a block while it is down, and has to catch up after its restart.
    const supplierPeer = defined(loadConnection().orgs.supplier, "org 'supplier'").peer.name;
    network('kill', supplierPeer);
    let issued: Written<Issued>;
    try {
      issued = await eventually(() => issue(g(), 'SUP-T1', '4000'), 60_000);
    } finally {
      network('start');
    }
    const pledged = await g()
      .as('SUP-T1')
      .post<Written<Pledge>>(
        `/v1/receivables/${issued.result.id}/pledges`,
        { pledgee: 'BANK-A', securedAmount: '4000', loanRef: `RYW-${runId()}` },
        { headers: after(issued.blockNumber) },
      );
    expect({ status: pledged.status, body: pledged.body }).toMatchObject({ status: 200, body: { result: {} } });
  });

  it('answers 503 PEER_BEHIND, naming the block, when the peer does not reach it in time', async () => {
    const issued = await issue(g(), 'SUP-T1', '100');
    const future = (BigInt(issued.blockNumber) + 1_000_000n).toString();
    const res = await g().as('SUP-T1').get<ApiErrorBody>(`/v1/receivables/${issued.result.id}`, after(future));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body.error).toMatchObject({ code: 'PEER_BEHIND', details: { minBlock: future } });
  });

  it('refuses a malformed consistency token with 400', async () => {
    const res = await g().as('SUP-T1').get<ApiErrorBody>('/v1/parties', after('twelve'));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
  });
});
