/* global module */
/**
 * Import rules for `npm run lint` (dependency-cruiser). What they keep:
 *
 * - No cycles between files (tests included).
 * - No cycles between the folders of server/: every folder (or group of root files) has a place in
 *   LAYERS below, and may import only what sits lower. Lowest first:
 *
 *     util/                                  helpers with no dependencies of ours
 *     errors.ts clock.ts config.ts logger.ts context.ts
 *                                            what every layer may use; context.ts holds the typed
 *                                            dependencies (Broadcaster, Scheduler, Outbox, …) as
 *                                            interfaces, so it imports no implementation
 *     db/                                    connection, models, migrations, settings
 *     push/                                  the web-push channel
 *     channels/                              the email and SMS channels, one module each
 *     notifications/                         the outbox: fan-out, claim, deliver, retry
 *     accounts/                              users, passwords, tokens, the login limiter
 *     departments/                           a department and its queue row
 *     staff/                                 staff accounts, their departments, the admin log
 *     webhooks/                              webhook subscriptions, their outbox, signing and delivery
 *     tickets/                               ticket reads, positions, estimates
 *     queues/                                queue status (uses ticket estimates), audit, overdue
 *     schedules/                             plans, the stored schedules, the node-schedule jobs
 *     privacy/                               a patient's export, erasure and the retention job
 *     commands/                              every state change: transaction, audit, outbox rows
 *     realtime/                              Socket.IO
 *     http/                                  Fastify
 *     cli/                                   commander programs (they reuse http/validate's parse)
 *     server.ts main.ts cluster.ts bootstrap.ts  entry points, which wire everything
 *
 *   Unit tests (`*.test.ts`) may import anything; they still count for the cycle check.
 * - Nothing under server/ but http/, realtime/, cli/ and the entry points imports http/, realtime/ or
 *   cli/ (implied by the layers, and said once more on its own so that the message names it).
 * - shared/ imports nothing of ours: only zod and itself.
 * - The clients (pwa/, electron/) import no server code.
 */

const ENTRY_POINTS = '(server|main|cluster|bootstrap)\\.ts$';

/** Lowest first; each entry is a regular expression for paths under server/. */
const LAYERS = [
  ['util', 'util/'],
  ['base', '(errors|clock|config|logger|context)\\.ts$'],
  ['db', 'db/'],
  ['push', 'push/'],
  ['channels', 'channels/'],
  ['notifications', 'notifications/'],
  ['accounts', 'accounts/'],
  ['departments', 'departments/'],
  ['staff', 'staff/'],
  ['webhooks', 'webhooks/'],
  ['tickets', 'tickets/'],
  ['queues', 'queues/'],
  ['schedules', 'schedules/'],
  ['privacy', 'privacy/'],
  ['commands', 'commands/'],
  ['realtime', 'realtime/'],
  ['http', 'http/'],
  ['cli', 'cli/'],
  ['entry', ENTRY_POINTS],
];

const TESTS = ['\\.test\\.ts$', '^tests/'];

const layerRules = LAYERS.slice(0, -1).map(([name, pattern], index) => {
  const above = LAYERS.slice(index + 1);
  return {
    name: `layer-${name}`,
    comment: `server/${name} may import only lower layers, not ${above.map(([n]) => n).join(', ')} (see LAYERS)`,
    severity: 'error',
    from: { path: `^server/${pattern}`, pathNot: TESTS },
    to: { path: above.map(([, p]) => `^server/${p}`) },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files may not import each other in a circle.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'edges-stay-at-the-edge',
      comment: 'Only http/, realtime/, cli/ and the entry points import http/, realtime/ or cli/.',
      severity: 'error',
      from: {
        path: '^server/',
        pathNot: ['^server/(http|realtime|cli)/', `^server/${ENTRY_POINTS}`, ...TESTS],
      },
      to: { path: '^server/(http|realtime|cli)/' },
    },
    {
      name: 'shared-imports-nothing-of-ours',
      comment: 'shared/ is contracts only: it imports itself and zod, nothing else.',
      severity: 'error',
      from: { path: '^shared/', pathNot: TESTS },
      to: { pathNot: ['^shared/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'clients-import-no-server-code',
      comment: 'The patient app, the kiosk and the console talk to the server over HTTP and sockets only.',
      severity: 'error',
      from: { path: '^(pwa|electron)/' },
      to: { path: '^server/' },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '(^|/)(node_modules|dist|dev-dist|release)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
