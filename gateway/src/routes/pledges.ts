// Pledges: the holder offers a receivable as security to a bank, which accepts, rejects or (once repaid) releases it.
// A second pledge of an encumbered receivable is refused AND recorded by the chaincode: 409 with the conflict.
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { RouteContext } from './context';
import { callableBy, jsonCall, readLedger, receivableWrite, sendWrite } from './context';
import {
  EmptyBody,
  PartyId,
  PledgeParams,
  PositiveAmount,
  ReceivableParams,
  Reference,
  Strict,
  readSchema,
  writeSchema,
} from './schemas';

const tags = ['pledges'];

const DECISIONS = [
  ['accept', 'AcceptPledge', 'Accept a pending pledge (pledgee bank)'],
  ['reject', 'RejectPledge', 'Reject a pending pledge; the lock is removed (pledgee bank)'],
  ['release', 'ReleasePledge', 'Release an active pledge; the lock is removed (pledgee bank)'],
] as const;

export const pledgeRoutes =
  (ctx: RouteContext): FastifyPluginCallbackTypebox =>
  (app, _options, done) => {
    app.post(
      '/receivables/:id/pledges',
      {
        config: callableBy('receivables', 'Pledge'),
        schema: writeSchema({
          tags,
          summary: 'Pledge a receivable to a bank (holder); refused with 409 DOUBLE_PLEDGE if already encumbered',
          params: ReceivableParams,
          body: Strict({ pledgee: PartyId, securedAmount: PositiveAmount, loanRef: Reference }),
        }),
      },
      receivableWrite(ctx, 'Pledge'),
    );

    for (const [action, fn, summary] of DECISIONS) {
      app.post(
        `/pledges/:pledgeId/${action}`,
        {
          config: callableBy('receivables', fn),
          schema: writeSchema({ tags, summary, params: PledgeParams, body: EmptyBody }),
        },
        (request, reply) =>
          sendWrite(ctx, request, reply, jsonCall('receivables', fn, { pledgeId: request.params.pledgeId })),
      );
    }

    app.get(
      '/pledges/:pledgeId',
      {
        config: callableBy('receivables', 'GetPledge'),
        schema: readSchema({ tags, summary: 'A pledge (pledgor, pledgee, auditors)', params: PledgeParams }),
      },
      (request) =>
        readLedger(ctx, request, { contract: 'receivables', fn: 'GetPledge', args: [request.params.pledgeId] }),
    );
    done();
  };
