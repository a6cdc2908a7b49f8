// One gRPC client per peer, shared by every identity of its org; one Fabric Gateway per identity, made on first use.
// Each identity is always connected through its OWN org's peer: that is where its org trusts the endorsement.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { connect, hash } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import type { Contract, Gateway, Network } from '@hyperledger/fabric-gateway';
import type { IdentityName, OrgName } from '../types';
import { identityOf } from './connection-description';
import type { ConnectionDescription } from './connection-description';
import type { ContractName } from '@scf/wire';
import { newNativeSigner } from './signer';

const seconds = (n: number) => (): grpc.CallOptions => ({ deadline: Date.now() + n * 1000 });

export class FabricConnections {
  readonly #clients = new Map<OrgName, grpc.Client>();
  readonly #gateways = new Map<IdentityName, Gateway>();

  constructor(readonly description: ConnectionDescription) {}

  client(org: OrgName): grpc.Client {
    const existing = this.#clients.get(org);
    if (existing) return existing;
    const peer = this.description.orgs[org]?.peer;
    if (!peer) throw new Error(`no peer for org '${org}'`);
    const client = new grpc.Client(peer.endpoint, grpc.credentials.createSsl(readFileSync(peer.tlsRootCertPath)), {
      'grpc.ssl_target_name_override': peer.hostAlias,
      // Keep the shared connection alive through idle periods so the first request after a lull is not slow.
      'grpc.keepalive_time_ms': 120_000,
    });
    this.#clients.set(org, client);
    return client;
  }

  gateway(name: IdentityName): Gateway {
    const existing = this.#gateways.get(name);
    if (existing) return existing;
    const identity = identityOf(this.description, name);
    if (!identity) throw new Error(`no identity '${name}' in the connection description`);
    const gateway = connect({
      client: this.client(identity.org),
      identity: { mspId: identity.mspId, credentials: readFileSync(identity.certPath) },
      // The native signer hashes the message itself, so the client passes it through unhashed.
      signer: newNativeSigner(createPrivateKey(readFileSync(identity.keyPath))),
      hash: hash.none,
      evaluateOptions: seconds(10),
      endorseOptions: seconds(30),
      submitOptions: seconds(10),
      commitStatusOptions: seconds(60),
      chaincodeEventsOptions: () => ({}),
    });
    this.#gateways.set(name, gateway);
    return gateway;
  }

  network(name: IdentityName): Network {
    return this.gateway(name).getNetwork(this.description.channel);
  }

  contract(name: IdentityName, contract: ContractName): Contract {
    // `receivables` is the default contract of the chaincode; `parties` must be named.
    return this.network(name).getContract(
      this.description.chaincode,
      contract === 'receivables' ? undefined : contract,
    );
  }

  /** How many blocks the peer of NAME's organisation has committed (its ledger height), as that peer says. */
  async blockHeight(name: IdentityName): Promise<bigint> {
    const qscc = this.network(name).getContract('qscc');
    const info = common.BlockchainInfo.deserializeBinary(
      await qscc.evaluateTransaction('GetChainInfo', this.description.channel),
    );
    return BigInt(info.getHeight());
  }

  /** True for each org whose peer accepts a connection within TIMEOUT_MS. */
  async readiness(timeoutMs: number): Promise<Record<OrgName, boolean>> {
    const orgs = Object.keys(this.description.orgs) as OrgName[];
    const results = await Promise.all(
      orgs.map(
        (org) =>
          new Promise<boolean>((resolve) => {
            this.client(org).waitForReady(Date.now() + timeoutMs, (err) => {
              resolve(err === undefined);
            });
          }),
      ),
    );
    return Object.fromEntries(orgs.map((org, i) => [org, results[i] === true]));
  }

  close(): void {
    for (const gateway of this.#gateways.values()) gateway.close();
    for (const client of this.#clients.values()) client.close();
    this.#gateways.clear();
    this.#clients.clear();
  }
}
