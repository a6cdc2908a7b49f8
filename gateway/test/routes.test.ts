import { ROLES, rolesFor } from '@scf/wire';
import { ApiError } from '../src/errors/api-error';
import type { LedgerCall } from '../src/fabric/ledger';
import type { Role } from '../src/types';
import { PLEDGE_ID, RECEIVABLE_ID, description, issueBody } from './helpers/fixtures';
import { anyString, at, defined, stringMatching } from './helpers/assertions';
import { done } from './helpers/fake-ledger';
import type { RecordedCall } from './helpers/fake-ledger';
import { errorOf, startTestApp } from './helpers/harness';
import type { TestApp } from './helpers/harness';

/** The ledger call a route made. */
const callOf = (recorded: RecordedCall | undefined) => defined(defined(recorded, 'a ledger call').call, 'its call');
/** The JSON request a write (or list read) passed to the chaincode as its one argument. */
const requestOf = (recorded: RecordedCall | undefined): unknown =>
  JSON.parse(defined(callOf(recorded).args[0], 'a JSON argument'));

/** The identity of the connection description that has ROLE. */
const identityWithRole = (role: Role): string =>
  defined(
    Object.entries(description.identities).find(([, identity]) => identity.role === role),
    `an identity with role ${role}`,
  )[0];

/** The roles the wire contract's CALLABLE_BY lets make CALL. */
const tableRolesOf = (call: LedgerCall): readonly Role[] =>
  call.contract === 'receivables' ? rolesFor('receivables', call.fn) : rolesFor('parties', call.fn);

const keysOf = (value: unknown): string[] => (typeof value === 'object' && value !== null ? Object.keys(value) : []);

/**
 * What a /v1 route needs to pass its schema, keyed by OpenAPI method and path (none: no entry). Path parameters
 * default to a receivable's or a pledge's id.
 */
const ROUTE_INPUT: Record<string, { url?: string; query?: string; body?: unknown }> = {
  'POST /v1/receivables': { body: issueBody() },
  'POST /v1/receivables/batch': { body: { items: [issueBody()] } },
  'POST /v1/receivables/claims': {
    body: Object.fromEntries([
      ...Object.entries(issueBody()).filter(([field]) => field !== 'creditor'),
      ['debtor', 'CORE-001'],
    ]),
  },
  'POST /v1/receivables/{id}/reject': { body: { reason: 'wrong amount' } },
  'POST /v1/receivables/{id}/split': {
    body: {
      parts: [
        { holder: 'SUP-T2', amount: '300000' },
        { holder: 'SUP-T1', amount: '700000' },
      ],
    },
  },
  'POST /v1/receivables/{id}/transfer': { body: { to: 'SUP-T2' } },
  'POST /v1/receivables/{id}/pledges': { body: { pledgee: 'BANK-B', securedAmount: '500', loanRef: 'L-1' } },
  'POST /v1/receivables/{id}/settle': { body: { paymentRef: 'PAY-1' } },
  'GET /v1/receivables': { query: 'role=holder' },
  'GET /v1/receivables/count': { query: 'role=holder' },
  'GET /v1/parties/{id}': { url: '/v1/parties/SUP-T1' },
};
/** /v1 routes that call no chaincode function, so have no roles of the table. */
const NOT_LEDGER_CALLS = ['GET /v1/events'];

