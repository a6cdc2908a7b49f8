// The OpenAPI document, generated from the route schemas, with Swagger UI at /docs and the JSON at /docs/json.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

export async function registerDocs(app: FastifyInstance, options: { ui: boolean }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'SCF ledger gateway',
        version: '1.0.0',
        description:
          'Receivable tokenization for supply-chain finance. Every call acts as the one identity its bearer token names, ' +
          'through that identity’s own organisation peer. Amounts are decimal strings of minor units.',
      },
      servers: [{ url: '/' }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  if (options.ui) {
    // Loaded only when wanted: its static-file dependencies are ESM-only, which Jest's CommonJS runtime cannot load.
    const { default: swaggerUi } = await import('@fastify/swagger-ui');
    await app.register(swaggerUi, { routePrefix: '/docs' });
  } else {
    app.get('/docs/json', { schema: { hide: true } }, () => Promise.resolve(app.swagger()));
  }
}
