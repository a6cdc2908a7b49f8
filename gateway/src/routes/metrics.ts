// Prometheus text exposition of the gateway's metrics; public like /healthz, bound to 127.0.0.1 like everything.
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { Metrics } from '../metrics';

export const metricsRoutes =
  (metrics: Metrics): FastifyPluginCallbackTypebox =>
  (app, _options, done) => {
    app.get(
      '/metrics',
      { schema: { tags: ['operations'], summary: 'Prometheus metrics', response: { 200: { type: 'string' } } } },
      async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
    done();
  };
