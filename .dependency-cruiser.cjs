// The layer rules, checked in CI (npm run lint:deps). Data flows one way:
//   gateway: main/app/cli -> routes -> (auth, events, idempotency) -> (fabric, storage) -> (errors, http, types, metrics)
//   chaincode: contract -> domain;  both -> @scf/wire, which imports nothing of theirs.
// A module may import its own layer's files and any layer below it, never one above.
const GW = '^gateway/src/';
const layer = (dirs) => `${GW}(${dirs.join('|')})`;
const COMPOSITION = layer(['main\\.ts', 'app\\.ts', 'cli/']);
const ROUTES = layer(['routes/']);
const SERVICES = ['auth/', 'events/', 'idempotency/'];
const ADAPTERS = layer(['fabric/', 'storage/']);
const BASE = layer(['errors/', 'http/', 'types\\.ts', 'metrics\\.ts', 'config\\.ts']);

const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

module.exports = {
  forbidden: [
    forbid('no-circular', 'Import cycles hide the direction of the data.', {}, { circular: true }),
    forbid(
      'routes-are-top',
      'Only the composition root (main, app, cli) may import routes.',
      { pathNot: `${COMPOSITION}|${ROUTES}` },
      { path: ROUTES },
    ),
    forbid(
      'nothing-imports-composition',
      'main/app/cli wire the process; only main imports app, nothing imports them.',
      { pathNot: layer(['main\\.ts']) },
      { path: COMPOSITION },
    ),
    forbid(
      'services-below-routes',
      'auth, events and idempotency are used by routes and know nothing of them.',
      { path: layer(SERVICES) },
      { path: `${ROUTES}|${COMPOSITION}` },
    ),
    ...SERVICES.map((dir) =>
      forbid(
        `${dir.replace('/', '')}-independent`,
        'Services do not import each other; the routes combine them.',
        { path: `${GW}${dir}` },
        { path: layer(SERVICES.filter((other) => other !== dir)) },
      ),
    ),
    forbid(
      'adapters-below-services',
      'fabric and storage talk to the outside world and know nothing of the layers that use them.',
      { path: ADAPTERS },
      { path: `${ROUTES}|${COMPOSITION}|${layer(SERVICES)}` },
    ),
    forbid(
      'base-imports-base-only',
      'errors, http plumbing, types, metrics and config are the bottom layer.',
      { path: BASE },
      { path: `${ROUTES}|${COMPOSITION}|${layer(SERVICES)}|${ADAPTERS}` },
    ),
    forbid(
      'domain-is-plain-typescript',
      'Domain rules import no Fabric package and no contract adapter.',
      { path: '^chaincode/src/domain/' },
      { path: '^chaincode/src/contract/|node_modules/(fabric-contract-api|fabric-shim)' },
    ),
    forbid(
      'wire-imports-nothing',
      'The wire contract is the bottom of both sides and depends on nothing.',
      { path: '^wire/src/' },
      { pathNot: '^wire/src/' },
    ),
    forbid(
      'sides-meet-only-at-the-wire',
      'Chaincode and gateway share only @scf/wire, never each other’s source.',
      { path: '^(chaincode|gateway)/src/' },
      { path: '^(chaincode|gateway)/src/', pathNot: '^$1/src/' },
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
  },
};
