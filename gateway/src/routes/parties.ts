// The registry of companies on the channel (any member may read it).
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { RouteContext } from './context';
import { callableBy, readLedger } from './context';
import { PartyId, Strict, readSchema } from './schemas';

const tags = ['parties'];

export const partyRoutes =
  (ctx: RouteContext): FastifyPluginCallbackTypebox =>
  (app, _options, done) => {
    app.get(
      '/parties',
      { config: callableBy('parties', 'ListParties'), schema: readSchema({ tags, summary: 'Every registered party' }) },
      (request) => readLedger(ctx, request, { contract: 'parties', fn: 'ListParties', args: [] }),
    );
    app.get(
      '/parties/:id',
      {
        config: callableBy('parties', 'GetParty'),
        schema: readSchema({ tags, summary: 'One registered party', params: Strict({ id: PartyId }) }),
      },
      (request) => readLedger(ctx, request, { contract: 'parties', fn: 'GetParty', args: [request.params.id] }),
    );
    done();
  };
