import { invalidState } from './errors';
import type { LedgerReader } from './ledger-reader';
import { requireReceivable } from './lookups';
import type { Receivable, ReceivableId } from './types';

/** The receivable and all its descendants, parents before children, children in split order. */
export async function loadSubtree(reader: LedgerReader, id: ReceivableId): Promise<Receivable[]> {
  const out: Receivable[] = [];
  const visit = async (node: Receivable): Promise<void> => {
    out.push(node);
    for (const childId of node.children) {
      const child = await reader.receivable(childId);
      if (!child) throw invalidState(`child ${childId} of ${node.id} is missing`, { id: node.id, childId });
      await visit(child);
    }
  };
  await visit(await requireReceivable(reader, id));
  return out;
}

/** Leaves still carrying value: CONFIRMED with no children. */
export const liveLeaves = (nodes: readonly Receivable[]): Receivable[] =>
  nodes.filter((node) => node.status === 'CONFIRMED' && node.children.length === 0);
