// Thin adapter for the baseline probe: exactly one putState or one getState besides reading the certificate.
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { baselineKey, baselineWrite, requireOperator } from '../domain/baseline';
import { canonicalJson } from '../domain/canonical';
import { guarded } from './errors';
import { resolveCaller } from './identity';
import { OBJECT } from './keys';
import { LedgerState } from './state';

@Info({
  title: 'Baseline',
  description: 'One-read and one-write probes that measure the network without business rules',
})
export class BaselineContract extends Contract {
  constructor() {
    super('baseline');
  }

  @Transaction()
  @Returns('string')
  async Put(ctx: Context, key: string, value: string): Promise<string> {
    return guarded(async () => {
      const state = new LedgerState(ctx.stub);
      const write = baselineWrite(await resolveCaller(ctx, state), key, value);
      await ctx.stub.putState(state.key(OBJECT.baseline, write.key), Buffer.from(write.value, 'utf8'));
      return canonicalJson({ key: write.key });
    });
  }

  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, key: string): Promise<string> {
    return guarded(async () => {
      const state = new LedgerState(ctx.stub);
      requireOperator(await resolveCaller(ctx, state));
      const checked = baselineKey(key);
      const bytes = await ctx.stub.getState(state.key(OBJECT.baseline, checked));
      return canonicalJson({ key: checked, value: bytes.length > 0 ? Buffer.from(bytes).toString('utf8') : null });
    });
  }
}
