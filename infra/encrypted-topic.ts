// An SNS topic under a key of its own. AWS services cannot publish to a topic under the AWS managed key
// (its policy cannot name them), so each topic gets a key that only its publishing service may use, under
// the conditions given.
import { Aws } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

export interface EncryptedTopicProps {
  displayName: string;
  /** The service that publishes, e.g. `ses.amazonaws.com`. */
  publisher: string;
  /** More conditions on the publisher's use of the key, besides this account. */
  conditions?: Record<string, string>;
}

/** The topic `<id>` and its key `<id>Key`, TLS only. */
export function encryptedTopic(scope: Construct, id: string, props: EncryptedTopicProps): Topic {
  const key = new Key(scope, `${id}Key`, { enableKeyRotation: true, description: `${props.displayName} (SNS topic encryption)` });
  key.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal(props.publisher)],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'], // in a key policy, "*" is this key
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, ...props.conditions } },
    }),
  );
  return new Topic(scope, id, { displayName: props.displayName, masterKey: key, enforceSSL: true });
}
