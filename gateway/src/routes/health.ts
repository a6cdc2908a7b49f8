// Liveness (the process answers) and readiness (every org's peer is reachable and writes are being ordered);
// both public.
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ledger } from '../fabric/ledger';

const Readiness = Type.Object({
  ready: Type.Boolean(),
  peers: Type.Record(Type.String(), Type.Boolean()),
  ordering: Type.Union([Type.Literal('ok'), Type.Literal('failing'), Type.Literal('unknown')], {
    description: 'failing: the latest write handed to the orderers was not seen to commit (no Raft leader?)',
  }),
});

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
          summary: 'Every org peer is reachable and the orderers are ordering',
          response: { 200: Readiness, 503: Readiness },
        },
      },
      async (_request, reply) => {
        const { peers, ordering } = await ledger.readiness();
        const ready = Object.values(peers).every(Boolean) && ordering !== 'failing';
        return reply.code(ready ? 200 : 503).send({ ready, peers, ordering });
      },
    );
    done();
  };
