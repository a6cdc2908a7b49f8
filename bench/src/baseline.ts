// Phase 1, the network's own limit: one putState per transaction and one getState per query, at rising concurrency.
import { closedLoop } from './closed-loop';
import type { BenchContext, PhaseResult } from './context';
import { measurement, type Measurement } from './measurement';
import { ResourceSampler } from './resources';
import { ACTORS } from './workload';

const VALUE = 'x'.repeat(100);

export async function baselinePut(
  ctx: BenchContext,
  count: number,
  concurrency: number,
  labels?: Record<string, string | number>,
): Promise<Measurement> {
  const prefix = `${ctx.workload.runId}-c${concurrency}-${labels ? Object.values(labels).join('-') : 'base'}`;
  const run = await closedLoop(count, concurrency, async (i) => {
    await ctx.ledger.submit(ACTORS.operator, 'baseline', 'Put', `${prefix}-${i}`, VALUE);
  });
  return measurement({ operation: 'put', path: 'baseline', concurrency, ...(labels ? { labels } : {}) }, run);
}

export async function runBaseline(ctx: BenchContext): Promise<PhaseResult> {
  const sampler = new ResourceSampler(ctx.runDir);
  const measurements: Measurement[] = [];
  for (const level of ctx.profile.baseline) {
    ctx.log(`baseline: ${level.puts} puts and ${level.gets} gets at concurrency ${level.concurrency}`);
    measurements.push(await baselinePut(ctx, level.puts, level.concurrency));
    const key = (i: number) => `${ctx.workload.runId}-c${level.concurrency}-base-${i % level.puts}`;
    const run = await closedLoop(level.gets, level.concurrency, async (i) => {
      const { value } = await ctx.ledger.evaluate<{ value: string | null }>(ACTORS.operator, 'baseline', 'Get', key(i));
      if (value !== VALUE) throw new Error(`read ${String(value)} for ${key(i)}`);
    });
    measurements.push(measurement({ operation: 'get', path: 'baseline', concurrency: level.concurrency }, run));
  }
  return { measurements, resources: sampler.stop() };
}
