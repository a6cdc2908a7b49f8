// Prometheus metrics on a registry per app instance (not the global one), so tests can build several apps.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status_class'>;
  httpSeconds: Histogram<'method' | 'route' | 'status_class'>;
  /** Whole write: endorse, submit, commit, including conflict retries; `outcome` is `committed` or an error code. */
  fabricSubmitSeconds: Histogram<'fn' | 'outcome'>;
  /** From handing the transaction to the orderer until its validation code is known. */
  fabricCommitSeconds: Histogram<'fn' | 'status'>;
}

// Fabric writes wait for ordering and commit: seconds, not milliseconds.
const FABRIC_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];

export function createMetrics(options: { processMetrics: boolean } = { processMetrics: true }): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const httpLabels = ['method', 'route', 'status_class'] as const;
  return {
    registry,
    httpRequests: new Counter({
      name: 'scf_gateway_http_requests_total',
      help: 'HTTP requests by route and status class',
      labelNames: httpLabels,
      registers: [registry],
    }),
    httpSeconds: new Histogram({
      name: 'scf_gateway_http_request_duration_seconds',
      help: 'HTTP request latency by route and status class',
      labelNames: httpLabels,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    fabricSubmitSeconds: new Histogram({
      name: 'scf_gateway_fabric_submit_duration_seconds',
      help: 'Fabric write latency (endorse + submit + commit, with retries) by function and outcome',
      labelNames: ['fn', 'outcome'],
      buckets: FABRIC_BUCKETS,
      registers: [registry],
    }),
    fabricCommitSeconds: new Histogram({
      name: 'scf_gateway_fabric_commit_duration_seconds',
      help: 'Fabric commit latency (submit to validation code) by function and validation code',
      labelNames: ['fn', 'status'],
      buckets: FABRIC_BUCKETS,
      registers: [registry],
    }),
  };
}

export const statusClass = (statusCode: number): string => `${Math.floor(statusCode / 100)}xx`;
