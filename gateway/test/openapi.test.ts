import SwaggerParser from '@apidevtools/swagger-parser';
import { at } from './helpers/assertions';
import { startTestApp } from './helpers/harness';
import type { TestApp } from './helpers/harness';

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI 3 document describing every route, with closed request bodies', async () => {
    const doc = (await t.request('GET', '/docs/json')).body;
    expect(at(doc, 'openapi')).toMatch(/^3\./);
    // The served JSON is the app's document, which the parser validates (on a copy: it dereferences in place).
    expect(doc).toEqual(t.app.swagger());
    await expect(SwaggerParser.validate(structuredClone(t.app.swagger()))).resolves.toBeDefined();

    const paths = at(doc, 'paths');
    for (const expected of [
      '/v1/receivables',
      '/v1/receivables/batch',
      '/v1/receivables/claims',
      '/v1/receivables/{id}/confirm',
      '/v1/receivables/{id}/reject',
      '/v1/receivables/{id}/split',
      '/v1/receivables/{id}/transfer',
      '/v1/receivables/{id}/pledges',
      '/v1/pledges/{pledgeId}/accept',
      '/v1/pledges/{pledgeId}/reject',
      '/v1/pledges/{pledgeId}/release',
      '/v1/receivables/{id}/settle',
      '/v1/receivables/{id}/cancel',
      '/v1/receivables/{id}',
      '/v1/receivables/{id}/encumbrance',
      '/v1/receivables/{id}/lineage',
      '/v1/receivables/{id}/history',
      '/v1/conflicts',
      '/v1/parties',
      '/v1/events',
      '/healthz',
      '/readyz',
      '/metrics',
    ]) {
      expect(paths).toHaveProperty([expected]);
    }
    const issue = at(doc, 'paths', '/v1/receivables', 'post');
    const body = at(issue, 'requestBody', 'content', 'application/json', 'schema');
    expect(at(body, 'additionalProperties')).toBe(false);
    expect(at(body, 'properties', 'amount')).toMatchObject({ type: 'string', pattern: '^[1-9][0-9]{0,18}$' });
    expect(at(issue, 'parameters')).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true })]),
    );
    expect(at(doc, 'components', 'securitySchemes', 'bearerAuth')).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
