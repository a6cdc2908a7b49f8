// Thin adapter: each transaction parses nothing itself; it hands the raw request to its domain rule.
import { Context, Contract, Default, Info, Returns, Transaction } from 'fabric-contract-api';
import { cancel } from '../domain/cancel';
import { claim } from '../domain/claim';
import { confirm, reject } from '../domain/confirmation';
import { issue } from '../domain/issue';
import { issueBatch } from '../domain/issue-batch';
import { lineage } from '../domain/lineage';
import { conflictScan, receivableScan, type ReceivableScan } from '../domain/listing';
import { pledge } from '../domain/pledge';
import { decidePledge } from '../domain/pledge-decisions';
import { authorizeHistory, readEncumbrance, readPledge, readReceivable } from '../domain/reads';
import { parsePledgeIdArgument, parseReceivableIdArgument } from '../domain/requests';
import { settle } from '../domain/settle';
import { split } from '../domain/split';
import { transfer } from '../domain/transfer';
import type { Conflict, Receivable } from '../domain/types';
import { INDEX, OBJECT } from './keys';
import { evaluate, submit } from './transaction';

/** The index range holding a caller's receivables as holder or debtor, optionally of one status. */
const indexRange = (scan: ReceivableScan): [string, string[]] => [
  scan.index === 'holder' ? INDEX.holder : INDEX.debtor,
  scan.status === undefined ? [scan.party] : [scan.party, scan.status],
];

@Info({ title: 'Receivables', description: 'Tokenised receivables: issue, split, transfer, pledge, settle' })
@Default()
export class ReceivableContract extends Contract {
  constructor() {
    super('receivables');
  }

  @Transaction()
  @Returns('string')
  async Issue(ctx: Context, request: string): Promise<string> {
    return submit(ctx, issue, request);
  }

  @Transaction()
  @Returns('string')
  async IssueBatch(ctx: Context, request: string): Promise<string> {
    return submit(ctx, issueBatch, request);
  }

  @Transaction()
  @Returns('string')
  async Claim(ctx: Context, request: string): Promise<string> {
    return submit(ctx, claim, request);
  }

  @Transaction()
  @Returns('string')
  async Confirm(ctx: Context, request: string): Promise<string> {
    return submit(ctx, confirm, request);
  }

  @Transaction()
  @Returns('string')
  async Reject(ctx: Context, request: string): Promise<string> {
    return submit(ctx, reject, request);
  }

  @Transaction()
  @Returns('string')
  async Split(ctx: Context, request: string): Promise<string> {
    return submit(ctx, split, request);
  }

  @Transaction()
  @Returns('string')
  async Transfer(ctx: Context, request: string): Promise<string> {
    return submit(ctx, transfer, request);
  }

  @Transaction()
  @Returns('string')
  async Pledge(ctx: Context, request: string): Promise<string> {
    return submit(ctx, pledge, request);
  }

  @Transaction()
  @Returns('string')
  async AcceptPledge(ctx: Context, request: string): Promise<string> {
    return submit(ctx, (...args) => decidePledge('accept', ...args), request);
  }

  @Transaction()
  @Returns('string')
  async RejectPledge(ctx: Context, request: string): Promise<string> {
    return submit(ctx, (...args) => decidePledge('reject', ...args), request);
  }

  @Transaction()
  @Returns('string')
  async ReleasePledge(ctx: Context, request: string): Promise<string> {
    return submit(ctx, (...args) => decidePledge('release', ...args), request);
  }

  @Transaction()
  @Returns('string')
  async Settle(ctx: Context, request: string): Promise<string> {
    return submit(ctx, settle, request);
  }

  @Transaction()
  @Returns('string')
  async Cancel(ctx: Context, request: string): Promise<string> {
    return submit(ctx, cancel, request);
  }

  @Transaction(false)
  @Returns('string')
  async GetReceivable(ctx: Context, id: string): Promise<string> {
    return evaluate(ctx, (state, caller) => readReceivable(state, caller, parseReceivableIdArgument(id)));
  }

  @Transaction(false)
  @Returns('string')
  async ListReceivables(ctx: Context, request: string): Promise<string> {
    return evaluate(ctx, (state, caller) => {
      const scan = receivableScan(caller, request);
      return state.page<Receivable>(...indexRange(scan), scan.pageSize, scan.bookmark, OBJECT.receivable);
    });
  }

  /** How many receivables the caller holds or owes (optionally in one status), without reading them. */
  @Transaction(false)
  @Returns('string')
  async CountReceivables(ctx: Context, request: string): Promise<string> {
    return evaluate(ctx, async (state, caller) => ({
      count: await state.count(...indexRange(receivableScan(caller, request))),
    }));
  }

  @Transaction(false)
  @Returns('string')
  async GetEncumbrance(ctx: Context, id: string): Promise<string> {
    return evaluate(ctx, (state, caller) => readEncumbrance(state, caller, parseReceivableIdArgument(id)));
  }

  @Transaction(false)
  @Returns('string')
  async GetLineage(ctx: Context, id: string): Promise<string> {
    return evaluate(ctx, (state, caller) => lineage(state, caller, parseReceivableIdArgument(id)));
  }

  @Transaction(false)
  @Returns('string')
  async GetHistory(ctx: Context, id: string): Promise<string> {
    return evaluate(ctx, async (state, caller) => {
      const receivable = await authorizeHistory(state, caller, parseReceivableIdArgument(id));
      return state.history(OBJECT.receivable, receivable.id);
    });
  }

  @Transaction(false)
  @Returns('string')
  async GetPledge(ctx: Context, pledgeId: string): Promise<string> {
    return evaluate(ctx, (state, caller) => readPledge(state, caller, parsePledgeIdArgument(pledgeId)));
  }

  @Transaction(false)
  @Returns('string')
  async ListConflicts(ctx: Context, request: string): Promise<string> {
    return evaluate(ctx, (state, caller) => {
      const scan = conflictScan(caller, request);
      return scan.scope === 'all'
        ? state.page<Conflict>(OBJECT.conflict, [], scan.pageSize, scan.bookmark, OBJECT.conflict)
        : state.page<Conflict>(INDEX.conflictParty, [scan.party], scan.pageSize, scan.bookmark, OBJECT.conflict);
    });
  }
}
