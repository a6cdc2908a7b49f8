import { createSigner } from 'fast-jwt';
import { TOKEN_ISSUER, callerFromClaims, claimsFor } from '../src/auth/tokens';
import { description, issueBody } from './helpers/fixtures';
import { anyString } from './helpers/assertions';
import { SECRET, errorOf, startTestApp, tokenFor } from './helpers/harness';
import type { TestApp } from './helpers/harness';

describe('authentication and identity binding', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.ledger.calls.splice(0);
  });

  const sign = (claims: Record<string, unknown>, secret = SECRET) =>
    createSigner({ key: secret, algorithm: 'HS256', iss: TOKEN_ISSUER, expiresIn: 60_000 })(claims);

  it('refuses a request without a token with 401 in the error shape', async () => {
    const res = await t.request('GET', '/v1/parties');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: anyString(), details: {} } });
    expect(t.ledger.calls).toHaveLength(0);
  });

  it.each([
    ['garbage', 'not-a-jwt'],
    ['another secret', sign(claimsFor(description, 'SUP-T1') as never, Buffer.alloc(32, 9))],
    [
      'an unknown identity',
      sign({ sub: 'SUP-T9', org: 'supplier', mspId: 'SupplierMSP', party: 'SUP-T9', role: 'treasury' }),
    ],
    [
      'an expired token',
      createSigner({ key: SECRET, algorithm: 'HS256', iss: TOKEN_ISSUER, expiresIn: 1 })(
        claimsFor(description, 'SUP-T1') as never,
      ),
    ],
    [
      'another issuer',
      createSigner({ key: SECRET, algorithm: 'HS256', iss: 'someone-else' })(claimsFor(description, 'SUP-T1') as never),
    ],
  ])('refuses %s with 401', async (_label, token) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const res = await t.request('GET', '/v1/parties', { token });
    expect(res.status).toBe(401);
    expect(t.ledger.calls).toHaveLength(0);
  });

  it("never lets a token of one org act through another org's identity", async () => {
    // Claims naming BANK-A but carrying the supplier org: signed correctly, yet not an identity of the description.
    const forged = sign({ ...claimsFor(description, 'BANK-A'), org: 'supplier', mspId: 'SupplierMSP' });
    expect((await t.request('GET', '/v1/parties', { token: forged })).status).toBe(401);
    expect(callerFromClaims(description, { ...claimsFor(description, 'BANK-A'), org: 'supplier' })).toBeUndefined();

    const res = await t.request('GET', '/v1/parties', { as: 'SUP-T1', headers: { 'x-scf-identity': 'BANK-A' } });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    expect(t.ledger.calls).toHaveLength(0);
  });

  it('acts exactly as the identity the token names', async () => {
    const res = await t.request('GET', '/v1/parties', { as: 'BANK-A', headers: { 'x-scf-identity': 'BANK-A' } });
    expect(res.status).toBe(200);
    expect(t.ledger.calls).toEqual([
      { kind: 'evaluate', identity: 'BANK-A', call: { contract: 'parties', fn: 'ListParties', args: [] } },
    ]);
  });

  it("refuses a role that may not call a route with 403 before anything is endorsed (supplier calling the ERP's issue)", async () => {
    const res = await t.request('POST', '/v1/receivables', { as: 'SUP-T1', body: issueBody() });
    expect(res.status).toBe(403);
    expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN', details: { identity: 'SUP-T1', allowedRoles: ['erp'] } });
    expect(t.ledger.calls).toHaveLength(0);
  });

  it('issues tokens whose claims resolve back to the same caller', () => {
    for (const [name, identity] of Object.entries(description.identities)) {
      const caller = callerFromClaims(description, claimsFor(description, name));
      expect(caller).toMatchObject({ identity: name, org: identity.org });
    }
    expect(tokenFor('SUP-T1').split('.')).toHaveLength(3);
  });
});
