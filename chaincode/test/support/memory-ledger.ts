// A plain in-memory LedgerReader for domain tests: applies an Outcome's writes the way the adapter does.
import { assertNever } from '../../src/domain/assert-never';
import type { LedgerEvent } from '../../src/domain/events';
import type { LedgerReader } from '../../src/domain/ledger-reader';
import type { Outcome, Reply } from '../../src/domain/outcome';
import type {
  Caller,
  Conflict,
  Fingerprint,
  FingerprintClaim,
  Party,
  Pledge,
  Receivable,
  TxInfo,
} from '../../src/domain/types';
import { doneValue } from './checks';

export type Rule<V> = (reader: LedgerReader, caller: Caller, tx: TxInfo, raw: string) => Promise<Outcome<V>>;

export class MemoryLedger implements LedgerReader {
  readonly parties = new Map<string, Party>();
  readonly receivables = new Map<string, Receivable>();
  readonly pledges = new Map<string, Pledge>();
  readonly fingerprints = new Map<string, FingerprintClaim>();
  readonly conflicts = new Map<string, Conflict>();
  readonly events: LedgerEvent[] = [];

  constructor(parties: readonly Party[] = []) {
    for (const p of parties) this.parties.set(p.id, p);
  }

  party(id: string): Promise<Party | undefined> {
    return Promise.resolve(this.parties.get(id));
  }
  receivable(id: string): Promise<Receivable | undefined> {
    return Promise.resolve(this.receivables.get(id));
  }
  pledge(id: string): Promise<Pledge | undefined> {
    return Promise.resolve(this.pledges.get(id));
  }
  fingerprint(fp: Fingerprint): Promise<FingerprintClaim | undefined> {
    return Promise.resolve(this.fingerprints.get(fp));
  }

  apply<V>(outcome: Outcome<V>): Reply<V> {
    for (const write of outcome.writes) {
      switch (write.kind) {
        case 'party':
          this.parties.set(write.party.id, write.party);
          break;
        case 'receivable':
          this.receivables.set(write.receivable.id, write.receivable);
          break;
        case 'pledge':
          this.pledges.set(write.pledge.id, write.pledge);
          break;
        case 'conflict':
          this.conflicts.set(write.conflict.id, write.conflict);
          break;
        case 'fingerprint':
          this.fingerprints.set(write.claim.fingerprint, write.claim);
          break;
        case 'fingerprint-release':
          this.fingerprints.delete(write.fingerprint);
          break;
        default:
          assertNever(write);
      }
    }
    if (outcome.event) this.events.push(outcome.event);
    return outcome.reply;
  }

  /** Runs a rule with a JSON request (or raw text) and applies its writes, like one committed transaction. */
  async run<V>(rule: Rule<V>, caller: Caller, tx: TxInfo, request: unknown): Promise<Reply<V>> {
    const raw = typeof request === 'string' ? request : JSON.stringify(request);
    return this.apply(await rule(this, caller, tx, raw));
  }

  /** Like run, but the reply must be DONE; returns its value. */
  async done<V>(rule: Rule<V>, caller: Caller, tx: TxInfo, request: unknown): Promise<V> {
    return doneValue(await this.run(rule, caller, tx, request));
  }
}
