// Integration files run in a fixed order: the benchmark's smoke load first, so that every drill after it
// (orderer crashes and restarts among them) runs on a used network, as a consortium's would be.
import Sequencer from '@jest/test-sequencer';

const FIRST = ['bench.test.ts'];
const LAST = ['faults.test.ts', 'raft-restart.test.ts', 'soak.test.ts'];
const rank = (test) => {
  const name = test.path.split('/').pop();
  if (FIRST.includes(name)) return 0;
  return LAST.includes(name) ? 2 + LAST.indexOf(name) : 1;
};

class IntegrationSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
}

export default IntegrationSequencer;
