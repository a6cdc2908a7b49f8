// Writes $SCF_GATEWAY_HOME/tokens.json (default $SCF_HOME/gateway/tokens.json): one bearer token per identity of
// the connection description (every demo company and every org admin), readable by its owner only.
// Usage: node gateway/dist/cli/issue-tokens.js [--days N]
import { renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadOrCreateSecret } from '../auth/secret';
import { claimsFor, signToken } from '../auth/tokens';
import { loadConfig } from '../config';
import { loadConnectionDescription } from '../fabric/connection-description';

const DEFAULT_DAYS = 90;

function daysArgument(argv: readonly string[]): number {
  const at = argv.indexOf('--days');
  if (at < 0) return DEFAULT_DAYS;
  const days = Number(argv[at + 1]);
  if (!Number.isSafeInteger(days) || days < 1) throw new Error('--days must be a positive integer');
  return days;
}

export function issueTokens(argv: readonly string[] = process.argv.slice(2)): string {
  const config = loadConfig();
  const description = loadConnectionDescription(config.connectionPath);
  const secret = loadOrCreateSecret(config.stateDir);
  const days = daysArgument(argv);
  const tokens = Object.fromEntries(
    Object.keys(description.identities)
      .sort()
      .map((name) => [name, signToken(secret, claimsFor(description, name), days)]),
  );
  const file = path.join(config.stateDir, 'tokens.json');
  // Written aside and renamed, so a reader never sees half a file.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return file;
}

if (require.main === module) {
  try {
    console.log(issueTokens());
  } catch (err) {
    console.error('issue-tokens failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
