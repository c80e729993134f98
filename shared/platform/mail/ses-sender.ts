// Sends mail through SES (v1 SendEmail) from the configured, verified sender. One client per process.
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { config } from '../config.js';

/** One rendered mail to one recipient. */
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** SDK attempts per send (the first one included). The event source mapping retries whole records on top. */
export const SES_MAX_ATTEMPTS = 3;

let client: SESClient | undefined;

/**
 * Built on first use so that the environment can be set first. `adaptive` retries throttling
 * (`Throttling`: maximum sending rate exceeded) with backoff and also slows this client's own sending
 * down once SES has throttled it; other transient errors are retried as in `standard` mode.
 */
export function sesClient(): SESClient {
  if (!client) {
    const { sesEndpoint } = config().mail;
    client = new SESClient({ retryMode: 'adaptive', maxAttempts: SES_MAX_ATTEMPTS, ...(sesEndpoint ? { endpoint: sesEndpoint } : {}) });
  }
  return client;
}

/** Tests change the environment between suites. */
export function resetSesClient(): void {
  client?.destroy();
  client = undefined;
}

/** Sends one mail to one recipient and returns SES's MessageId (bounces and complaints refer to it). */
export async function sendMail(mail: OutgoingMail): Promise<string> {
  const { sender, configurationSet } = config().mail;
  const charset = 'UTF-8';
  const result = await sesClient().send(
    new SendEmailCommand({
      Source: sender,
      Destination: { ToAddresses: [mail.to] },
      Message: {
        Subject: { Data: mail.subject, Charset: charset },
        Body: { Html: { Data: mail.html, Charset: charset }, Text: { Data: mail.text, Charset: charset } },
      },
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    }),
  );
  if (!result.MessageId) throw new Error('SES accepted the mail without a MessageId');
  return result.MessageId;
}
