import { Contract, StatusCode } from '@hyperledger/fabric-gateway';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { defined } from '../support/defined';
import { connectAs, connectWith, decode, FabricSession } from '../support/fabric';
import { todayUtc } from '../support/gateway-client';
import { loadConnection } from '../support/network';

// The chaincode driven directly through each company's own peer and certificate (no REST gateway).

interface Receivable {
  id: string;
  amount: string;
  holder: string;
  status: string;
  encumbrance: { pledgeId: string; pledgee: string; status: string } | null;
  settlement: { payee: string; paymentRef: string } | null;
}
interface Written<T> {
  status: 'DONE' | 'REFUSED';
  value?: T;
  error?: { code: string };
  conflict?: { id: string; kind: string; attemptedBy: string; existing: { receivableId: string; pledgeId?: string } };
}
interface LineageNode {
  id: string;
  amount: string;
  holder: string;
  childrenSumOk: boolean;
  children: LineageNode[];
}

const runId = randomBytes(4).toString('hex').toUpperCase();

const submit = async <T>(contract: Contract, fn: string, request: object): Promise<Written<T>> =>
  decode(await contract.submitTransaction(fn, JSON.stringify(request))) as Written<T>;
/** Submits FN and returns its value; fails with the refusal unless the chaincode answered DONE. */
const submitDone = async <T>(contract: Contract, fn: string, request: object): Promise<T> => {
  const written = await submit<T>(contract, fn, request);
  if (written.status !== 'DONE') throw new Error(`${fn} was ${written.status}: ${JSON.stringify(written.error)}`);
  return defined(written.value, `the value of ${fn}`);
};
const evaluate = async <T>(contract: Contract, fn: string, ...args: string[]): Promise<T> =>
  decode(await contract.evaluateTransaction(fn, ...args)) as T;

/** The chaincode's typed refusal, read from the endorsement error's details. */
const refusalCode = async (call: Promise<unknown>): Promise<string> => {
  try {
    await call;
  } catch (err) {
    const details = (err as { details?: { message: string }[] }).details ?? [];
    const match = details.map((d) => /SCF_ERROR:(\{.*\})/s.exec(d.message)).find(Boolean);
    if (match?.[1]) return (JSON.parse(match[1]) as { code: string }).code;
    throw err;
  }
  throw new Error('the call was expected to be refused');
};

