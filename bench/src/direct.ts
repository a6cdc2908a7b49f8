// The ledger driven directly with @hyperledger/fabric-gateway, through the gateway's own connection code
// (one gRPC client per peer, one Gateway per identity), so the two paths differ only by the HTTP layer.
import { FabricConnections } from '../../gateway/src/fabric/connection';
import { loadConnectionDescription } from '../../gateway/src/fabric/connection-description';
import type { IdentityName } from '../../gateway/src/types';

/** `receivables` is the chaincode's default contract; the others are named. */
export type ContractName = 'receivables' | 'baseline';

export class DirectLedger {
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
    return unwrap(contract, fn, commit.getResult()) as T;
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
