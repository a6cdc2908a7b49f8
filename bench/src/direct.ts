// The ledger driven directly with @hyperledger/fabric-gateway, through the gateway's own connection code
// (one gRPC client per peer, one Gateway per identity), so the two paths differ only by the HTTP layer.
import { setTimeout as sleep } from 'node:timers/promises';
import { FabricConnections } from '../../gateway/src/fabric/connection';
import { loadConnectionDescription } from '../../gateway/src/fabric/connection-description';
import type { IdentityName } from '../../gateway/src/types';

/** `receivables` is the chaincode's default contract; the others are named. */
export type ContractName = 'receivables' | 'baseline';

export class DirectLedger {
  /** The highest block any submit of this ledger committed in. */
  #lastBlock = -1n;

  private constructor(private readonly connections: FabricConnections) {}

  static open(connectionPath: string): DirectLedger {
    return new DirectLedger(new FabricConnections(loadConnectionDescription(connectionPath)));
  }

  #contract(identity: string, contract: ContractName) {
    const { chaincode } = this.connections.description;
    return this.connections
      .network(identity as IdentityName)
      .getContract(chaincode, contract === 'receivables' ? undefined : contract);
  }

  /** Endorses, orders and waits for the commit; an invalid transaction or a refusal is an error. */
  async submit<T = unknown>(identity: string, contract: ContractName, fn: string, ...args: string[]): Promise<T> {
    const commit = await this.#contract(identity, contract).submitAsync(fn, { arguments: args });
    const status = await commit.getStatus();
    if (!status.successful) throw new Error(`${fn} ${status.transactionId} committed as invalid (code ${status.code})`);
    if (status.blockNumber > this.#lastBlock) this.#lastBlock = status.blockNumber;
    return unwrap(contract, fn, commit.getResult()) as T;
  }

  /**
   * Waits until every organisation's peer has committed every block this ledger wrote in. Each org's peer commits
   * on its own, and the endorsers of the next write (any two orgs) must see what setup just wrote.
   */
  async settled(timeoutMs = 30_000): Promise<void> {
    const { identities } = this.connections.description;
    const oneIdentityPerOrg = new Map<string, IdentityName>();
    for (const [name, identity] of Object.entries(identities))
      oneIdentityPerOrg.set(identity.org, name as IdentityName);
    const deadline = Date.now() + timeoutMs;
    for (const [org, identity] of oneIdentityPerOrg) {
      while ((await this.connections.blockHeight(identity)) <= this.#lastBlock) {
        if (Date.now() > deadline) throw new Error(`the ${org} peer did not reach block ${this.#lastBlock}`);
        await sleep(50);
      }
    }
  }

  async evaluate<T = unknown>(identity: string, contract: ContractName, fn: string, ...args: string[]): Promise<T> {
    return JSON.parse(
      Buffer.from(await this.#contract(identity, contract).evaluateTransaction(fn, ...args)).toString('utf8'),
    ) as T;
  }

  close(): void {
    this.connections.close();
  }
}

/** Receivable writes answer `{status: DONE, value}` or a recorded refusal; only DONE counts as done. */
function unwrap(contract: ContractName, fn: string, bytes: Uint8Array): unknown {
  const reply = JSON.parse(Buffer.from(bytes).toString('utf8')) as {
    status?: string;
    value?: unknown;
    error?: { code?: string };
  };
  if (contract === 'baseline') return reply;
  if (reply.status !== 'DONE') throw new Error(`${fn} refused: ${reply.error?.code ?? JSON.stringify(reply)}`);
  return reply.value;
}
