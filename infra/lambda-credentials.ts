// Bundled in place of @aws-sdk/credential-provider-node (see BUNDLE_ALIAS). Lambda hands a function
// its role's credentials in environment variables, so the default chain's SSO, STS, INI and process
// providers (about 60 kB of every bundle) are dead weight there.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = () => fromEnv();
