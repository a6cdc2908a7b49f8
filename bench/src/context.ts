// What every phase of a run shares: the ledger connections, the request builder, the profile and the HTTP target.
import type { DirectLedger } from './direct';
import type { Measurement } from './measurement';
import type { Profile } from './profile';
import type { ResourceUsage } from './resources';
import type { Workload } from './workload';

export interface BenchContext {
  ledger: DirectLedger;
  workload: Workload;
  profile: Profile;
  gatewayUrl: string;
  /** Bearer token of each company (the gateway's tokens.json). */
  tokens: Record<string, string>;
  /** Where network.sh keeps its pid files, for the resource sampler. */
  runDir: string;
  networkScript: string;
  log: (line: string) => void;
}

export interface PhaseResult {
  measurements: Measurement[];
  resources: ResourceUsage;
}
