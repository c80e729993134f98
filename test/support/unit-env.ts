// The unit tier runs as it does alone even inside a whole-suite run, whose global setup (for the services'
// tiers) lowers the log level in the environment the workers inherit: some unit tests check what is logged.
delete process.env.POWERTOOLS_LOG_LEVEL;
