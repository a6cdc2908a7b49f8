// The gateway's own guarantees against the real network: idempotent retries, identity binding, strict input,
// and a valid OpenAPI document. Each test writes what it reads, so each runs alone (`-t`) or in any order.
import type { ApiErrorBody, HistoryEntry, Issued, Pledge, Readiness, Written } from '../support/api';
import { defined } from '../support/defined';
import { issue, issueRequest, runId, useGateway } from '../support/gateway-client';
import { stringMatching } from '../support/matchers';

describe('gateway: API guarantees', () => {
  const g = useGateway();

  it('is ready when every org peer is reachable', async () => {
    const res = await g().request<Readiness>(null, 'GET', '/readyz');
    expect(res.status).toBe(200);
    expect(res.body.peers).toEqual({ core: true, supplier: true, bank1: true, bank2: true, auditor: true });
  });

  it('answers a retried POST with the first result and creates nothing new', async () => {
    const ref = runId();
    const body = issueRequest(ref, 'SUP-T1', '5000');
    const first = await g()
      .as('CORE-001')
      .post<Written<Issued>>('/v1/receivables', body, { key: `retry-${ref}` });
    const retry = await g()
      .as('CORE-001')
      .post('/v1/receivables', body, { key: `retry-${ref}` });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    const history = await g().as('CORE-001').get<HistoryEntry[]>(`/v1/receivables/${first.body.result.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body).toHaveLength(1);
    expect(defined(history.body[0], 'a history entry').txId).toBe(first.body.txId);

    const invoice = defined(body.invoices[0], 'the request invoice');
    const reused = await g()
      .as('CORE-001')
      .post<ApiErrorBody>(
        '/v1/receivables',
        { ...body, amount: '6000', invoices: [{ ...invoice, amount: '6000' }] },
        { key: `retry-${ref}` },
      );
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses cross-org impersonation with 403', async () => {
    const ref = runId();
    // A supplier's token trying the ERP's action.
    const asSupplier = await g()
      .as('SUP-T1')
      .post('/v1/receivables', issueRequest(ref, 'SUP-T1', '100'));
    expect(asSupplier.status).toBe(403);
    // A supplier's token asking to act as a bank.
    const asBank = await g().as('SUP-T1').get('/v1/parties', { 'x-scf-identity': 'BANK-A' });
    expect(asBank.status).toBe(403);
    // A bank deciding a pledge that is not its own: refused by the chaincode, which sees BANK-B's certificate.
    const issued = await issue(g(), 'SUP-T1', '100', ref);
    const pledged = await g()
      .as('SUP-T1')
      .post<Written<Pledge>>(`/v1/receivables/${issued.result.id}/pledges`, {
        pledgee: 'BANK-A',
        securedAmount: '100',
        loanRef: `L-${ref}`,
      });
    expect(pledged.status).toBe(200);
    const wrongBank = await g().as('BANK-B').post<ApiErrorBody>(`/v1/pledges/${pledged.body.result.id}/accept`);
    expect(wrongBank.status).toBe(403);
    expect(wrongBank.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const ref = runId();
    const good = issueRequest(ref, 'SUP-T1', '700');
    const bad = [
      { ...good, note: 'unknown field' },
      { ...good, amount: 700 },
      { ...good, amount: '07' },
      { ...good, dueDate: '2030-13-45x' },
    ];
    for (const body of bad) {
      const res = await g().as('CORE-001').post<ApiErrorBody>('/v1/receivables', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    // A calendar-invalid date passes the pattern and is refused by the chaincode, still 400 and still nothing written.
    const impossible = await g()
      .as('CORE-001')
      .post('/v1/receivables', { ...good, dueDate: '2030-02-30' });
    expect(impossible.status).toBe(400);
    // Nothing was written under this externalRef: issuing it now creates it.
    const created = await issue(g(), 'SUP-T1', '700', ref);
    expect(created.result.created).toBe(true);
  });

  it('serves a valid OpenAPI 3 document and the Swagger UI', async () => {
    // Loaded lazily: the integration project shares the unit project's CommonJS transform.
    const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
    const doc = await g().request<Parameters<typeof SwaggerParser.validate>[0]>(null, 'GET', '/docs/json');
    expect(doc.status).toBe(200);
    await expect(SwaggerParser.validate(doc.body)).resolves.toMatchObject({
      openapi: stringMatching(/^3\./),
    });
    const ui = await fetch(`${g().base}/docs`, { redirect: 'follow' });
    expect(ui.status).toBe(200);
  });

  it('exposes Prometheus metrics including Fabric submit latency', async () => {
    // Its own committed Issue, so the submit histogram has an Issue sample whatever ran before.
    await issue(g(), 'SUP-T1', '300');
    const res = await g().request<string>(null, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.body).toMatch(
      /scf_gateway_fabric_submit_duration_seconds_count\{fn="Issue",outcome="committed"\} [1-9]/,
    );
    expect(res.body).toMatch(/scf_gateway_http_requests_total\{/);
  });
});
