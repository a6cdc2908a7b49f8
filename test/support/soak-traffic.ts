// The soak's business traffic: concurrent lanes, each a client that walks receivables through their life across
// every company (issue, split, transfer, pledge, double pledge, accept, release, settle or cancel), expecting the
// answer each step must give. Anything else is an anomaly.
import type { ApiErrorBody, ConflictDetails, Issued, Page, Conflict, Pledge, Receivable, SplitResult } from './api';
import { issueRequest, type HttpResult, type GatewayProcess } from './gateway-client';
import { type Rng, SoakClient, type SoakStats, type WriteRecord } from './soak-driver';
import type { LineageNode } from './soak-checks';

/** What the lanes produced, for the checks at the end. */
export interface SoakLedger {
  journal: WriteRecord[];
  /** Every issued root: the amount it was issued for, and the block of its issue. */
  roots: Map<string, { amount: string; block: bigint }>;
  /** Every 409 DOUBLE_PLEDGE: the receivable, and the conflicts the answer named. */
  refusals: { receivableId: string; txId: string; conflictIds: string[] }[];
}

export const newLedger = (): SoakLedger => ({ journal: [], roots: new Map(), refusals: [] });

class UnexpectedAnswer extends Error {}

const BANKS = ['BANK-A', 'BANK-B'] as const;
const otherBank = (bank: string): string => (bank === 'BANK-A' ? 'BANK-B' : 'BANK-A');
const pledgePath = (pledgeId: string, action: string): string =>
  `/v1/pledges/${encodeURIComponent(pledgeId)}/${action}`;

export class Traffic {
  #stopping = false;
  #refs = 0;

  constructor(
    private readonly gateway: GatewayProcess,
    private readonly stats: SoakStats,
    private readonly ledger: SoakLedger,
    private readonly runRef: string,
  ) {}

  stop(): void {
    this.#stopping = true;
  }

