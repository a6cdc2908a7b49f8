// The ordering service on a used network (issue 17): once the channel's Raft log holds more than one replay batch
// (PreferredMaxBytes, 512 KB) and no snapshot yet, a restarted orderer must still recover its membership, and a
// quorum loss followed by a restart must not be fatal. On Fabric 2.5.0 as released, the restarted orderer deadlocks
// while it replays the log's membership entries (README, Reliability).
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { defined } from '../support/defined';
import { connectAs, FabricSession } from '../support/fabric';
import { issueRequest, runId } from '../support/gateway-client';
import { eventually, loadConnection, logMark, logSince, network, raftLeader, repoRoot } from '../support/network';

const description = loadConnection();
const orderers = Object.keys(description.orderers);
const dataDir = (orderer: string) => path.join(process.env.SCF_HOME ?? path.join(repoRoot, '.scf'), 'data', orderer);

/** Bytes in the files under DIR whose names match NAME (0 when DIR is missing). */
function bytesUnder(dir: string, name: RegExp): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => name.test(path.basename(file)))
    .reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
}

// The restarted orderer logs its full membership once it has replayed the three AddNode entries of the log
// (raft's `switched to configuration voters=(1 2 3)`), or at once when it starts from a snapshot.
const FULL_MEMBERSHIP = /switched to configuration voters=\(1 2 3\)/;

describe('Raft ordering on a used network', () => {
  let erp: FabricSession | undefined;
  beforeAll(() => {
    erp = connectAs('CORE-001');
  });
  afterAll(() => {
    erp?.close();
  });
  const session = (): FabricSession => defined(erp, 'the CORE-001 session');
  afterEach(() => {
    // Whatever the test killed comes back for the next test file.
    network('start');
  });

  const ref = runId();
  let written = 0;
  /** One Issue by the debtor, committed. Each call is a new receivable, so a retry after a lost answer cannot clash. */
  const issue = async (): Promise<void> => {
    const request = issueRequest(`${ref}-${written++}`, 'SUP-T1', '1000');
    await session().contract('receivables').submitTransaction('Issue', JSON.stringify(request));
  };
  const batch = async (size: number): Promise<void> => {
    const items = Array.from({ length: size }, () => issueRequest(`${ref}-${written++}`, 'SUP-T1', '10'));
    await session().contract('receivables').submitTransaction('IssueBatch', JSON.stringify({ items }));
  };
  /** A write commits: retried while the cluster elects a leader, since envelopes sent before one exists are dropped. */
  const commits = () => eventually(issue, 120_000);

  it('recovers the membership of a restarted leader, and survives a quorum loss and restart', async () => {
    // A used network: a few hundred transactions, so the Raft log is several replay batches long.
    const firstOrderer = defined(orderers[0], 'an orderer in the connection description');
    const ledgerBefore = bytesUnder(dataDir(firstOrderer), /^blockfile_/);
    const pending = new Set<Promise<void>>();
    for (let n = 0; n < 300; n++) {
      const p = issue().finally(() => pending.delete(p));
      pending.add(p);
      if (pending.size >= 24) await Promise.race(pending);
    }
    await Promise.all(pending);
    for (let n = 0; n < 4; n++) await batch(100);
    const grown = bytesUnder(dataDir(firstOrderer), /^blockfile_/) - ledgerBefore;
    expect(grown).toBeGreaterThan(2 * 512 * 1024);

    // 1. The Raft leader crashes and restarts.
    const restarted = defined(await raftLeader(description), 'a Raft leader before the crash');
    const noSnapshot = bytesUnder(path.join(dataDir(restarted), 'etcdraft', 'snapshot'), /\.snap$/) === 0;
    const mark = logMark(restarted);
    network('kill', restarted);
    network('start');
    // Its replayed log gives it the full membership again...
    await eventually(() => {
      if (!FULL_MEMBERSHIP.test(logSince(restarted, mark))) throw new Error('not yet');
      return Promise.resolve();
    }, 60_000).catch(() => {
      const replay = logSince(restarted, mark)
        .split('\n')
        .filter((line) => /newRaft|switched to configuration|Applied config change/.test(line));
      throw new Error(
        `${restarted} (no snapshot before the crash: ${noSnapshot}) did not recover its membership in 60 s:\n${replay.join('\n')}`,
      );
    });
    // ...and it takes part: with a third orderer down, it and the remaining one elect a leader and order.
    const [stopped, survivor] = orderers.filter((o) => o !== restarted);
    network('kill', defined(stopped, 'a second orderer'));
    await eventually(async () => {
      expect([restarted, survivor]).toContain(await raftLeader(description));
    }, 60_000);
    await commits();
    network('start');

    // 2. A quorum loss: the leader and one follower crash, and both restart.
    const leader = await eventually(async () => {
      const current = await raftLeader(description);
      if (!current) throw new Error('no leader');
      return current;
    });
    const follower = defined(
      orderers.find((o) => o !== leader),
      'a follower',
    );
    const marks = new Map([leader, follower].map((o) => [o, logMark(o)]));
    network('kill', leader);
    network('kill', follower);
    network('start');
    await eventually(async () => {
      expect(await raftLeader(description)).toBeDefined();
    }, 60_000);
    for (const [o, m] of marks) expect(logSince(o, m)).toMatch(FULL_MEMBERSHIP);
    await commits();
  }, 900_000);
});
