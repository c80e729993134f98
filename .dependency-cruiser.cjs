// Import boundaries, checked by `npm test` (depcruise). Platform code knows no domain; product code knows
// nothing of how it is deployed, run locally or tested; a feature's DynamoDB access stays in its store.
module.exports = {
  forbidden: [
    {
      name: 'platform-knows-no-feature',
      comment: 'shared/platform/ is the layer every feature builds on: it must not import a feature (or the route table).',
      severity: 'error',
      from: { path: '^shared/platform/' },
      to: { path: '^shared/', pathNot: '^shared/platform/' },
    },
    {
      name: 'product-code-not-upward',
      comment: 'shared/ and functions/ are what Lambda runs: they import neither the CDK app, nor the local scripts, nor tests.',
      severity: 'error',
      from: { path: '^(shared|functions)/' },
      to: { path: '^(infra|scripts|test)/' },
    },
    {
      name: 'shared-not-functions',
      comment: 'Handlers sit on top: shared code never imports a Lambda entry.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^functions/' },
    },
    {
      name: 'infra-not-runtime-or-tests',
      comment: 'The stack points at entry files by path; it imports no handler, local script or test.',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^(functions|scripts|test)/' },
    },
    {
      name: 'dynamodb-only-in-stores',
      comment: "A feature's store is the only module of it that talks to DynamoDB.",
      severity: 'error',
      from: { path: '^shared/', pathNot: ['^shared/platform/', '/store\\.ts$'] },
      to: { path: '@aws-sdk/(lib-dynamodb|client-dynamodb)' },
    },
    {
      name: 'zod-mini-through-platform',
      comment: 'Schemas take zod from shared/platform/zod.ts: zod/mini with its English messages (zod classic would add ~70 kB to every bundle, see the note there).',
      severity: 'error',
      from: { path: '^(shared|functions)/', pathNot: '^shared/platform/zod\\.ts$' },
      to: { path: 'node_modules/zod/' },
    },
    {
      name: 'document-generated-at-build-time',
      comment: 'The OpenAPI generator runs at build time (npm run openapi); the docs function serves what it wrote.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^shared/openapi\\.ts$' },
    },
    {
      name: 'feature-through-its-index',
      comment: "Another feature reaches a feature only through its index.ts, which names what the feature offers; the rest of its folder is its own.",
      severity: 'error',
      from: { path: '^shared/([^/]+)/' },
      to: { path: '^shared/(?!platform/|routes/)[^/]+/[^/]+$', pathNot: ['^shared/$1/', '^shared/[^/]+/index\\.ts$'] },
    },
    {
      name: 'feature-through-its-index-from-outside',
      comment: 'Lambda entries, the stack, scripts and the document generator reach a feature only through its index.ts.',
      severity: 'error',
      from: { path: '^(functions|infra|scripts)/|^shared/[^/]+\\.ts$' },
      to: { path: '^shared/(?!platform/|routes/)[^/]+/[^/]+$', pathNot: '^shared/[^/]+/index\\.ts$' },
    },
    {
      name: 'no-circular',
      comment:
        "A cycle between modules. The features' index files are left out: an index gathers what several modules of its feature offer, so two features that use each other's different modules would meet in their indexes without any module depending on itself.",
      severity: 'error',
      from: { path: '^(shared|functions|infra)/' },
      to: { circular: true, viaNot: '^shared/[^/]+/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
  },
};
