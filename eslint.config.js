import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// ---- The arrows between the folders of src/ (issue 14) ----
// Imports are relative, so a rule names the folder of src/ that a specifier climbs to. This holds because no folder
// inside src/ reuses the name of a top-level one (core, domain, store, ...), nor a module the name of one at the root.
// Type-only imports count too, except where a rule says `allowTypeImports`.

const src = readdirSync(new URL('./src/', import.meta.url), { withFileTypes: true });
const topFolders = src.filter((e) => e.isDirectory()).map((e) => e.name);
const rootModules = src.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => e.name.replace(/\.ts$/, ''));

// './devtools/x.js' from a module at the root of src/, '../store/x.js' or '../../../store/x.js' from deeper down
const folder = (name, except = '') => ({ regex: `^(\\.\\.?/)+${name}/${except}`, caseSensitive: true });
const rootModule = (names) => ({ regex: `^(\\.\\./)+(${names.join('|')})\\.js$`, caseSensitive: true });

const DEVTOOLS = 'src/devtools (the emulator, the demo) is for development: only the CLI loads it, through src/cli/devTools.ts';

/** Forbids every folder of src/ but `allowed`, and every module at the root of src/ but `typesFrom` (types only). */
function onlyFrom(allowed, message, typesFrom = []) {
  const others = topFolders.filter((f) => !allowed.includes(f));
  const rootValues = rootModules.filter((m) => !typesFrom.includes(m));
  return [
    ...others.map((f) => ({ ...folder(f), message: f === 'devtools' ? DEVTOOLS : message })),
    ...(rootValues.length ? [{ ...rootModule(rootValues), message }] : []),
    ...(typesFrom.length ? [{ ...rootModule(typesFrom), allowTypeImports: true, message: `${message} (types only)` }] : []),
  ];
}

/** Forbids the listed folders of src/. */
function never(folders, message) {
  return folders.map((f) => ({ ...folder(f), message: f === 'devtools' ? DEVTOOLS : message }));
}

const packages = (group, message, allowTypeImports = false) => ({ group, message, allowTypeImports });

const CORE = 'src/core is dependency-free: it imports only src/core (and node: built-ins)';
const core = [...onlyFrom(['core'], CORE), { regex: '^(?![.]|node:)', caseSensitive: true, message: CORE }];
const domain = onlyFrom(['domain', 'core'], 'the domain is pure: it imports only src/domain and src/core');
const messages = onlyFrom(
  ['messages', 'domain', 'core'],
  'message builders declare their own input types: they import only src/messages, src/domain and src/core',
);
const requests = onlyFrom(
  ['requests', 'core'],
  'the request life cycle imports only src/requests and src/core, and types from src/logger.ts and src/config.ts',
  ['logger', 'config'],
);
const STORE = 'the store returns records: it never imports Slack code, jobs, flows, the request life cycle or dev tools';
const store = [
  ...never(['slack', 'jobs', 'flows', 'requests', 'devtools'], STORE),
  {
    ...folder('messages', '(?!outgoing\\.js$)'),
    message: 'of src/messages, the store imports only the outbox contract, src/messages/outgoing.ts',
  },
];
const FLOWS =
  'flows return an Outcome and write outbox messages: they never import Slack code, the request life cycle, jobs or dev tools';
const flows = [
  ...never(['slack', 'requests', 'jobs', 'devtools'], FLOWS),
  packages(['@slack/web-api'], 'flows never talk to Slack: they write outbox messages, which src/slack/outbox.ts sends'),
  packages(['@slack/bolt'], 'flows never talk to Slack (Bolt types are tolerated)', true),
];
const SLACK = 'Slack code never imports jobs or dev tools';
const LISTENERS_STORE = 'Slack listeners reach the store through flows (of the store, only the Db type, from store/database.ts)';
const slack = [
  ...never(['jobs', 'devtools'], SLACK),
  { ...folder('store', '(?!database\\.js$)'), message: LISTENERS_STORE },
  { ...folder('store', 'database\\.js$'), allowTypeImports: true, message: LISTENERS_STORE },
];
const slackOutbox = [
  ...never(['jobs', 'devtools'], SLACK),
  {
    ...folder('store', '(?!(outbox|database)\\.js$)'),
    message: 'the sender reads only the outbox of the store (store/outbox.ts, store/database.ts)',
  },
];
const listenerKit = [
  ...slack,
  {
    regex: '^\\.\\./(?!\\.\\./)',
    caseSensitive: true,
    message: 'the listener kit is feature-free: it imports no feature of src/slack/listeners (the features import the kit)',
  },
];
const jobs = never(['slack', 'devtools'], 'jobs run flows: they never import Slack code or dev tools');
// The coordinator dashboard (docs/dashboard.md): web pages that call the same flows as the Slack listeners.
const DASHBOARD = 'the dashboard calls flows as the Slack listeners do: it never imports Slack code, jobs or dev tools';
const DASHBOARD_STORE = 'the dashboard reaches the store through flows (of the store, only the Db type, from store/database.ts)';
const dashboard = [
  ...never(['slack', 'jobs', 'devtools'], DASHBOARD),
  { ...folder('store', '(?!database\\.js$)'), message: DASHBOARD_STORE },
  { ...folder('store', 'database\\.js$'), allowTypeImports: true, message: DASHBOARD_STORE },
  packages(
    ['@slack/web-api', '@slack/bolt'],
    'the dashboard never talks to Slack through its clients (Sign in with Slack is plain OpenID Connect)',
  ),
];
/** Only src/runtime.ts wires the dashboard in: no layer imports it. */
const notDashboard = (message) => never(['dashboard'], message);
const anywhere = never(['devtools'], DEVTOOLS);

/** The same restrictions for dynamic `import('...')` with a literal specifier, which no-restricted-imports does not see. */
function dynamicImports(patterns) {
  return patterns
    .filter((p) => p.regex && !p.allowTypeImports)
    .map((p) => ({ selector: `ImportExpression[source.value=/${p.regex.replaceAll('/', '\\x2F')}/]`, message: p.message }));
}

function layer(files, patterns) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
      'no-restricted-syntax': ['error', ...dynamicImports(patterns)],
    },
  };
}

// Later entries win for the files they share, so each entry lists all of its folder's restrictions.
const importRules = [
  layer(['src/**/*.ts'], anywhere),
  { files: ['src/devtools/**'], rules: { '@typescript-eslint/no-restricted-imports': 'off', 'no-restricted-syntax': 'off' } },
  layer(['src/core/**'], core),
  layer(['src/domain/**'], domain),
  layer(['src/messages/**'], messages),
  layer(['src/store/**'], [...store, ...notDashboard(STORE)]),
  layer(['src/flows/**'], [...flows, ...notDashboard(FLOWS)]),
  layer(['src/slack/**'], [...slack, ...notDashboard(SLACK)]),
  layer(['src/slack/outbox.ts'], [...slackOutbox, ...notDashboard(SLACK)]),
  layer(['src/slack/listeners/kit/**'], [...listenerKit, ...notDashboard(SLACK)]),
  layer(['src/jobs/**'], [...jobs, ...notDashboard('jobs run flows: they never import the dashboard')]),
  layer(['src/requests/**'], requests),
  layer(['src/dashboard/**'], dashboard),
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/generated/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        setImmediate: 'readonly',
        performance: 'readonly',
        WebAssembly: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        Headers: 'readonly',
        FormData: 'readonly',
        Blob: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...importRules,
);
