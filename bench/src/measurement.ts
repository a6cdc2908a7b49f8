// One measured run of one operation: what was driven, how it went, and the figures derived from it.
import type { ResourceUsage } from './resources';
import { summarize, type LatencySummary } from './stats';

export type Path = 'baseline' | 'direct' | 'http';

export interface Measurement {
  operation: string;
  path: Path;
  concurrency: number;
  /** Operations attempted and those that failed (any error or unexpected answer). */
  ops: number;
  errors: number;
  /** Receivables (or records) each operation handles: 1, or the batch size. */
  itemsPerOp: number;
  seconds: number;
  opsPerSecond: number;
  itemsPerSecond: number;
  latencyMs: LatencySummary;
  /** Up to three distinct error messages, to tell a broken run from a slow one. */
  errorSamples: string[];
  /** Extra labels, e.g. the ledger size or the block-cutting settings in force. */
  labels?: Record<string, string | number>;
  /** CPU and memory of each process kind while this run went on (when sampled per run). */
  resources?: ResourceUsage;
}

export interface RawRun {
  latenciesMs: number[];
  errors: string[];
  seconds: number;
}

const round = (n: number): number => Math.round(n * 10) / 10;

export function measurement(
  what: {
    operation: string;
    path: Path;
    concurrency: number;
    itemsPerOp?: number;
    labels?: Record<string, string | number>;
  },
  run: RawRun,
): Measurement {
  const itemsPerOp = what.itemsPerOp ?? 1;
  const ok = run.latenciesMs.length - run.errors.length;
  return {
    operation: what.operation,
    path: what.path,
    concurrency: what.concurrency,
    ops: run.latenciesMs.length,
    errors: run.errors.length,
    itemsPerOp,
    seconds: round(run.seconds),
    // Only successful operations count toward throughput.
    opsPerSecond: round(ok / run.seconds),
    itemsPerSecond: round((ok * itemsPerOp) / run.seconds),
    latencyMs: summarize(run.latenciesMs),
    errorSamples: [...new Set(run.errors)].slice(0, 3),
    ...(what.labels ? { labels: what.labels } : {}),
  };
}
