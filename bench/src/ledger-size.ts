// How latency moves as the ledger fills: the ledger is topped up to each size with batch issues, then the same
// small load of issue, pledge and encumbrance reads runs again.
import { closedLoop } from './closed-loop';
import type { BenchContext } from './context';
import { measurement, type Measurement } from './measurement';
import { issueDirect } from './operations';
import { countReceivables, issueMany } from './setup';
import { ACTORS } from './workload';

export async function runLedgerSizes(ctx: BenchContext): Promise<Measurement[]> {
  const { count, concurrency } = ctx.profile.scalingLoad;
  const measurements: Measurement[] = [];
  if (ctx.profile.ledgerSizes.length === 0) return measurements;
  let size = await countReceivables(ctx.ledger);
  ctx.log(`ledger size: ${size} receivables on the ledger at the start`);
  for (const target of ctx.profile.ledgerSizes) {
    if (size < target) {
      ctx.log(`ledger size: issuing ${target - size} receivables to reach ${target}`);
      const started = Date.now();
      size += (await issueMany(ctx.ledger, ctx.workload, target - size, 4, ACTORS.nextTier)).length;
      ctx.log(`ledger size: reached ${size} in ${Math.round((Date.now() - started) / 1000)}s`);
    }
    const pool = await issueMany(ctx.ledger, ctx.workload, count);
    size += pool.length;
    const labels = { ledgerSize: size };
    const { ledger, workload } = ctx;
    const issue = await closedLoop(count, concurrency, issueDirect(ledger, workload));
    const pledge = await closedLoop(count, concurrency, async (i) => {
      await ledger.submit(
        ACTORS.holder,
        'receivables',
        'Pledge',
        JSON.stringify({ id: pool[i], ...workload.pledge() }),
      );
    });
    const encumbrance = await closedLoop(count * 5, concurrency, async (i) => {
      await ledger.evaluate(ACTORS.bank, 'receivables', 'GetEncumbrance', pool[i % count] as string);
    });
    size += count;
    measurements.push(
      measurement({ operation: 'issue', path: 'direct', concurrency, labels }, issue),
      measurement({ operation: 'pledge', path: 'direct', concurrency, labels }, pledge),
      measurement({ operation: 'encumbrance', path: 'direct', concurrency, labels }, encumbrance),
    );
  }
  return measurements;
}
