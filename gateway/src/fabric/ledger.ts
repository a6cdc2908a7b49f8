// The seam between HTTP routes and Fabric: routes depend on this interface only, so unit tests use a fake ledger.
import type { ContractName, FunctionName } from '@scf/wire';
import type { IdentityName, OrgName } from '../types';

/** The contracts the REST API reaches (the baseline probe is the benchmark's, not the API's). */
export type ApiContract = Exclude<ContractName, 'baseline'>;

/**
 * One chaincode call; its function is one of the wire contract's, so a typo fails to compile. MIN_BLOCK, when
 * given, is a block the caller's own peer must have committed before it endorses or evaluates: a caller that just
 * wrote through another organisation passes that write's block, and never reads the ledger from before it.
 */
export type LedgerCall = {
  [C in ApiContract]: { contract: C; fn: FunctionName<C>; args: readonly string[]; minBlock?: bigint };
}[ApiContract];

/** Whether writes are being ordered: `failing` once the latest write to reach the orderers was not seen to commit. */
export type OrderingHealth = 'ok' | 'failing' | 'unknown';

export interface Readiness {
  peers: Record<OrgName, boolean>;
  ordering: OrderingHealth;
}

/** An endorsed transaction, recorded before it goes to the orderer so that a crash cannot lose track of it. */
export interface PreparedTransaction {
  txId: string;
  /** The signed transaction envelope, base64; re-delivering it can never create a second transaction (same txId). */
  envelope: string;
  /** The endorsed chaincode result, which is the committed result if the transaction commits as VALID. */
  result: string;
}

export interface Committed {
  txId: string;
  blockNumber: string;
  /** The chaincode's return value (canonical JSON text). */
  result: string;
}

export interface SubmitHooks {
  /** Called with each endorsed attempt before it is handed to the orderer. */
  beforeSubmit?: (prepared: PreparedTransaction) => Promise<void>;
}

export interface Ledger {
  /** Evaluates a read on the caller's own org peer; resolves to the chaincode's JSON text. Throws ApiError. */
  evaluate(identity: IdentityName, call: LedgerCall): Promise<string>;
  /** Endorses, submits and waits for the commit, re-endorsing read conflicts a bounded number of times. Throws ApiError. */
  submit(identity: IdentityName, call: LedgerCall, hooks?: SubmitHooks): Promise<Committed>;
  /**
   * Learns the outcome of a transaction prepared before a gateway restart by re-delivering the same envelope and
   * waiting for its commit status. Throws ApiError TRANSACTION_INVALID when it definitely did not commit.
   */
  resume(identity: IdentityName, prepared: PreparedTransaction): Promise<Committed>;
  /** Reachability of each org's peer, and whether writes are being ordered. */
  readiness(): Promise<Readiness>;
  /** Waits for in-flight submits, then closes every Gateway and gRPC client. */
  close(): Promise<void>;
}
