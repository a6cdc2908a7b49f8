import { network, networkIsUp } from './network';

/**
 * Reuses a network that is already up (a developer's), otherwise starts one for this run and
 * notes that it did, so that the teardown removes exactly what this run started.
 */
export default function globalSetup(): void {
  if (networkIsUp()) {
    process.env.SCF_TEST_OWNS_NETWORK = 'false';
    return;
  }
  process.env.SCF_TEST_OWNS_NETWORK = 'true';
  // scripts/test.sh runs the fault drills a second time on the container runtime (SCF_TEST_RUNTIME=docker).
  const runtime = process.env.SCF_TEST_RUNTIME;
  try {
    network('up', ...(runtime ? ['--runtime', runtime] : []));
  } catch (err) {
    // Jest skips the teardown when the setup throws: stop what was started before failing.
    network('down');
    throw err;
  }
}
