// The result of a run as one JSON document, and the tables printed from it.
import type { BlockCutting } from './block-cutting';
import type { PhaseResult } from './context';
import type { Measurement } from './measurement';
import type { ProcessKind } from './resources';

export interface Ratio {
  operation: string;
  concurrency: number;
  /** HTTP ops/s over direct ops/s: what the REST gateway costs (goal >= 0.9). */
  gatewayOverhead: number;
  /** Direct items/s over the baseline probe's ops/s at the nearest concurrency: what the chaincode's work costs. */
  chaincodeCost: number;
  comparedWith: string;
}

export interface BenchResult {
  runId: string;
  profile: string;
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  network: { blockCutting: BlockCutting; orderers: number; peers: number; endorsement: string; lineageNodes: number };
  baseline: PhaseResult;
  operations: Measurement[];
  ratios: Ratio[];
  ledgerSizes: Measurement[];
  blockCutting: Measurement[];
}

const READS = new Set(['encumbrance', 'lineage']);

function nearest(candidates: readonly Measurement[], concurrency: number): Measurement | undefined {
  return [...candidates].sort(
    (a, b) => Math.abs(a.concurrency - concurrency) - Math.abs(b.concurrency - concurrency),
  )[0];
}

export function ratios(baseline: readonly Measurement[], operations: readonly Measurement[]): Ratio[] {
  const out: Ratio[] = [];
  for (const direct of operations.filter((m) => m.path === 'direct')) {
    const http = operations.find((m) => m.path === 'http' && m.operation === direct.operation);
    const reference = nearest(
      baseline.filter((m) => m.operation === (READS.has(direct.operation) ? 'get' : 'put')),
      direct.concurrency,
    );
    if (!http || !reference) continue;
    out.push({
      operation: direct.operation,
      concurrency: direct.concurrency,
      gatewayOverhead: Math.round((http.opsPerSecond / direct.opsPerSecond) * 100) / 100,
      chaincodeCost: Math.round((direct.itemsPerSecond / reference.opsPerSecond) * 100) / 100,
      comparedWith: `baseline ${reference.operation} at concurrency ${reference.concurrency}`,
    });
  }
  return out;
}

function table(title: string, header: string[], rows: (string | number)[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells: (string | number)[]) => cells.map((c, i) => String(c).padStart(widths[i] as number)).join('  ');
  return [`\n${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const labelText = (m: Measurement): string =>
  m.labels
    ? Object.entries(m.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')
    : '';

function measurementTable(title: string, measurements: readonly Measurement[]): string {
  return table(
    title,
    ['operation', 'path', 'conc', 'ops', 'errors', 'ops/s', 'items/s', 'p50 ms', 'p95 ms', 'p99 ms', 'labels'],
    measurements.map((m) => [
      m.operation,
      m.path,
      m.concurrency,
      m.ops,
      m.errors,
      m.opsPerSecond,
      m.itemsPerSecond,
      m.latencyMs.p50,
      m.latencyMs.p95,
      m.latencyMs.p99,
      labelText(m),
    ]),
  );
}

const KINDS: ProcessKind[] = ['peer', 'orderer', 'chaincode', 'gateway', 'ca', 'bench-client'];

function resourceTable(measurements: readonly Measurement[]): string {
  return table(
    'CPU (cores, all processes of a kind) / peak RSS of one process (MiB)',
    ['operation', 'path', ...KINDS],
    measurements
      .filter((m) => m.resources)
      .map((m) => [
        m.operation,
        m.path,
        ...KINDS.map((k) => (m.resources?.[k] ? `${m.resources[k].cores} / ${m.resources[k].peakRssMiB}` : '-')),
      ]),
  );
}

export function render(result: BenchResult): string {
  const bc = result.network.blockCutting;
  return [
    `run ${result.runId} (profile ${result.profile}) on ${result.machine.cpus} x ${result.machine.cpuModel}, ` +
      `BatchTimeout=${bc.timeout} MaxMessageCount=${bc.maxMessages}, lineage tree of ${result.network.lineageNodes} receivables`,
    measurementTable('1. Baseline probe (one putState / one getState), fabric-gateway', result.baseline.measurements),
    measurementTable('2-3. Receivable operations: direct fabric-gateway vs REST gateway over HTTP', result.operations),
    table(
      'Ratios',
      ['operation', 'conc', 'http/direct', 'direct/baseline', 'baseline used'],
      result.ratios.map((r) => [r.operation, r.concurrency, r.gatewayOverhead, r.chaincodeCost, r.comparedWith]),
    ),
    resourceTable(result.operations),
    measurementTable('Latency against ledger size (direct)', result.ledgerSizes),
    measurementTable('Block cutting', result.blockCutting),
  ].join('\n');
}
