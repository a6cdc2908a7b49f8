// A Ledger that records every call and answers from a script, so routes are tested without Fabric.
import type {
  Committed,
  Ledger,
  LedgerCall,
  OrderingHealth,
  PreparedTransaction,
  Readiness,
  SubmitHooks,
} from '../../src/fabric/ledger';
import type { IdentityName, OrgName } from '../../src/types';

export interface RecordedCall {
  kind: 'submit' | 'evaluate' | 'resume';
  identity: IdentityName;
  call?: LedgerCall;
  prepared?: PreparedTransaction;
}

type Answer = (call: LedgerCall, identity: IdentityName) => Promise<string> | string;

let txCounter = 0;
export const nextTxId = (): string => `tx${(txCounter += 1).toString().padStart(6, '0')}`;

export const done = (value: unknown): string => JSON.stringify({ status: 'DONE', value });

export class FakeLedger implements Ledger {
  readonly calls: RecordedCall[] = [];
  /** Result text of each submit; throw from it to simulate an error. */
  submitAnswer: Answer = () => done({ ok: true });
  evaluateAnswer: Answer = () => JSON.stringify({ ok: true });
  resumeAnswer: (prepared: PreparedTransaction) => Promise<Committed> = (prepared) =>
    Promise.resolve({ txId: prepared.txId, blockNumber: '7', result: prepared.result });
  ordering: OrderingHealth = 'unknown';
  /** Held submits wait for this before answering (to test in-flight behaviour). */
  gate: Promise<void> = Promise.resolve();

  async submit(identity: IdentityName, call: LedgerCall, hooks: SubmitHooks = {}): Promise<Committed> {
    this.calls.push({ kind: 'submit', identity, call });
    const txId = nextTxId();
    const result = await this.submitAnswer(call, identity);
    await hooks.beforeSubmit?.({ txId, envelope: Buffer.from(txId).toString('base64'), result });
    await this.gate;
    return { txId, blockNumber: '5', result };
  }

  async evaluate(identity: IdentityName, call: LedgerCall): Promise<string> {
    this.calls.push({ kind: 'evaluate', identity, call });
    return this.evaluateAnswer(call, identity);
  }

  async resume(identity: IdentityName, prepared: PreparedTransaction): Promise<Committed> {
    this.calls.push({ kind: 'resume', identity, prepared });
    return this.resumeAnswer(prepared);
  }

  readiness(): Promise<Readiness> {
    return Promise.resolve({
      peers: { core: true, supplier: false } as Record<OrgName, boolean>,
      ordering: this.ordering,
    });
  }

  async close(): Promise<void> {}

  submits(): RecordedCall[] {
    return this.calls.filter((c) => c.kind === 'submit');
  }
}
