// The benchmark's smoke profile against the real network: every phase runs, both paths answer without errors, and
// the channel's block cutting is restored afterwards. Figures are not asserted: slowness never fails CI.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/network';

const networkScript = path.join(repoRoot, 'scripts/network.sh');
const blockCutting = (): string => execFileSync(networkScript, ['block-cutting'], { encoding: 'utf8' }).trim();

interface Measured {
  operation: string;
  path: string;
  ops: number;
  errors: number;
  opsPerSecond: number;
  labels?: Record<string, string | number>;
}

describe('benchmark (smoke profile)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scf-bench-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  // First in the integration run (test/support/sequencer.js): the fault drills then run on a used network.
  it('measures the baseline, both paths of every operation, ledger size and block cutting, then restores the channel', () => {
    const before = blockCutting();
    const out = path.join(dir, 'result.json');
    execFileSync('node', [path.join(repoRoot, 'bench/dist/bench/src/main.js'), '--profile', 'smoke', '--out', out], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      baseline: { measurements: Measured[] };
      operations: Measured[];
      ratios: { operation: string; gatewayOverhead: number; chaincodeCost: number }[];
      ledgerSizes: Measured[];
      blockCutting: Measured[];
    };
    const all = [...result.baseline.measurements, ...result.operations, ...result.ledgerSizes, ...result.blockCutting];
    for (const m of all) {
      expect({ what: `${m.path} ${m.operation}`, errors: m.errors }).toEqual({
        what: `${m.path} ${m.operation}`,
        errors: 0,
      });
      expect(m.ops).toBeGreaterThan(0);
      expect(m.opsPerSecond).toBeGreaterThan(0);
    }
    expect(result.baseline.measurements.map((m) => m.operation)).toEqual(['put', 'get']);
    const operations = ['issue', 'batch-issue', 'split', 'pledge', 'encumbrance', 'lineage'];
    expect(result.operations.map((m) => `${m.operation}/${m.path}`)).toEqual(
      operations.flatMap((o) => [`${o}/direct`, `${o}/http`]),
    );
    expect(result.ratios.map((r) => r.operation)).toEqual(operations);
    expect(result.ledgerSizes.map((m) => m.operation)).toEqual(['issue', 'pledge', 'encumbrance']);
    expect(new Set(result.blockCutting.map((m) => m.labels?.batchTimeout)).size).toBe(2);
    expect(blockCutting()).toBe(before);
  });
});
