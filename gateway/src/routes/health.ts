// Liveness (the process answers) and readiness (every org's peer is reachable); both public.
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ledger } from '../fabric/ledger';

const Readiness = Type.Object({ ready: Type.Boolean(), peers: Type.Record(Type.String(), Type.Boolean()) });

export const healthRoutes =
  (ledger: Ledger): FastifyPluginCallbackTypebox =>
  (app, _options, done) => {
    app.get(
      '/healthz',
      {
        schema: {
          tags: ['operations'],
          summary: 'The process is up',
          response: { 200: Type.Object({ status: Type.Literal('ok') }) },
        },
      },
      () => Promise.resolve({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        schema: {
          tags: ['operations'],
          summary: 'Every org peer is reachable',
          response: { 200: Readiness, 503: Readiness },
        },
      },
      async (_request, reply) => {
        const peers = await ledger.readiness();
        const ready = Object.values(peers).every(Boolean);
        return reply.code(ready ? 200 : 503).send({ ready, peers });
      },
    );
    done();
  };
