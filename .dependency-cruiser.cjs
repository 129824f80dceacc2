// Module walls (decision 015), checked in `npm run lint`. A module is src/modules/<name>/; its face is index.ts
// (public service functions, types, and the tables it lets others join for reading) and contract.ts (zod schemas).
// Test code (*.test.ts, testing.ts, authz.rows.ts) is not the product: it may set up rows of other modules directly.
const TEST = '(\\.test\\.tsx?$|/testing\\.ts$|[/.]authz\\.rows\\.ts$|^src/test/|^src/bench/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-face',
      severity: 'error',
      comment:
        'A module imports another only through its face: src/modules/<name>/index.ts or contract.ts (decision 015). ' +
        'Add the export to that index.ts instead of reaching into the module.',
      from: {
        path: '^src/modules/([^/]+)/',
        pathNot: [TEST, '^src/modules/[^/]+/ui/', '^src/modules/index\\.ts$', '^src/modules/[^/]+/schema\\.ts$'],
      },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(index|contract)\\.ts$'],
      },
    },
    {
      name: 'schema-only-from-schema',
      severity: 'error',
      comment: "Another module's schema.ts is imported only by a schema.ts, for foreign keys (decision 015).",
      from: { path: '^src/modules/([^/]+)/schema\\.ts$' },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(index|contract|schema)\\.ts$'],
      },
    },
    {
      name: 'kernel-imports-no-module',
      severity: 'error',
      comment: 'The kernel knows no module: modules plug in through their manifests (src/modules/index.ts).',
      from: { path: '^src/kernel/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'ui-imports-no-server',
      severity: 'error',
      comment:
        "UI code (src/web, a module's ui/) imports of the server only contract.ts and constants.ts (types and zod " +
        'schemas, decision 015), never services, schema or the kernel.',
      from: { path: '^src/(web/|modules/[^/]+/ui/)' },
      to: {
        path: '^src/(kernel/|modules/[^/]+/[^/]+$)',
        // territory-levels.ts: the list of territory levels, a constant both sides share
        pathNot: ['^src/modules/[^/]+/(contract|constants)\\.ts$', '^src/kernel/territory-levels\\.ts$'],
      },
    },
    {
      name: 'ui-face',
      severity: 'error',
      comment: "Another module's pages and widgets are reached through its ui/index.ts.",
      from: {
        path: '^src/(web/|modules/([^/]+)/ui/)',
        pathNot: ['^src/web/app/modules\\.ts$', '^src/web/mobile/MobileApp\\.tsx$', '^src/web/i18n/'],
      },
      to: {
        path: '^src/modules/([^/]+)/ui/',
        pathNot: ['^src/modules/$2/ui/', '^src/modules/[^/]+/ui/index\\.tsx?$'],
      },
    },
    {
      name: 'components-not-app',
      severity: 'error',
      comment: 'The shared UI kit (src/web/components) imports nothing from the app shell (src/web/app).',
      from: { path: '^src/web/components/' },
      to: { path: '^src/web/app/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles (module-level cycles are checked by scripts/module-graph.ts).',
      from: { pathNot: TEST },
      to: { circular: true, pathNot: TEST },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^node_modules/|^db/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
  },
};
