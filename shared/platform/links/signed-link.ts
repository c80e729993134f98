// Links that live as long as whoever holds them keeps them (the partner's reusable relationship link):
// signed under the long-lived ring, so rotating the short-lived keys never breaks a link already mailed,
// and a short-lived value (a form field) never passes for a link.
import { sign, verify } from './signatures.js';

/** `purpose` names the kind of link, so a signature made for one kind never opens another. */
export const signLink = (purpose: string, subject: string): Promise<string> => sign('longLived', purpose, subject);

export const verifyLink = (purpose: string, subject: string, signature: string): Promise<boolean> => verify('longLived', purpose, subject, signature);
