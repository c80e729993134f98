// The two secrets of shared/platform/links, each a keyring rotated on its own (README, "Rotating keys"):
// the cursor key seals continuation tokens and signs form values and client network hashes, which live an
// hour or a day; the link key signs the partners' reusable relationship links, which live as long as the
// partners keep them. So rotating one never breaks what the other signed, and only the functions that make
// or check links may read the link key.
import { Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

export interface Keys {
  cursorKey: Secret;
  linkKey: Secret;
}

/**
 * A new secret holds a bare 64-character hex value, which the functions read as version 1. A rotation
 * puts the JSON keyring `{ "current": "2", "keys": { "1": …, "2": … } }` in its place.
 */
function keySecret(scope: Construct, id: string, description: string, rotation: string): Secret {
  const secret = new Secret(scope, id, {
    description,
    // Secrets Manager cannot be told "hex only", so everything but 0-9 and a-f is excluded.
    generateSecretString: {
      passwordLength: 64,
      excludeUppercase: true,
      excludePunctuation: true,
      includeSpace: false,
      excludeCharacters: 'ghijklmnopqrstuvwxyz',
    },
  });
  Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: rotation });
  return secret;
}

export function createKeys(scope: Construct): Keys {
  return {
    // The id of the secret that came before the links module: its value stays version 1 of the short-lived keys.
    cursorKey: keySecret(
      scope,
      'CursorKey',
      'Short-lived keyring (continuation tokens, form values, client network hashes): a bare secret (version 1) or { current, keys }',
      'The keys never leave the functions. Rotation is by hand with versioned keys (README, "Rotating keys"): a new version ' +
        'is added, made current, and the old one dropped a day later, when nothing it sealed or signed is still in use.',
    ),
    linkKey: keySecret(
      scope,
      'LinkKey',
      "Long-lived keyring (partners' reusable relationship links): a bare secret (version 1) or { current, keys }",
      'The keys never leave the functions. They sign links partners paste into their own mail, which do not expire: a ' +
        'scheduled rotation would break them. Rotation is by hand with versioned keys when a key may be exposed ' +
        '(README, "Rotating keys"); partners then fetch their link again.',
    ),
  };
}
