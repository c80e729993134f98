// Imported first by scripts/bench.ts: the handlers' logger reads its level when its module loads, which the
// bench's other imports do before main() runs, so the level is set here. Errors still print.
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
