import { assertCanRead, isAuditor, receivableAudience } from './access';
import { sumAmounts, toBigInt } from './amount';
import type { LedgerReader } from './ledger-reader';
import { requireReceivable } from './lookups';
import { loadSubtree } from './tree';
import type { Amount, Caller, Encumbrance, PartyId, Receivable, ReceivableId, ReceivableStatus } from './types';

export interface LineageNode {
  id: ReceivableId;
  parentId: ReceivableId | null;
  depth: number;
  amount: Amount;
  holder: PartyId;
  status: ReceivableStatus;
  encumbrance: Encumbrance | null;
  children: LineageNode[];
  /** True when the children's amounts add up to this node's (or it has none). */
  childrenSumOk: boolean;
}

export interface Lineage {
  rootId: ReceivableId;
  /** Every node's sums, parent links, depths and split status agree. */
  consistent: boolean;
  root: LineageNode;
}

function buildNode(node: Receivable, byId: ReadonlyMap<ReceivableId, Receivable>, problems: string[]): LineageNode {
  const children = node.children.map((id) => byId.get(id)).filter((c): c is Receivable => c !== undefined);
  const childrenSumOk = children.length === 0 || sumAmounts(children.map((c) => c.amount)) === toBigInt(node.amount);
  if (!childrenSumOk) problems.push(`${node.id}: children do not add up`);
  if ((node.status === 'SPLIT') !== children.length > 0)
    problems.push(`${node.id}: split status and children disagree`);
  for (const child of children) {
    if (child.parentId !== node.id || child.depth !== node.depth + 1) problems.push(`${child.id}: bad parent link`);
  }
  return {
    id: node.id,
    parentId: node.parentId,
    depth: node.depth,
    amount: node.amount,
    holder: node.holder,
    status: node.status,
    encumbrance: node.encumbrance,
    children: children.map((child) => buildNode(child, byId, problems)),
    childrenSumOk,
  };
}

/** The whole tree from the root, for anyone with a stake anywhere in it, or an auditor. */
export async function lineage(reader: LedgerReader, caller: Caller, id: ReceivableId): Promise<Lineage> {
  const start = await requireReceivable(reader, id);
  const nodes = await loadSubtree(reader, start.rootId);
  const stakeholders = new Set(nodes.flatMap(receivableAudience));
  assertCanRead(
    isAuditor(caller) || (caller.party !== null && stakeholders.has(caller.party.id)),
    `the lineage of ${id}`,
  );

  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const problems: string[] = [];
  const [rootRecord] = nodes;
  if (!rootRecord) throw new Error('a subtree always contains its root');
  const root = buildNode(rootRecord, byId, problems);
  return { rootId: rootRecord.id, consistent: problems.length === 0 && nodes.length === byId.size, root };
}
