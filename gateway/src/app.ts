// Builds the HTTP API from its dependencies (ledger, stores, event logs, secret), so tests can inject fakes.
// Order of a request: request id -> auth (/v1) -> rate limit -> schema -> route -> ledger.
import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import sensible from '@fastify/sensible';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { registerAuthentication } from './auth/authenticate';
import type { EventLogs } from './events/event-hub';
import type { ConnectionDescription } from './fabric/connection-description';
import type { Ledger } from './fabric/ledger';
import { ApiError } from './errors/api-error';
import { registerDocs } from './http/docs';
import { installErrorHandling } from './http/error-handler';
import type { IdempotencyFileStore } from './idempotency/file-store';
import { IdempotentWriter } from './idempotency/idempotent-writer';
import type { Metrics } from './metrics';
import { statusClass } from './metrics';
import { conflictRoutes } from './routes/conflicts';
import type { RouteContext } from './routes/context';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { metricsRoutes } from './routes/metrics';
import { originationRoutes } from './routes/origination';
import { partyRoutes } from './routes/parties';
import { pledgeRoutes } from './routes/pledges';
import { receivableQueryRoutes } from './routes/receivable-queries';
import { settlementRoutes } from './routes/settlement';
import { tradingRoutes } from './routes/trading';

export interface AppDependencies {
  description: ConnectionDescription;
  ledger: Ledger;
  idempotency: IdempotencyFileStore;
  events: EventLogs;
  jwtSecret: Buffer;
  metrics: Metrics;
  logger: FastifyBaseLogger;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  /** Swagger UI at /docs (the JSON document is served either way). */
  docsUi: boolean;
  sseHeartbeatMs?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.bodyLimitBytes,
    // Keep the caller's request id when it is sane, so logs correlate across systems.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Unknown fields must be refused, not silently dropped, and strings never become numbers (or back).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandling(app);
  app.decorateRequest('caller', null);
  app.removeContentTypeParser('text/plain');
  // A POST without a body is read as `{}`, so field-less actions (confirm, accept, ...) need no body and a missing
  // body elsewhere is a schema error naming the missing fields.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.method === 'POST' && request.body === undefined) request.body = {};
    done();
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_class: statusClass(reply.statusCode),
    };
    deps.metrics.httpRequests.inc(labels);
    deps.metrics.httpSeconds.observe(labels, reply.elapsedTime / 1000);
  });

  await app.register(sensible);
  await app.register(helmet);
  await app.register(rateLimit, {
    max: deps.rateLimitPerMinute,
    timeWindow: '1 minute',
    // After authentication, so the budget is the caller's, not a shared proxy address's.
    hook: 'preHandler',
    keyGenerator: (request) => request.caller?.identity ?? request.ip,
    errorResponseBuilder: () => new ApiError('RATE_LIMITED', 'too many requests, slow down'),
  });
  await registerDocs(app, { ui: deps.docsUi });

  const ctx: RouteContext = { ledger: deps.ledger, writer: new IdempotentWriter(deps.idempotency, deps.ledger) };
  await app.register(healthRoutes(deps.ledger));
  await app.register(metricsRoutes(deps.metrics));
  await app.register(
    async (v1) => {
      await registerAuthentication(v1, { secret: deps.jwtSecret, description: deps.description });
      for (const routes of [
        originationRoutes,
        tradingRoutes,
        pledgeRoutes,
        settlementRoutes,
        receivableQueryRoutes,
        conflictRoutes,
        partyRoutes,
      ]) {
        await v1.register(routes(ctx));
      }
      await v1.register(
        eventRoutes({ logs: deps.events, description: deps.description, heartbeatMs: deps.sseHeartbeatMs }),
      );
    },
    { prefix: '/v1' },
  );
  return app;
}
