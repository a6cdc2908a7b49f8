// How the figures move with the orderer's block cutting: each setting is applied to the live channel by
// `network.sh block-cutting`, measured, and the channel's own setting is restored afterwards, also on failure.
import { execFileSync } from 'node:child_process';
import { baselinePut } from './baseline';
import { closedLoop } from './closed-loop';
import type { BenchContext } from './context';
import { measurement, type Measurement } from './measurement';
import { issueDirect } from './operations';

export interface BlockCutting {
  timeout: string;
  maxMessages: number;
}

/** Runs `network.sh block-cutting [TIMEOUT MAX]`; it prints `BatchTimeout=.. MaxMessageCount=.. ...`. */
export function blockCutting(script: string, change?: BlockCutting): BlockCutting {
  const args = change ? ['block-cutting', change.timeout, String(change.maxMessages)] : ['block-cutting'];
  const out = execFileSync(script, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const match = /BatchTimeout=(\S+) MaxMessageCount=(\d+)/.exec(out);
  if (!match) throw new Error(`unexpected output of network.sh block-cutting: ${out}`);
  return { timeout: match[1] as string, maxMessages: Number(match[2]) };
}

export async function runBlockCutting(
  ctx: BenchContext,
): Promise<{ channelSetting: BlockCutting; measurements: Measurement[] }> {
  const channelSetting = blockCutting(ctx.networkScript);
  const measurements: Measurement[] = [];
  const { puts, issue } = ctx.profile.blockCuttingLoads;
  try {
    for (const setting of [channelSetting, ...ctx.profile.blockCutting]) {
      const applied = setting === channelSetting ? setting : blockCutting(ctx.networkScript, setting);
      const labels = { batchTimeout: applied.timeout, maxMessageCount: applied.maxMessages };
      ctx.log(`block cutting: BatchTimeout=${applied.timeout} MaxMessageCount=${applied.maxMessages}`);
      for (const load of puts) measurements.push(await baselinePut(ctx, load.count, load.concurrency, labels));
      const run = await closedLoop(issue.count, issue.concurrency, issueDirect(ctx.ledger, ctx.workload));
      measurements.push(
        measurement({ operation: 'issue', path: 'direct', concurrency: issue.concurrency, labels }, run),
      );
    }
  } finally {
    blockCutting(ctx.networkScript, channelSetting);
  }
  return { channelSetting, measurements };
}