  /** A call, not a field: whether to go on must be asked afresh after every await. */
  #halted(): boolean {
    return this.#stopping;
  }

  /** Runs lane NAME's flows until stop(). */
  async lane(name: string, rng: Rng, flow: (client: SoakClient, rng: Rng) => Promise<void>): Promise<void> {
    const client = new SoakClient(name, this.gateway, this.stats, this.ledger.journal);
    while (!this.#halted()) {
      try {
        await flow(client, rng);
      } catch (err) {
        if (!(err instanceof UnexpectedAnswer)) this.stats.anomaly(`${name}: ${(err as Error).message}`);
        // An unexpected answer was counted where it happened; the lane goes on with a new receivable.
      }
    }
  }

  #expect<Body>(client: SoakClient, what: string, res: HttpResult<Body>, status: number, code?: string): Body {
    const got = (res.body as Partial<ApiErrorBody>).error?.code;
    if (res.status !== status || (code !== undefined && got !== code)) {
      this.stats.anomaly(
        `${client.lane}: ${what} answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}, expected ${status}${code === undefined ? '' : ` ${code}`}`,
      );
      throw new UnexpectedAnswer(what);
    }
    return res.body;
  }

  async #issue(client: SoakClient, rng: Rng, creditor: string): Promise<Issued> {
    const amount = String(rng.int(10, 5_000) * 100);
    const ref = `${this.runRef}-${client.lane}-${++this.#refs}`;
    const res = await client.write<Issued>('CORE-001', '/v1/receivables', issueRequest(ref, creditor, amount));
    const issued = this.#expect(client, `issue ${ref}`, res, 200).result;
    if (!issued.created) this.stats.anomaly(`${client.lane}: issue ${ref} answered created=false`);
    this.ledger.roots.set(issued.id, { amount, block: client.minBlock });
    return issued;
  }

  async #pledge(client: SoakClient, holder: string, id: string, bank: string, amount: string): Promise<Pledge> {
    const body = { pledgee: bank, securedAmount: amount, loanRef: `L-${this.runRef}-${++this.#refs}` };
    const res = await client.write<Pledge>(holder, `/v1/receivables/${id}/pledges`, body);
    return this.#expect(client, `pledge ${id} to ${bank}`, res, 200).result;
  }

  /** A second pledge of a locked receivable: refused with 409 DOUBLE_PLEDGE and recorded as a conflict. */
  #refused(client: SoakClient, id: string, res: HttpResult): void {
    const details = this.#expect(
      client,
      `double pledge of ${id}`,
      res as HttpResult<ApiErrorBody<ConflictDetails>>,
      409,
      'DOUBLE_PLEDGE',
    ).error.details;
    this.ledger.refusals.push({ receivableId: id, txId: details.txId, conflictIds: details.conflictIds });
  }

  async #doublePledge(client: SoakClient, holder: string, id: string, bank: string): Promise<void> {
    const body = { pledgee: bank, securedAmount: '1', loanRef: `L2-${this.runRef}-${++this.#refs}` };
    this.#refused(client, id, await client.write(holder, `/v1/receivables/${id}/pledges`, body));
  }

  async #decide(client: SoakClient, bank: string, pledgeId: string, action: 'accept' | 'release'): Promise<void> {
    const res = await client.write<Pledge>(bank, pledgePath(pledgeId, action), {});
    const pledge = this.#expect(client, `${action} ${pledgeId}`, res, 200).result;
    const expected = action === 'accept' ? 'ACTIVE' : 'RELEASED';
    if (pledge.status !== expected) this.stats.anomaly(`${client.lane}: ${action} left ${pledgeId} ${pledge.status}`);
  }

  async #audit(client: SoakClient, rootId: string): Promise<void> {
    const res = await client.read<{ consistent: boolean; root: LineageNode }>(
      'AUDIT-01',
      `/v1/receivables/${rootId}/lineage`,
    );
    const lineage = this.#expect(client, `lineage of ${rootId}`, res, 200);
    if (!lineage.consistent) this.stats.anomaly(`${client.lane}: lineage of ${rootId} is not consistent`);
  }

  async #settle(client: SoakClient, id: string): Promise<void> {
    const res = await client.write<Receivable[]>('CORE-001', `/v1/receivables/${id}/settle`, {
      paymentRef: `PAY-${this.runRef}-${++this.#refs}`,
    });
    const settled = this.#expect(client, `settle ${id}`, res, 200).result;
    if (settled.length === 0 || settled.some((r) => r.status !== 'SETTLED'))
      this.stats.anomaly(`${client.lane}: settle ${id} answered ${JSON.stringify(settled).slice(0, 300)}`);
  }

  /**
   * The supply chain: CORE-001 issues to SUP-T1, who splits a piece off to SUP-T2 (who may split again); pieces
   * move by transfer; SUP-T2 pledges one to a bank and tries to pledge it again to the other bank; the bank
   * accepts, may release, and the piece may be pledged again; the auditor reads the tree; CORE-001 settles it.
   * A few issues are cancelled instead, untouched.
   */
  readonly chain = async (client: SoakClient, rng: Rng): Promise<void> => {
    const root = await this.#issue(client, rng, 'SUP-T1');
    if (this.#halted()) return;
    if (rng.chance(0.15)) {
      const res = await client.write<Receivable>('CORE-001', `/v1/receivables/${root.id}/cancel`, {});
      const cancelled = this.#expect(client, `cancel ${root.id}`, res, 200).result;
      if (cancelled.status !== 'CANCELLED')
        this.stats.anomaly(`${client.lane}: cancel left ${root.id} ${cancelled.status}`);
      return;
    }
    const total = BigInt(root.amount);
    const piece = (total * BigInt(rng.int(10, 90))) / 100n;
    const split = await client.write<SplitResult>('SUP-T1', `/v1/receivables/${root.id}/split`, {
      parts: [
        { holder: 'SUP-T2', amount: piece.toString() },
        { holder: 'SUP-T1', amount: (total - piece).toString() },
      ],
    });
    this.#expect(client, `split ${root.id}`, split, 200);
    let target = `${root.id}.1`;
    let targetAmount = piece;
    if (rng.chance(0.4) && !this.#halted()) {
      const sub = (piece * BigInt(rng.int(10, 90))) / 100n;
      const res = await client.write<SplitResult>('SUP-T2', `/v1/receivables/${target}/split`, {
        parts: [
          { holder: 'SUP-T2', amount: sub.toString() },
          { holder: 'SUP-T3', amount: (piece - sub).toString() },
        ],
      });
      this.#expect(client, `split ${target}`, res, 200);
      target = `${target}.1`;
      targetAmount = sub;
    }
    if (rng.chance(0.5) && !this.#halted()) {
      const res = await client.write<Receivable>('SUP-T1', `/v1/receivables/${root.id}.2/transfer`, { to: 'SUP-T2' });
      this.#expect(client, `transfer ${root.id}.2`, res, 200);
    }
    if (this.#halted()) return;
    let bank: string = rng.pick(BANKS);
    let pledge = await this.#pledge(client, 'SUP-T2', target, bank, targetAmount.toString());
    if (rng.chance(0.6) && !this.#halted()) await this.#doublePledge(client, 'SUP-T2', target, otherBank(bank));
    if (this.#halted()) return;
    await this.#decide(client, bank, pledge.id, 'accept');
    if (rng.chance(0.5) && !this.#halted()) {
      await this.#decide(client, bank, pledge.id, 'release');
      bank = otherBank(bank);
      pledge = await this.#pledge(client, 'SUP-T2', target, bank, targetAmount.toString());
      if (rng.chance(0.5)) await this.#doublePledge(client, 'SUP-T2', target, otherBank(bank));
      await this.#decide(client, bank, pledge.id, 'accept');
    }
    await this.#audit(client, root.id);
    if (this.#halted()) return;
    await this.#settle(client, root.id);
  };

  /**
   * A deliberate race: SUP-T1 pledges one receivable to both banks at the same moment, through two clients. Exactly
   * one pledge may win; the other must be refused as DOUBLE_PLEDGE (and recorded).
   */
  readonly race = async (client: SoakClient, rng: Rng): Promise<void> => {
    const root = await this.#issue(client, rng, 'SUP-T1');
    if (this.#halted()) return;
    const rival = new SoakClient(`${client.lane}r`, this.gateway, this.stats, this.ledger.journal);
    rival.seen(client.minBlock);
    const attempt = (c: SoakClient, bank: string) =>
      c.write<Pledge>('SUP-T1', `/v1/receivables/${root.id}/pledges`, {
        pledgee: bank,
        securedAmount: root.amount,
        loanRef: `LR-${this.runRef}-${++this.#refs}`,
      });
    const [a, b] = await Promise.all([attempt(client, 'BANK-A'), attempt(rival, 'BANK-B')]);
    client.seen(rival.minBlock);
    const won = [a, b].filter((r) => r.status === 200);
    if (won.length !== 1) {
      this.stats.anomaly(`${client.lane}: racing pledges of ${root.id} answered ${a.status} and ${b.status}`);
      return;
    }
    const [winner, loser, bank] = a.status === 200 ? [a, b, 'BANK-A'] : [b, a, 'BANK-B'];
    this.#refused(client, root.id, loser);
    if (this.#halted()) return;
    await this.#decide(client, bank, (winner.body as { result: Pledge }).result.id, 'accept');
    if (this.#halted()) return;
    await this.#settle(client, root.id);
  };

  /** The auditor reads conflicts and the lineage of recent trees, as it would while supervising. */
  readonly auditor = async (client: SoakClient, rng: Rng): Promise<void> => {
    const conflicts = await client.read<Page<Conflict>>('AUDIT-01', '/v1/conflicts?pageSize=20');
    this.#expect(client, 'conflicts', conflicts, 200);
    const roots = [...this.ledger.roots.entries()].slice(-20);
    if (roots.length > 0) {
      const [id, { block }] = rng.pick(roots);
      client.seen(block);
      await this.#audit(client, id);
    }
    await new Promise((resolve) => setTimeout(resolve, rng.int(500, 2_000)));
  };
}
