// Receivables the measured operations consume (each split or pledge needs its own untouched receivable), issued
// beforehand in batches so that preparing them is not part of any figure.
import type { DirectLedger } from './direct';
import { ACTORS, FACE_VALUE, type Workload } from './workload';

export const MAX_BATCH = 500;

interface BatchResult {
  results: { id: string; created: boolean }[];
}

/** Issues COUNT receivables to CREDITOR, MAX_BATCH per transaction, PARALLEL transactions at a time. */
export async function issueMany(
  ledger: DirectLedger,
  workload: Workload,
  count: number,
  parallel = 4,
  creditor: string = ACTORS.holder,
): Promise<string[]> {
  const sizes: number[] = [];
  for (let left = count; left > 0; left -= MAX_BATCH) sizes.push(Math.min(MAX_BATCH, left));
  const ids = new Array<string[]>(sizes.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < sizes.length; i = next++) {
      const reply = await ledger.submit<BatchResult>(
        ACTORS.debtor,
        'receivables',
        'IssueBatch',
        JSON.stringify(workload.batch(sizes[i] as number, creditor)),
      );
      ids[i] = reply.results.map((r) => r.id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, sizes.length) }, worker));
  await ledger.settled();
  return ids.flat();
}

/** A split tree of 1 + F + F^2 + ... + F^DEPTH receivables held by the holder; returns its root. */
export async function lineageTree(
  ledger: DirectLedger,
  workload: Workload,
  fanOut: number,
  depth: number,
): Promise<{ root: string; nodes: number }> {
  const amount = FACE_VALUE * BigInt(fanOut ** depth);
  const [root] = await ledger
    .submit<{ id: string }>(
      ACTORS.debtor,
      'receivables',
      'Issue',
      JSON.stringify(workload.issue(ACTORS.holder, amount)),
    )
    .then((r) => [r.id]);
  let level: { id: string; amount: bigint }[] = [{ id: root as string, amount }];
  let nodes = 1;
  for (let d = 0; d < depth; d++) {
    // Each level splits what the last one wrote: every endorser must have it first.
    await ledger.settled();
    const children = await Promise.all(
      level.map(async (node) => {
        await ledger.submit(
          ACTORS.holder,
          'receivables',
          'Split',
          JSON.stringify({ id: node.id, ...workload.evenSplit(node.amount, fanOut) }),
        );
        const share = node.amount / BigInt(fanOut);
        return Array.from({ length: fanOut }, (_, i) => ({
          id: `${node.id}.${i + 1}`,
          amount: i === fanOut - 1 ? node.amount - share * BigInt(fanOut - 1) : share,
        }));
      }),
    );
    level = children.flat();
    nodes += level.length;
  }
  return { root: root as string, nodes };
}

/** Every receivable record whose debtor is the core enterprise (all statuses, split pieces included). */
export async function countReceivables(ledger: DirectLedger): Promise<number> {
  const { count } = await ledger.evaluate<{ count: number }>(
    ACTORS.debtor,
    'receivables',
    'CountReceivables',
    JSON.stringify({ role: 'debtor' }),
  );
  return count;
}
