// How receivables come to exist: the debtor's ERP issues them (one or a batch), or a supplier claims one and the
// debtor confirms or rejects it; the debtor may cancel an untouched one.
import { MAX_BATCH_ITEMS, MAX_REASON_LENGTH } from '@scf/wire';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { RouteContext } from './context';
import { callableBy, jsonCall, receivableWrite, sendWrite } from './context';
import { ClaimBody, EmptyBody, IssueBody, ReceivableParams, Strict, writeSchema } from './schemas';

const tags = ['origination'];

export const originationRoutes =
  (ctx: RouteContext): FastifyPluginCallbackTypebox =>
  (app, _options, done) => {
    app.post(
      '/receivables',
      {
        config: callableBy('receivables', 'Issue'),
        schema: writeSchema({ tags, summary: 'Issue a receivable (debtor ERP)', body: IssueBody }),
      },
      (request, reply) => sendWrite(ctx, request, reply, jsonCall('receivables', 'Issue', request.body)),
    );

    app.post(
      '/receivables/batch',
      {
        config: callableBy('receivables', 'IssueBatch'),
        schema: writeSchema({
          tags,
          summary: 'Issue many receivables in one transaction, all or nothing (debtor ERP)',
          body: Strict({ items: Type.Array(IssueBody, { minItems: 1, maxItems: MAX_BATCH_ITEMS }) }),
        }),
      },
      (request, reply) => sendWrite(ctx, request, reply, jsonCall('receivables', 'IssueBatch', request.body)),
    );

    app.post(
      '/receivables/claims',
      {
        config: callableBy('receivables', 'Claim'),
        schema: writeSchema({ tags, summary: 'Claim a receivable (supplier)', body: ClaimBody }),
      },
      (request, reply) => sendWrite(ctx, request, reply, jsonCall('receivables', 'Claim', request.body)),
    );

    app.post(
      '/receivables/:id/confirm',
      {
        config: callableBy('receivables', 'Confirm'),
        schema: writeSchema({
          tags,
          summary: 'Confirm a claimed receivable (debtor)',
          params: ReceivableParams,
          body: EmptyBody,
        }),
      },
      receivableWrite(ctx, 'Confirm'),
    );

    app.post(
      '/receivables/:id/reject',
      {
        config: callableBy('receivables', 'Reject'),
        schema: writeSchema({
          tags,
          summary: 'Reject a claimed receivable (debtor)',
          params: ReceivableParams,
          body: Strict({ reason: Type.String({ minLength: 1, maxLength: MAX_REASON_LENGTH }) }),
        }),
      },
      receivableWrite(ctx, 'Reject'),
    );

    app.post(
      '/receivables/:id/cancel',
      {
        config: callableBy('receivables', 'Cancel'),
        schema: writeSchema({
          tags,
          summary: 'Cancel an issued receivable never split, transferred or pledged (debtor)',
          params: ReceivableParams,
          body: EmptyBody,
        }),
      },
      receivableWrite(ctx, 'Cancel'),
    );
    done();
  };
