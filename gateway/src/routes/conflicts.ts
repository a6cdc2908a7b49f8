// Recorded conflicts (double pledges, duplicate invoices): auditors see all, others those against their own claims.
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { RouteContext } from './context';
import { callableBy, jsonCall, pageRequest, readLedger, toPage } from './context';
import { PageQuery, Strict, readSchema } from './schemas';

export const conflictRoutes =
  (ctx: RouteContext): FastifyPluginCallbackTypebox =>
  (app, _options, done) => {
    app.get(
      '/conflicts',
      {
        config: callableBy('receivables', 'ListConflicts'),
        schema: readSchema({
          tags: ['conflicts'],
          summary: 'Recorded conflicts visible to the caller (auditors: all)',
          querystring: Strict(PageQuery),
        }),
      },
      async (request) => {
        const call = jsonCall('receivables', 'ListConflicts', pageRequest(request.query));
        return toPage(await readLedger(ctx, request, call));
      },
    );
    done();
  };
