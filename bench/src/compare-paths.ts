// Phases 2 and 3: each receivable operation driven directly with fabric-gateway, then through the REST gateway
// over HTTP with the same requests, load and company, back to back so the two see the same network.
import { closedLoop } from './closed-loop';
import type { BenchContext } from './context';
import { httpLoad } from './http';
import { measurement, type Measurement, type Path } from './measurement';
import { operationPlans, type OperationPlan, type Pools } from './operations';
import { ResourceSampler } from './resources';
import { issueMany, lineageTree } from './setup';

async function preparePools(ctx: BenchContext): Promise<Pools> {
  const { split, pledge } = ctx.profile.operations;
  const ids = await issueMany(ctx.ledger, ctx.workload, split.count + pledge.count);
  return { split: ids.slice(0, split.count), pledge: ids.slice(split.count) };
}

async function measure(
  ctx: BenchContext,
  plan: OperationPlan,
  path: Extract<Path, 'direct' | 'http'>,
): Promise<Measurement> {
  const { count, concurrency } = plan.load;
  ctx.log(`${path}: ${plan.name} x${count} at concurrency ${concurrency} as ${plan.actor}`);
  const sampler = new ResourceSampler(ctx.runDir);
  const token = ctx.tokens[plan.actor];
  if (!token) throw new Error(`no API token for ${plan.actor}`);
  const run =
    path === 'direct'
      ? await closedLoop(count, concurrency, plan.direct)
      : await httpLoad(
          { url: ctx.gatewayUrl, token, keyPrefix: `${ctx.workload.runId}-${plan.name}` },
          count,
          concurrency,
          plan.http,
        );
  const resources = sampler.stop();
  return { ...measurement({ operation: plan.name, path, concurrency, itemsPerOp: plan.itemsPerOp }, run), resources };
}

export async function comparePaths(ctx: BenchContext): Promise<{ measurements: Measurement[]; lineageNodes: number }> {
  const { fanOut, depth } = ctx.profile.operations.lineage;
  ctx.log('preparing receivables for splits and pledges, and a lineage tree');
  const [directPools, httpPools, tree] = [
    await preparePools(ctx),
    await preparePools(ctx),
    await lineageTree(ctx.ledger, ctx.workload, fanOut, depth),
  ];
  const inputs = { ledger: ctx.ledger, workload: ctx.workload, profile: ctx.profile, lineageRoot: tree.root };
  const direct = operationPlans({ ...inputs, pools: directPools });
  const http = operationPlans({ ...inputs, pools: httpPools });
  const measurements: Measurement[] = [];
  for (const [index, plan] of direct.entries()) {
    measurements.push(await measure(ctx, plan, 'direct'));
    measurements.push(await measure(ctx, http[index] as OperationPlan, 'http'));
  }
  return { measurements, lineageNodes: tree.nodes };
}
