// `npm run bench [-- --profile full|quick|smoke] [--out FILE]`: measures the running local network and writes
// one JSON result plus printed tables. Slowness never fails it; only a broken path (errors) does.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runBaseline } from './baseline';
import { runBlockCutting } from './block-cutting';
import { comparePaths } from './compare-paths';
import type { BenchContext } from './context';
import { DirectLedger } from './direct';
import { runLedgerSizes } from './ledger-size';
import { isProfileName, PROFILES } from './profile';
import { ratios, render, type BenchResult } from './report';
import { Workload } from './workload';

// Compiled to bench/dist/bench/src, four levels below the repository root.
const repoRoot = path.resolve(__dirname, '../../../..');

function options() {
  const { values } = parseArgs({
    options: { profile: { type: 'string', default: 'full' }, out: { type: 'string' } },
    allowPositionals: false,
  });
  if (!isProfileName(values.profile)) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
  return { profile: PROFILES[values.profile], out: values.out };
}

/** The network's own gateway, as `network.sh` described it (its port follows SCF_PORT_OFFSET). */
function networkGatewayUrl(connectionPath: string): string {
  const description = JSON.parse(readFileSync(connectionPath, 'utf8')) as { gateway?: { url?: string } };
  if (!description.gateway?.url) throw new Error(`${connectionPath} names no gateway url: run scripts/network.sh up`);
  return description.gateway.url;
}

async function main(): Promise<void> {
  const { profile, out } = options();
  const home = path.resolve(process.env.SCF_HOME ?? path.join(repoRoot, '.scf'));
  const workload = Workload.create();
  const ledger = DirectLedger.open(path.join(home, 'connection.json'));
  const ctx: BenchContext = {
    ledger,
    workload,
    profile,
    gatewayUrl: process.env.SCF_GATEWAY_URL ?? networkGatewayUrl(path.join(home, 'connection.json')),
    tokens: JSON.parse(readFileSync(path.join(home, 'gateway/tokens.json'), 'utf8')) as Record<string, string>,
    runDir: path.join(home, 'run'),
    networkScript: path.join(repoRoot, 'scripts/network.sh'),
    log: (line) => {
      console.error(`${new Date().toISOString().slice(11, 19)} [bench] ${line}`);
    },
  };
  const startedAt = new Date().toISOString();
  try {
    const baseline = await runBaseline(ctx);
    // Before the operations, which add about 10^4 receivables themselves: on a fresh network the smallest size is
    // then still reachable.
    const ledgerSizes = await runLedgerSizes(ctx);
    const { measurements: operations, lineageNodes } = await comparePaths(ctx);
    const { channelSetting, measurements: blockCutting } = await runBlockCutting(ctx);
    const result: BenchResult = {
      runId: workload.runId,
      profile: profile.name,
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      network: {
        blockCutting: channelSetting,
        orderers: 3,
        peers: 5,
        endorsement: 'OutOf(2, any 2 of the 5 peers)',
        lineageNodes,
      },
      baseline,
      operations,
      ratios: ratios(baseline.measurements, operations),
      ledgerSizes,
      blockCutting,
    };
    const file = out ?? path.join(repoRoot, 'bench/results', `${workload.runId}-${profile.name}.json`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(render(result));
    console.log(`\nresult written to ${file}`);
    const failed = [...baseline.measurements, ...operations, ...ledgerSizes, ...blockCutting].filter(
      (m) => m.errors > 0,
    );
    if (failed.length > 0) {
      for (const m of failed)
        console.error(`${m.path} ${m.operation}: ${m.errors} errors, e.g. ${m.errorSamples.join(' | ')}`);
      process.exitCode = 1;
    }
  } finally {
    ledger.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
