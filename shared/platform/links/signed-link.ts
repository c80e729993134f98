// Links that live as long as whoever holds them keeps them (the partner's reusable relationship link):
// signed under the long-lived ring, so rotating the short-lived keys never breaks a link already mailed,
// and a short-lived value (a form field) never passes for a link.
import { sign, signAt, verify } from './signatures.js';

/** `purpose` names the kind of link, so a signature made for one kind never opens another. */
export const signLink = (purpose: string, subject: string): Promise<string> => sign('longLived', purpose, subject);

export const verifyLink = (purpose: string, subject: string, signature: string): Promise<boolean> => verify('longLived', purpose, subject, signature);

/** The same link again, under the key version it was first signed with (undefined once that version is dropped). */
export const resignLink = (purpose: string, subject: string, version: number): Promise<string | undefined> => signAt('longLived', purpose, subject, version);
