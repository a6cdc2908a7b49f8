// The receivable operations measured, each defined once with its direct (fabric-gateway) and HTTP form,
// so both paths send the same requests as the same company.
import type { DirectLedger } from './direct';
import type { HttpCall } from './http';
import type { OperationLoad, Profile } from './profile';
import { ACTORS, type Workload } from './workload';

export type OperationName = 'issue' | 'batch-issue' | 'split' | 'pledge' | 'encumbrance' | 'lineage';

export interface OperationPlan {
  name: OperationName;
  actor: string;
  load: OperationLoad;
  itemsPerOp: number;
  direct: (index: number) => Promise<void>;
  http: (index: number) => HttpCall;
}

/** Receivables that each path consumes: its own, so the second path never finds them already split. */
export interface Pools {
  split: string[];
  pledge: string[];
}

export interface OperationInputs {
  ledger: DirectLedger;
  workload: Workload;
  profile: Profile;
  pools: Pools;
  lineageRoot: string;
}

const at = (pool: readonly string[], index: number): string => {
  const id = pool[index];
  if (id === undefined) throw new Error(`the prepared pool has no receivable #${index}`);
  return id;
};

const json = (value: unknown): string => JSON.stringify(value);

/** One Issue by the debtor, committed: the write every phase measures. */
export const issueDirect = (ledger: DirectLedger, workload: Workload) => async (): Promise<void> => {
  await ledger.submit(ACTORS.debtor, 'receivables', 'Issue', json(workload.issue()));
};

export function operationPlans({ ledger, workload, profile, pools, lineageRoot }: OperationInputs): OperationPlan[] {
  const ops = profile.operations;
  const { size } = ops.batchIssue;
  return [
    {
      name: 'issue',
      actor: ACTORS.debtor,
      load: ops.issue,
      itemsPerOp: 1,
      direct: issueDirect(ledger, workload),
      http: () => ({ method: 'POST', path: '/v1/receivables', body: workload.issue() }),
    },
    {
      name: 'batch-issue',
      actor: ACTORS.debtor,
      load: ops.batchIssue,
      itemsPerOp: size,
      direct: async () => {
        await ledger.submit(ACTORS.debtor, 'receivables', 'IssueBatch', json(workload.batch(size)));
      },
      http: () => ({ method: 'POST', path: '/v1/receivables/batch', body: workload.batch(size) }),
    },
    {
      name: 'split',
      actor: ACTORS.holder,
      load: ops.split,
      itemsPerOp: 1,
      direct: async (i) => {
        await ledger.submit(
          ACTORS.holder,
          'receivables',
          'Split',
          json({ id: at(pools.split, i), ...workload.split() }),
        );
      },
      http: (i) => ({ method: 'POST', path: `/v1/receivables/${at(pools.split, i)}/split`, body: workload.split() }),
    },
    {
      name: 'pledge',
      actor: ACTORS.holder,
      load: ops.pledge,
      itemsPerOp: 1,
      direct: async (i) => {
        await ledger.submit(
          ACTORS.holder,
          'receivables',
          'Pledge',
          json({ id: at(pools.pledge, i), ...workload.pledge() }),
        );
      },
      http: (i) => ({
        method: 'POST',
        path: `/v1/receivables/${at(pools.pledge, i)}/pledges`,
        body: workload.pledge(),
      }),
    },
    {
      // Reads the receivables this path has just pledged, as the bank that holds the pledges.
      name: 'encumbrance',
      actor: ACTORS.bank,
      load: ops.encumbrance,
      itemsPerOp: 1,
      direct: async (i) => {
        await ledger.evaluate(ACTORS.bank, 'receivables', 'GetEncumbrance', at(pools.pledge, i % ops.pledge.count));
      },
      http: (i) => ({ method: 'GET', path: `/v1/receivables/${at(pools.pledge, i % ops.pledge.count)}/encumbrance` }),
    },
    {
      name: 'lineage',
      actor: ACTORS.auditor,
      load: ops.lineage,
      itemsPerOp: 1,
      direct: async () => {
        await ledger.evaluate(ACTORS.auditor, 'receivables', 'GetLineage', lineageRoot);
      },
      http: () => ({ method: 'GET', path: `/v1/receivables/${lineageRoot}/lineage` }),
    },
  ];
}
