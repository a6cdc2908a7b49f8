import { network } from './network';

/** Removes the network if this test run started it; a developer's own network is left alone. */
export default function globalTeardown(): void {
  if (process.env.SCF_TEST_OWNS_NETWORK === 'true') {
    network('down');
  }
}
