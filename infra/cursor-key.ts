// The key that encrypts continuation tokens, so a client can neither read nor forge a position in
// another partner's data.
import { Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

export function createCursorKey(scope: Construct): Secret {
  const secret = new Secret(scope, 'CursorKey', {
    description: 'Continuation-token encryption key: 32 bytes as 64 lowercase hex characters',
    // Secrets Manager cannot be told "hex only", so everything but 0-9 and a-f is excluded.
    generateSecretString: {
      passwordLength: 64,
      excludeUppercase: true,
      excludePunctuation: true,
      includeSpace: false,
      excludeCharacters: 'ghijklmnopqrstuvwxyz',
    },
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The key only protects short-lived pagination tokens and is never shared outside the functions. ' +
      'Automatic rotation would need a rotation Lambda and would invalidate every page token in flight; ' +
      'rotate by hand (put a new value) if it is ever exposed.',
  });
  return secret;
}
