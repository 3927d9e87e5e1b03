// Which folder may import which (issue 17, item 4: no loops between areas). Checked by
// tests/unit/dependency_rules.test.ts through scripts/dependency-rules.mjs (`npm run deps`):
// an `error` fails the test, a `warn` is counted and printed.
//
// Areas are the folders of cloud/src (needs, whistles, projects, uploads, …); core/ and config/ are
// below all of them, seed/ (the demo county) above all of them.

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A module of cloud/src reaches itself again through its imports. None does today; loops between ' +
        'areas (folders) are the next rule.',
      from: { path: '^cloud/src/' },
      to: { circular: true },
    },
    {
      name: 'no-circular-areas',
      scope: 'folder',
      severity: 'warn',
      comment:
        'Areas (folders of cloud/src) that reach each other through their imports. The loops of today are ' +
        'listed with their reasons in tests/unit/dependency_rules.test.ts (KNOWN_AREA_LOOPS); a new one fails it.',
      from: { path: '^cloud/src/[^/]+$' },
      to: { path: '^cloud/src/[^/]+$', circular: true },
    },
    {
      name: 'core-imports-no-area',
      severity: 'error',
      comment: 'cloud/src/core and cloud/src/config are below every area: they import nothing else of cloud/src.',
      from: { path: '^cloud/src/(core|config)/' },
      to: { path: '^cloud/src/', pathNot: '^cloud/src/(core|config)/' },
    },
    {
      name: 'no-seed-from-areas',
      severity: 'error',
      comment: 'The demo county is above the areas: only seed/ itself and the areas’ *.seed.ts files import it.',
      from: { path: '^cloud/src/', pathNot: ['^cloud/src/seed/', '\\.seed\\.ts$', '^cloud/src/configuration\\.ts$'] },
      to: { path: '^cloud/src/seed/' },
    },
    {
      name: 'shared-imports-no-app',
      severity: 'error',
      comment: 'shared/ is the contract both sides use: it imports nothing from cloud/ or miniapp/.',
      from: { path: '^shared/' },
      to: { path: '^(cloud|miniapp)/' },
    },
    {
      name: 'miniapp-packages-apart',
      severity: 'warn',
      comment:
        'A mini-program subpackage imports no other subpackage (shared code goes to miniapp/components, ' +
        'miniapp/services or shared/). A warning for now: see the count in tests/unit/dependency_rules.test.ts.',
      from: { path: '^miniapp/packages/([^/]+)/' },
      to: { path: '^miniapp/packages/', pathNot: '^miniapp/packages/$1/' },
    },
  ],
  options: {
    // Type-only imports count: a type is a dependency of the design even if the JavaScript drops it.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.cache)/' },
    tsConfig: { fileName: 'cloud/tsconfig.json' },
    combinedDependencies: false,
    // Folder-level rules (no-circular-areas) are checked on the folder graph, which comes with the metrics.
    metrics: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
