// The one path every transaction takes: state -> caller -> domain rule -> writes -> event -> canonical reply.
import type { Context } from 'fabric-contract-api';
import { canonicalJson } from '../domain/canonical';
import type { LedgerReader } from '../domain/ledger-reader';
import type { Outcome } from '../domain/outcome';
import type { Caller, TxInfo } from '../domain/types';
import { guarded } from './errors';
import { emitEvent } from './events';
import { assertChannelMember, resolveCaller } from './identity';
import { LedgerState } from './state';
import { txInfo } from './tx-info';

export type WriteRule<V> = (reader: LedgerReader, caller: Caller, tx: TxInfo, request: string) => Promise<Outcome<V>>;

export function submit<V>(ctx: Context, rule: WriteRule<V>, request: string): Promise<string> {
  return guarded(async () => {
    const state = new LedgerState(ctx.stub);
    const caller = await resolveCaller(ctx, state);
    const outcome = await rule(state, caller, txInfo(ctx.stub), request);
    await state.apply(outcome.writes);
    if (outcome.event) emitEvent(ctx.stub, outcome.event);
    return canonicalJson(outcome.reply);
  });
}

/** Reads by an identified company (or auditor). */
export function evaluate<T>(ctx: Context, read: (state: LedgerState, caller: Caller) => Promise<T>): Promise<string> {
  return guarded(async () => {
    const state = new LedgerState(ctx.stub);
    const caller = await resolveCaller(ctx, state);
    return canonicalJson(await read(state, caller));
  });
}

/** Reads open to every channel member. */
export function evaluatePublic<T>(ctx: Context, read: (state: LedgerState) => Promise<T>): Promise<string> {
  return guarded(async () => {
    const state = new LedgerState(ctx.stub);
    await assertChannelMember(ctx, state);
    return canonicalJson(await read(state));
  });
}