describe('receivable chaincode on the real network', () => {
  const sessions: Record<string, FabricSession> = {};
  const as = (name: string): Contract => (sessions[name] ??= connectAs(name)).contract();
  afterAll(() => {
    for (const session of Object.values(sessions)) session.close();
  });

  const issueTo = (creditor: string, amount: string, ref: string): Promise<Receivable> =>
    submitDone<Receivable>(as('CORE-001'), 'Issue', {
      externalRef: `${ref}-${runId}`,
      creditor,
      amount,
      currency: 'CNY',
      dueDate: todayUtc(),
      invoices: [{ number: `${ref}-${runId}`, code: '3100', amount }],
    });

  it('runs the chain: issue, two splits, pledge, refused and recorded double pledge, lineage, settle', async () => {
    const root = await issueTo('SUP-T1', '1000000', 'STORY');
    expect(root).toMatchObject({ holder: 'SUP-T1', status: 'CONFIRMED', amount: '1000000' });

    const first = await submitDone<{ children: Receivable[] }>(as('SUP-T1'), 'Split', {
      id: root.id,
      parts: [
        { holder: 'SUP-T1', amount: '400000' },
        { holder: 'SUP-T2', amount: '600000' },
      ],
    });
    const t2Piece = defined(
      first.children.find((c) => c.holder === 'SUP-T2'),
      "SUP-T2's piece of the first split",
    );
    const second = await submitDone<{ children: Receivable[] }>(as('SUP-T2'), 'Split', {
      id: t2Piece.id,
      parts: [
        { holder: 'SUP-T2', amount: '350000' },
        { holder: 'SUP-T3', amount: '250000' },
      ],
    });
    const t3Piece = defined(
      second.children.find((c) => c.holder === 'SUP-T3'),
      "SUP-T3's piece of the second split",
    );

    const pledge = await submitDone<{ id: string }>(as('SUP-T3'), 'Pledge', {
      id: t3Piece.id,
      pledgee: 'BANK-A',
      securedAmount: '200000',
      loanRef: `LOAN-A-${runId}`,
    });

    // BANK-B checks encumbrance before lending, and the holder's second pledge is refused and recorded.
    const lock = await evaluate<{ encumbered: boolean; pledgee: string }>(as('BANK-B'), 'GetEncumbrance', t3Piece.id);
    expect(lock).toMatchObject({ encumbered: true, pledgee: 'BANK-A' });
    const again = await submit(as('SUP-T3'), 'Pledge', {
      id: t3Piece.id,
      pledgee: 'BANK-B',
      securedAmount: '100000',
      loanRef: `LOAN-B-${runId}`,
    });
    expect(again.status).toBe('REFUSED');
    expect(again.error?.code).toBe('DOUBLE_PLEDGE');
    expect(again.conflict).toMatchObject({
      kind: 'DOUBLE_PLEDGE',
      attemptedBy: 'SUP-T3',
      existing: { pledgeId: pledge.id },
    });

    const conflicts = await evaluate<{ items: { id: string }[] }>(
      as('AUDIT-01'),
      'ListConflicts',
      JSON.stringify({ pageSize: 100 }),
    );
    expect(conflicts.items.map((c) => c.id)).toContain(defined(again.conflict, 'the recorded conflict').id);

    const lineage = await evaluate<{ consistent: boolean; root: LineageNode }>(
      as('AUDIT-01'),
      'GetLineage',
      t3Piece.id,
    );
    expect(lineage.consistent).toBe(true);
    expect(lineage.root.id).toBe(root.id);
    expect(lineage.root.children.map((c) => c.amount)).toEqual(['400000', '600000']);

    await submitDone(as('BANK-A'), 'AcceptPledge', { pledgeId: pledge.id });
    const settled = await submitDone<Receivable[]>(as('CORE-001'), 'Settle', {
      id: root.id,
      paymentRef: `PAY-${runId}`,
    });
    const payees = Object.fromEntries(settled.map((leaf) => [leaf.id, leaf.settlement?.payee]));
    expect(payees[t3Piece.id]).toBe('BANK-A');
    // Value is neither created nor destroyed: the settled leaves add up to the root.
    expect(settled.reduce((sum, leaf) => sum + BigInt(leaf.amount), 0n)).toBe(1000000n);
  });

  it('lets exactly one of two concurrent pledges commit, and records the other as a conflict', async () => {
    const receivable = await issueTo('SUP-T1', '500000', 'RACE');
    const proposal = (pledgee: string) =>
      as('SUP-T1').newProposal('Pledge', {
        arguments: [
          JSON.stringify({ id: receivable.id, pledgee, securedAmount: '500000', loanRef: `RACE-${pledgee}-${runId}` }),
        ],
      });
    // Both are endorsed against the same unencumbered state before either is ordered.
    const endorsed = await Promise.all([proposal('BANK-A').endorse(), proposal('BANK-B').endorse()]);
    const submitted = await Promise.all(endorsed.map((tx) => tx.submit()));
    const statuses = await Promise.all(submitted.map((tx) => tx.getStatus()));
    const codes = statuses.map((s) => s.code).sort();
    expect(codes).toEqual([StatusCode.VALID, StatusCode.MVCC_READ_CONFLICT].sort());

    const winner = statuses.findIndex((s) => s.code === StatusCode.VALID) === 0 ? 'BANK-A' : 'BANK-B';
    const loser = winner === 'BANK-A' ? 'BANK-B' : 'BANK-A';
    // Re-endorsing the loser, as the gateway does after an MVCC conflict, now meets the lock.
    const retried = await submit(as('SUP-T1'), 'Pledge', {
      id: receivable.id,
      pledgee: loser,
      securedAmount: '500000',
      loanRef: `RACE-${loser}-${runId}`,
    });
    expect(retried).toMatchObject({ status: 'REFUSED', error: { code: 'DOUBLE_PLEDGE' } });
    const lock = await evaluate<{ pledgee: string }>(as('BANK-A'), 'GetEncumbrance', receivable.id);
    expect(lock.pledgee).toBe(winner);
  });

  it('counts and lists receivables on the real shim, including an empty range (which arrives without metadata)', async () => {
    const count = async (name: string, request: object) =>
      (await evaluate<{ count: number }>(as(name), 'CountReceivables', JSON.stringify(request))).count;
    expect(await evaluate(as('AUDIT-01'), 'ListReceivables', JSON.stringify({ role: 'holder' }))).toEqual({
      items: [],
      bookmark: '',
    });
    expect(await count('AUDIT-01', { role: 'holder' })).toBe(0);

    const before = await count('CORE-001', { role: 'debtor', status: 'CONFIRMED' });
    await issueTo('SUP-T3', '1000', 'COUNT');
    expect(await count('CORE-001', { role: 'debtor', status: 'CONFIRMED' })).toBe(before + 1);
  });

  it("refuses a certificate of one org that claims another org's company", async () => {
    // The supplier org's own CA issues a certificate claiming the core enterprise's company.
    const { ca } = defined(loadConnection().orgs.supplier, "org 'supplier' in the connection description");
    const dir = mkdtempSync(path.join(tmpdir(), 'scf-impostor-'));
    try {
      const name = `impostor-${runId.toLowerCase()}`;
      const secret = randomBytes(8).toString('hex');
      const caClient = (...args: string[]) =>
        execFileSync('fabric-ca-client', [...args, '--caname', ca.name, '--tls.certfiles', ca.tlsRootCertPath], {
          env: { ...process.env, FABRIC_CA_CLIENT_HOME: ca.registrarHome },
          stdio: 'pipe',
        });
      caClient(
        'register',
        '--id.name',
        name,
        '--id.secret',
        secret,
        '--id.type',
        'client',
        '--id.attrs',
        'scf.party=CORE-001:ecert,scf.role=erp:ecert',
      );
      caClient('enroll', '-u', ca.url.replace('://', `://${name}:${secret}@`), '-M', path.join(dir, 'msp'));
      const keystore = path.join(dir, 'msp/keystore');
      const impostor = connectWith(
        {
          mspId: 'SupplierMSP',
          certPath: path.join(dir, 'msp/signcerts/cert.pem'),
          keyPath: path.join(keystore, defined(readdirSync(keystore)[0], 'a key in the enrolled keystore')),
        },
        'supplier',
      );
      try {
        const request = {
          externalRef: `IMPOSTOR-${runId}`,
          creditor: 'SUP-T1',
          amount: '1000',
          currency: 'CNY',
          dueDate: todayUtc(),
          invoices: [{ number: `IMP-${runId}`, code: '3100', amount: '1000' }],
        };
        expect(await refusalCode(impostor.contract().submitTransaction('Issue', JSON.stringify(request)))).toBe(
          'FORBIDDEN',
        );
      } finally {
        impostor.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
