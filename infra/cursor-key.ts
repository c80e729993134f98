// The root key of the functions: continuation tokens are encrypted with it, and keys derived from it (HMAC
// per purpose) sign the CSRF values of the public forms, the partners' reusable relationship links and the
// keyed hashes of client networks. So a client can neither read nor forge a position in another partner's data,
// a form, or a link.
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
      'The key never leaves the functions. It encrypts page tokens and, through derived keys, signs CSRF form values ' +
      "and each partner's reusable relationship link. Rotating it (by hand: put a new value) invalidates every page " +
      'token in flight and every relationship link a partner has mailed, so it is not rotated on a schedule; ' +
      'versioned keys that rotate without breaking mailed links are planned (structure issue: links module).',
  });
  return secret;
}
