// How each function is bundled: the CDK stack and the benchmark (which measures bundle size and cold
// import time) both use these settings, so the benchmark measures what is deployed.

export const BUNDLE_TARGET = 'node22';
/**
 * The ES module builds of the AWS SDK tree-shake; the CommonJS ones do not (about 220 kB more per
 * function). The pinned SDK is bundled rather than taken from the runtime, whose version drifts.
 */
export const BUNDLE_MAIN_FIELDS = ['module', 'main'];

/** Replacements applied only when bundling for Lambda (local runs and tests use the real modules). */
export const BUNDLE_ALIAS: Record<string, string> = {
  '@aws-sdk/credential-provider-node': './infra/lambda-credentials.ts',
  'mnemonist/lru-cache': './infra/endpoint-lru-cache.ts',
};