describe('routes over a fake ledger', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.ledger.calls.splice(0);
    t.ledger.submitAnswer = () => done({ ok: true });
    t.ledger.evaluateAnswer = () => JSON.stringify({ ok: true });
  });

  describe('strict schemas', () => {
    it.each([
      ['an unknown top-level field', issueBody({ note: 'hi' })],
      ['an unknown invoice field', issueBody({ invoices: [{ number: '1', code: 'C', amount: '5', extra: true }] })],
      ['an amount as a JSON number', issueBody({ amount: 1000000 })],
      ['an amount with a leading zero', issueBody({ amount: '01000' })],
      ['a negative amount', issueBody({ amount: '-5' })],
      ['a fractional amount', issueBody({ amount: '10.5' })],
      ['a zero amount', issueBody({ amount: '0' })],
      ['an amount of 20 digits', issueBody({ amount: '1'.repeat(20) })],
      ['a lower-case currency', issueBody({ currency: 'cny' })],
      ['a bad date', issueBody({ dueDate: '31/01/2030' })],
      ['no invoices', issueBody({ invoices: [] })],
      ['a missing field', Object.fromEntries(Object.entries(issueBody()).filter(([field]) => field !== 'creditor'))],
    ])('refuses %s with 400 and writes nothing', async (_label, body) => {
      const res = await t.request('POST', '/v1/receivables', { as: 'CORE-001', body });
      expect(res.status).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION');
      expect(t.ledger.calls).toHaveLength(0);
    });

    it('names the unknown field', async () => {
      const res = await t.request('POST', `/v1/receivables/${RECEIVABLE_ID}/transfer`, {
        as: 'SUP-T1',
        body: { to: 'SUP-T2', amount: '5' },
      });
      expect(res.status).toBe(400);
      expect(errorOf(res).details.issues).toEqual([expect.objectContaining({ unknownField: 'amount' })]);
    });

    it('refuses a malformed receivable id in the path, an unknown query parameter and a bad page size', async () => {
      expect((await t.request('GET', '/v1/receivables/not-an-id', { as: 'SUP-T1' })).status).toBe(400);
      expect((await t.request('GET', '/v1/receivables?role=holder&sort=asc', { as: 'SUP-T1' })).status).toBe(400);
      expect((await t.request('GET', '/v1/receivables?role=holder&pageSize=500', { as: 'SUP-T1' })).status).toBe(400);
      expect(t.ledger.calls).toHaveLength(0);
    });

    it('requires an Idempotency-Key on every POST', async () => {
      const res = await t.request('POST', '/v1/receivables', {
        as: 'CORE-001',
        body: issueBody(),
        headers: { 'idempotency-key': '' },
      });
      expect(res.status).toBe(400);
      expect(t.ledger.calls).toHaveLength(0);
    });

    it('refuses invalid JSON, non-JSON bodies and bodies over the limit', async () => {
      expect((await t.request('POST', '/v1/receivables', { as: 'CORE-001', rawBody: '{"externalRef":' })).status).toBe(
        400,
      );
      const text = await t.request('POST', '/v1/receivables', {
        as: 'CORE-001',
        rawBody: 'hello',
        headers: { 'content-type': 'text/plain' },
      });
      expect(text.status).toBe(415);
      const huge = issueBody({ externalRef: 'x'.repeat(70 * 1024) });
      const big = await t.request('POST', '/v1/receivables', { as: 'CORE-001', body: huge });
      expect(big.status).toBe(413);
      expect(errorOf(big).code).toBe('PAYLOAD_TOO_LARGE');
      expect(t.ledger.calls).toHaveLength(0);
    });
  });

  describe('writes', () => {
    it('submits the request as the caller and returns the committed value with its txId', async () => {
      t.ledger.submitAnswer = () => done({ id: RECEIVABLE_ID, created: true });
      const res = await t.request('POST', '/v1/receivables', { as: 'CORE-001', body: issueBody() });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        txId: stringMatching(/^tx/),
        blockNumber: '5',
        result: { id: RECEIVABLE_ID, created: true },
      });
      const [call] = t.ledger.submits();
      expect(call).toMatchObject({ identity: 'CORE-001', call: { contract: 'receivables', fn: 'Issue' } });
      expect(requestOf(call)).toEqual(issueBody());
    });

    it('puts path parameters into the chaincode request', async () => {
      const parts = [
        { holder: 'SUP-T2', amount: '300000' },
        { holder: 'SUP-T1', amount: '700000' },
      ];
      await t.request('POST', `/v1/receivables/${RECEIVABLE_ID}/split`, { as: 'SUP-T1', body: { parts } });
      await t.request('POST', `/v1/pledges/${PLEDGE_ID}/accept`, { as: 'BANK-A' });
      const [split, accept] = t.ledger.submits();
      expect(requestOf(split)).toEqual({ id: RECEIVABLE_ID, parts });
      expect(callOf(accept)).toEqual({
        contract: 'receivables',
        fn: 'AcceptPledge',
        args: [JSON.stringify({ pledgeId: PLEDGE_ID })],
      });
    });

    it('turns a REFUSED reply into 409 carrying the recorded conflict and the txId', async () => {
      const conflict = { id: 'CFL-x', kind: 'DOUBLE_PLEDGE', attemptedBy: 'SUP-T1' };
      t.ledger.submitAnswer = () =>
        JSON.stringify({
          status: 'REFUSED',
          error: { code: 'DOUBLE_PLEDGE', message: 'already pledged', details: { pledgeId: PLEDGE_ID } },
          conflict,
        });
      const res = await t.request('POST', `/v1/receivables/${RECEIVABLE_ID}/pledges`, {
        as: 'SUP-T1',
        body: { pledgee: 'BANK-B', securedAmount: '500', loanRef: 'L-2' },
      });
      expect(res.status).toBe(409);
      expect(errorOf(res)).toEqual({
        code: 'DOUBLE_PLEDGE',
        message: 'already pledged',
        details: { pledgeId: PLEDGE_ID, conflict, txId: anyString(), blockNumber: '5' },
      });
    });

    it.each([
      [new ApiError('FORBIDDEN', 'not the holder'), 403, undefined],
      [new ApiError('NOT_FOUND', 'no such receivable'), 404, undefined],
      [new ApiError('NOT_DUE', 'not due'), 409, undefined],
      [new ApiError('LEDGER_UNAVAILABLE', 'down', {}, { 'retry-after': '5' }), 503, '5'],
      [new ApiError('COMMIT_PENDING', 'pending', { txId: 'tx-p' }), 202, undefined],
    ])('maps a ledger %p to HTTP %p', async (error, status, retryAfter) => {
      t.ledger.submitAnswer = () => {
        throw error;
      };
      const res = await t.request('POST', `/v1/receivables/${RECEIVABLE_ID}/settle`, {
        as: 'CORE-001',
        body: { paymentRef: 'PAY-1' },
      });
      expect(res.status).toBe(status);
      expect(errorOf(res).code).toBe(error.code);
      expect(res.headers.get('retry-after') ?? undefined).toBe(retryAfter);
    });

    it('replays the first response for the same key and body, and refuses the key for another body', async () => {
      t.ledger.submitAnswer = () => done({ id: RECEIVABLE_ID });
      const first = await t.request('POST', '/v1/receivables', { as: 'CORE-001', body: issueBody(), key: 'same-key' });
      const again = await t.request('POST', '/v1/receivables', { as: 'CORE-001', body: issueBody(), key: 'same-key' });
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBe('false');
      expect(t.ledger.submits()).toHaveLength(1);

      const other = await t.request('POST', '/v1/receivables', {
        as: 'CORE-001',
        body: issueBody({ externalRef: 'PO-2' }),
        key: 'same-key',
      });
      expect(other.status).toBe(422);
      expect(errorOf(other).code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(t.ledger.submits()).toHaveLength(1);
    });

    it('answers 409 REQUEST_IN_PROGRESS while the first request with a key is still running', async () => {
      let release!: () => void;
      t.ledger.gate = new Promise((resolve) => (release = resolve));
      const first = t.request('POST', '/v1/receivables', { as: 'CORE-001', body: issueBody(), key: 'slow' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = await t.request('POST', '/v1/receivables', { as: 'CORE-001', body: issueBody(), key: 'slow' });
      expect(second.status).toBe(409);
      expect(errorOf(second).code).toBe('REQUEST_IN_PROGRESS');
      release();
      expect((await first).status).toBe(200);
      t.ledger.gate = Promise.resolve();
      expect(t.ledger.submits()).toHaveLength(1);
    });

    it('scopes keys by caller: the same key from two callers is two requests', async () => {
      const body = { reason: 'wrong amount' };
      await t.request('POST', `/v1/receivables/${RECEIVABLE_ID}/reject`, { as: 'CORE-001', body, key: 'shared' });
      const other = await t.request('POST', `/v1/receivables/${RECEIVABLE_ID}/transfer`, {
        as: 'SUP-T1',
        body: { to: 'SUP-T2' },
        key: 'shared',
      });
      expect(other.status).toBe(200);
      expect(t.ledger.submits().map((c) => c.identity)).toEqual(['CORE-001', 'SUP-T1']);
    });
  });

  describe('roles from the wire contract', () => {
    it.each([
      ['transfer', 'Transfer', { to: 'SUP-T2' }],
      ['pledges', 'Pledge', { pledgee: 'BANK-B', securedAmount: '500', loanRef: 'L-9' }],
    ] as const)('lets a bank holding a receivable POST /v1/receivables/:id/%s as itself', async (action, fn, body) => {
      const res = await t.request('POST', `/v1/receivables/${RECEIVABLE_ID}/${action}`, { as: 'BANK-A', body });
      expect(res.status).toBe(200);
      expect(t.ledger.calls).toEqual([
        {
          kind: 'submit',
          identity: 'BANK-A',
          call: { contract: 'receivables', fn, args: [JSON.stringify({ id: RECEIVABLE_ID, ...body })] },
        },
      ]);
    });

    it("lets exactly the roles CALLABLE_BY names for a route's chaincode function reach the ledger; 403 for others", async () => {
      // Every read schema is satisfied by this one answer (lists, counts, records).
      t.ledger.evaluateAnswer = () => JSON.stringify({ count: 0, items: [], bookmark: '' });
      const paths = at((await t.request('GET', '/docs/json')).body, 'paths');
      const routes = keysOf(paths)
        .filter((template) => template.startsWith('/v1/'))
        .flatMap((template) =>
          keysOf(at(paths, template)).map((method) => ({
            method: method.toUpperCase(),
            template,
            route: `${method.toUpperCase()} ${template}`,
          })),
        )
        .filter(({ route }) => !NOT_LEDGER_CALLS.includes(route));
      expect(routes.map(({ route }) => route)).toEqual(expect.arrayContaining(Object.keys(ROUTE_INPUT)));

      // Each route called once as each role: which roles reach the ledger, and with which function, is observed; the
      // expectation is what the table says for that function. A route's own role list shows up in its 403s.
      const observed: Record<string, unknown> = {};
      const expected: Record<string, unknown> = {};
      for (const { method, template, route } of routes) {
        const input = ROUTE_INPUT[route] ?? {};
        const url = input.url ?? template.replace('{id}', RECEIVABLE_ID).replace('{pledgeId}', PLEDGE_ID);
        const reached: Role[] = [];
        const refused: Role[] = [];
        const unexpected: string[] = [];
        const calls = new Map<string, LedgerCall>();
        const allowedRoles = new Set<string>();
        for (const role of ROLES) {
          t.ledger.calls.splice(0);
          const identity = identityWithRole(role);
          const res = await t.request(method, input.query ? `${url}?${input.query}` : url, {
            as: identity,
            body: input.body,
          });
          const [recorded, ...more] = t.ledger.calls;
          if (res.status === 200 && recorded?.call && recorded.identity === identity && more.length === 0) {
            reached.push(role);
            calls.set(`${recorded.call.contract}.${recorded.call.fn}`, recorded.call);
          } else if (res.status === 403 && errorOf(res).code === 'FORBIDDEN' && !recorded) {
            refused.push(role);
            allowedRoles.add(JSON.stringify(errorOf(res).details.allowedRoles));
          } else {
            unexpected.push(`${role}: HTTP ${res.status}, ${t.ledger.calls.length} ledger calls`);
          }
        }
        const [[name, call] = ['(no call reached the ledger)', undefined]] = calls;
        const table = call ? tableRolesOf(call) : [];
        observed[route] = { calls: [...calls.keys()], reached, refused, allowedRoles: [...allowedRoles], unexpected };
        expected[route] = {
          calls: [name],
          reached: ROLES.filter((role) => table.includes(role)),
          refused: ROLES.filter((role) => !table.includes(role)),
          allowedRoles: table.length === ROLES.length ? [] : [JSON.stringify(table)],
          unexpected: [],
        };
      }
      expect(observed).toEqual(expected);
    });
  });

  describe('reads', () => {
    it('passes list filters to the chaincode and returns a cursor page', async () => {
      t.ledger.evaluateAnswer = () => JSON.stringify({ items: [{ id: RECEIVABLE_ID }], bookmark: 'next' });
      const res = await t.request('GET', '/v1/receivables?role=holder&status=CONFIRMED&pageSize=10&cursor=abc', {
        as: 'SUP-T1',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [{ id: RECEIVABLE_ID }], nextCursor: 'next' });
      expect(callOf(t.ledger.calls[0])).toEqual({
        contract: 'receivables',
        fn: 'ListReceivables',
        args: [JSON.stringify({ role: 'holder', status: 'CONFIRMED', pageSize: 10, bookmark: 'abc' })],
      });
    });

    it("counts the caller's receivables through the chaincode, and refuses paging or unknown fields on a count", async () => {
      t.ledger.evaluateAnswer = () => JSON.stringify({ count: 1003 });
      const res = await t.request('GET', '/v1/receivables/count?role=debtor&status=CONFIRMED', { as: 'CORE-001' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ count: 1003 });
      expect(callOf(t.ledger.calls[0])).toEqual({
        contract: 'receivables',
        fn: 'CountReceivables',
        args: [JSON.stringify({ role: 'debtor', status: 'CONFIRMED' })],
      });
      expect((await t.request('GET', '/v1/receivables/count?role=debtor&pageSize=10', { as: 'CORE-001' })).status).toBe(
        400,
      );
      expect((await t.request('GET', '/v1/receivables/count', { as: 'CORE-001' })).status).toBe(400);
      expect(t.ledger.calls).toHaveLength(1);
    });

    it('returns the chaincode JSON of a receivable unchanged, and maps read errors', async () => {
      const receivable = { id: RECEIVABLE_ID, amount: '1000000', encumbrance: null, parentId: null };
      t.ledger.evaluateAnswer = () => JSON.stringify(receivable);
      const res = await t.request('GET', `/v1/receivables/${RECEIVABLE_ID}/lineage`, { as: 'AUDIT-01' });
      expect(res.body).toEqual(receivable);
      expect(callOf(t.ledger.calls[0])).toEqual({ contract: 'receivables', fn: 'GetLineage', args: [RECEIVABLE_ID] });

      t.ledger.evaluateAnswer = () => {
        throw new ApiError('FORBIDDEN', 'not a reader');
      };
      expect((await t.request('GET', `/v1/receivables/${RECEIVABLE_ID}`, { as: 'BANK-B' })).status).toBe(403);
    });
  });

  describe('operations', () => {
    it('serves liveness, readiness, metrics and request ids', async () => {
      expect((await t.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
      const ready = await t.request('GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ ready: false, peers: { core: true, supplier: false }, ordering: 'unknown' });
      const echoed = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
      expect(echoed.headers.get('x-request-id')).toBe('abc-123');
      const metrics = await t.request('GET', '/metrics');
      expect(metrics.body).toMatch(
        /scf_gateway_http_requests_total\{method="GET",route="\/healthz",status_class="2xx"\} \d+/,
      );
    });

    it('answers unknown routes with 404 in the error shape', async () => {
      const res = await t.request('GET', '/v1/nothing', { as: 'SUP-T1' });
      expect(res.status).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
    });
  });
});

describe('rate limiting', () => {
  it('limits each caller separately', async () => {
    const t = await startTestApp({ rateLimitPerMinute: 2 });
    try {
      for (let i = 0; i < 2; i += 1) expect((await t.request('GET', '/v1/parties', { as: 'SUP-T1' })).status).toBe(200);
      const limited = await t.request('GET', '/v1/parties', { as: 'SUP-T1' });
      expect(limited.status).toBe(429);
      expect(errorOf(limited).code).toBe('RATE_LIMITED');
      expect((await t.request('GET', '/v1/parties', { as: 'SUP-T2' })).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
