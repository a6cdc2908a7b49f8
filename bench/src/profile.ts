// How much work each part of a run does. `full` is what the README reports; `quick` gives a rough picture in a
// few minutes; `smoke` only proves every path works (the integration suite runs it).

export interface OperationLoad {
  count: number;
  concurrency: number;
}

export interface Profile {
  name: 'full' | 'quick' | 'smoke';
  baseline: { concurrency: number; puts: number; gets: number }[];
  /** The concurrency at which operations are compared with the baseline, and the loads used. */
  operations: {
    issue: OperationLoad;
    batchIssue: OperationLoad & { size: number };
    split: OperationLoad;
    pledge: OperationLoad;
    encumbrance: OperationLoad;
    lineage: OperationLoad & { fanOut: number; depth: number };
  };
  /** Receivables on the ledger at which latency is measured again. */
  ledgerSizes: number[];
  scalingLoad: OperationLoad;
  /** Block-cutting settings tried besides the channel's own, each with the baseline put and an issue load. */
  blockCutting: { timeout: string; maxMessages: number }[];
  blockCuttingLoads: { puts: OperationLoad[]; issue: OperationLoad };
}

const full: Profile = {
  name: 'full',
  baseline: [
    { concurrency: 1, puts: 20, gets: 200 },
    { concurrency: 8, puts: 200, gets: 1000 },
    { concurrency: 32, puts: 800, gets: 3000 },
    { concurrency: 128, puts: 1600, gets: 5000 },
  ],
  operations: {
    issue: { count: 600, concurrency: 32 },
    batchIssue: { count: 20, concurrency: 4, size: 100 },
    split: { count: 600, concurrency: 32 },
    pledge: { count: 600, concurrency: 32 },
    encumbrance: { count: 3000, concurrency: 32 },
    lineage: { count: 100, concurrency: 8, fanOut: 6, depth: 3 },
  },
  ledgerSizes: [1_000, 10_000, 100_000],
  scalingLoad: { count: 200, concurrency: 16 },
  blockCutting: [
    { timeout: '500ms', maxMessages: 100 },
    { timeout: '2s', maxMessages: 500 },
    { timeout: '50ms', maxMessages: 100 },
    { timeout: '100ms', maxMessages: 10 },
  ],
  blockCuttingLoads: {
    puts: [
      { count: 800, concurrency: 32 },
      { count: 1600, concurrency: 128 },
    ],
    issue: { count: 400, concurrency: 32 },
  },
};

const quick: Profile = {
  name: 'quick',
  baseline: [
    { concurrency: 1, puts: 10, gets: 100 },
    { concurrency: 32, puts: 300, gets: 1000 },
  ],
  operations: {
    issue: { count: 150, concurrency: 32 },
    batchIssue: { count: 4, concurrency: 2, size: 100 },
    split: { count: 150, concurrency: 32 },
    pledge: { count: 150, concurrency: 32 },
    encumbrance: { count: 600, concurrency: 32 },
    lineage: { count: 20, concurrency: 4, fanOut: 4, depth: 3 },
  },
  ledgerSizes: [1_000],
  scalingLoad: { count: 100, concurrency: 16 },
  blockCutting: [{ timeout: '500ms', maxMessages: 100 }],
  blockCuttingLoads: { puts: [{ count: 300, concurrency: 32 }], issue: { count: 150, concurrency: 32 } },
};

const smoke: Profile = {
  name: 'smoke',
  baseline: [{ concurrency: 4, puts: 8, gets: 20 }],
  operations: {
    issue: { count: 8, concurrency: 4 },
    batchIssue: { count: 2, concurrency: 2, size: 5 },
    split: { count: 8, concurrency: 4 },
    pledge: { count: 8, concurrency: 4 },
    encumbrance: { count: 20, concurrency: 4 },
    lineage: { count: 4, concurrency: 2, fanOut: 2, depth: 2 },
  },
  ledgerSizes: [50],
  scalingLoad: { count: 8, concurrency: 4 },
  blockCutting: [{ timeout: '1s', maxMessages: 50 }],
  blockCuttingLoads: { puts: [{ count: 8, concurrency: 4 }], issue: { count: 8, concurrency: 4 } },
};

export const PROFILES = { full, quick, smoke } as const;
export type ProfileName = keyof typeof PROFILES;
export const isProfileName = (value: string): value is ProfileName => Object.hasOwn(PROFILES, value);
