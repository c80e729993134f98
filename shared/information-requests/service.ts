// A customer's request for information through the public directory, from the location page's form to a
// referral. Anyone can post the form, so a submission only stores a pending request and mails the requester
// a one-time link (each page view serves one submission; limits per client network and per partner a day;
// a minimum fill time). Nothing reaches the partner until the requester confirms on the page that link opens:
// then one transaction makes the incoming referral, consumes the request and mails the location's contact.
import { randomUUID } from 'node:crypto';
import { clock, secondsToNextUtcDay, utcDay } from '../platform/clock.js';
import { config } from '../platform/config.js';
import { dailyAllowance } from '../platform/dynamo/transactions.js';
import { rateLimited, stateConflict } from '../platform/errors.js';
import type { CsrfPass } from '../platform/http/csrf.js';
import { clientNetworkHash } from '../platform/http/client-network.js';
import { formNonceUsedPart } from '../platform/http/form-nonce.js';
import { hashToken } from '../platform/links/tokens.js';
import { logger } from '../platform/logger.js';
import { getProfile } from '../business-profiles/index.js';
import { findLocation } from '../directory/index.js';
import type { DirectoryLocation } from '../directory/index.js';
import { receiveReferral } from '../referrals/index.js';
import { confirmationMailPart } from './confirmation-email.js';
import { informationRequestKeys, type InformationRequestRecord } from './entity.js';
import { leadMailPart } from './lead-email.js';
import { formAlreadyUsed, linkGone, locationNotFound, sentTooSoon } from './problems.js';
import type { InformationRequestForm } from './schemas.js';
import { getRequestByToken, insertRequest, saveRequestPart } from './store.js';

/** A published location, or the problem a visitor gets for any other address. */
export async function publishedLocation(partnerId: string, locationId: string): Promise<DirectoryLocation> {
  const location = await findLocation(partnerId, locationId);
  if (!location) throw locationNotFound();
  return location;
}

export interface Submission {
  location: DirectoryLocation;
  form: InformationRequestForm;
  /** The post's CSRF check: its nonce serves one submission, its issue time gives the fill time. */
  csrf: CsrfPass;
  sourceIp: string;
  locale: string;
}

/**
 * Stores the pending request with its confirmation mail, the form's used nonce and both daily counters, in one
 * transaction: a refused submission leaves nothing behind and mails nothing. A filled honeypot is dropped
 * without a word (`discarded`), so that a script learns nothing from the answer.
 */
export async function submitInformationRequest(submission: Submission): Promise<'stored' | 'discarded'> {
  const { location, form, csrf } = submission;
  const limits = config().informationRequests;
  const now = clock.now();
  if (form.website) {
    logger.info('information request discarded: honeypot', { partnerId: location.partnerId, locationId: location.locationId });
    return 'discarded';
  }
  if (now.getTime() / 1000 - csrf.issuedAt < limits.minFillSeconds) throw sentTooSoon(limits.minFillSeconds);
  const day = utcDay(now);
  const record: InformationRequestRecord = {
    id: randomUUID(),
    partnerId: location.partnerId,
    country: location.country,
    locationId: location.locationId,
    city: location.address.city,
    partnerName: location.name,
    locale: submission.locale,
    state: 'pending',
    requester: {
      firstName: form.firstName,
      lastName: form.lastName,
      email: form.email,
      ...(form.phone ? { phoneNumber: form.phone } : {}),
      companyName: form.companyName,
      country: form.country,
      size: form.size,
      need: form.need,
      contactMe: form.contactMe === 'yes',
    },
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + limits.linkTtlHours * 3_600_000).toISOString(),
    version: 1,
  };
  const outcome = await insertRequest(record, [
    confirmationMailPart(record, now),
    formNonceUsedPart('formNonce', csrf.nonce),
    dailyAllowance('clientLimit', informationRequestKeys.clientDayCounter(await clientNetworkHash(submission.sourceIp), day), limits.maxPerClientPerDay, now),
    dailyAllowance('partnerLimit', informationRequestKeys.partnerDayCounter(location.partnerId, day), limits.maxPerPartnerPerDay, now),
  ]);
  if (outcome.ok) {
    logger.info('information request stored', { partnerId: record.partnerId, locationId: record.locationId, requestId: record.id });
    return 'stored';
  }
  const { failed, cause } = outcome;
  if (failed.has('formNonce')) throw formAlreadyUsed(cause);
  const retryAfter = secondsToNextUtcDay(clock.now());
  if (failed.has('clientLimit')) throw rateLimited('Too many requests for information from this network today.', retryAfter, cause);
  if (failed.has('partnerLimit')) throw rateLimited('This partner has received as many requests for information today as it takes.', retryAfter, cause);
  throw stateConflict('The request could not be stored while other changes were made; nothing was written. Try again.', cause);
}

export type LinkLookup = { usable: true; request: InformationRequestRecord & { requester: NonNullable<InformationRequestRecord['requester']> }; tokenHash: string } | { usable: false; status: 404 | 410 };

/** What the confirmation link opens: a pending request whose newest link this is, before it expires. */
export async function openConfirmation(token: string): Promise<LinkLookup> {
  const tokenHash = hashToken(token);
  const request = await getRequestByToken(tokenHash);
  if (!request) return { usable: false, status: 404 };
  const live = request.state === 'pending' && request.requester && request.tokenHash === tokenHash && Date.parse(request.expiresAt) > clock.now().getTime();
  return live ? { usable: true, request: request as Extract<LinkLookup, { usable: true }>['request'], tokenHash } : { usable: false, status: 410 };
}

/**
 * The requester confirmed: the incoming referral (`direct`, for the location), the request's confirmed version
 * without the requester's details (conditioned on the pending version read, so a link confirms once) and the
 * lead mail to the location's contact, in one transaction. A location no longer listed takes no request.
 */
export async function confirmInformationRequest(token: string): Promise<{ outcome: 'confirmed'; partnerName: string } | { outcome: 'gone'; status: 404 | 410 }> {
  const lookup = await openConfirmation(token);
  if (!lookup.usable) return { outcome: 'gone', status: lookup.status };
  const { request } = lookup;
  const { requester } = request;
  const profile = await getProfile(request.partnerId, request.country);
  const location = profile?.published ? profile.locations.find((l) => l.id === request.locationId) : undefined;
  if (!location) return { outcome: 'gone', status: 410 };
  const now = clock.now();
  const referral = await receiveReferral(
    {
      partnerId: request.partnerId,
      qualification: 'direct',
      customerProfile: {
        name: requester.companyName,
        address: { country: requester.country },
        size: requester.size,
        contacts: [{ firstName: requester.firstName, lastName: requester.lastName, email: requester.email, ...(requester.phoneNumber ? { phoneNumber: requester.phoneNumber } : {}) }],
      },
      // The form says the partner receives the details and may contact the requester about the request; it
      // goes to this one partner only.
      consent: { consentToContact: true, consentToShareReferralWithPartners: false },
      details: { notes: requester.need, customerRequestedContact: requester.contactMe },
      target: { country: request.country, locationId: request.locationId },
      source: 'system:directory',
    },
    (arrived) => {
      const { requester: _details, ...rest } = request;
      const confirmed: InformationRequestRecord = { ...rest, state: 'confirmed', confirmedAt: now.toISOString(), referralId: arrived.id, version: request.version + 1 };
      return [
        { part: saveRequestPart(confirmed, request.version), error: linkGone },
        {
          part: leadMailPart(
            {
              partnerId: request.partnerId,
              referralId: arrived.id,
              to: location.contact.email,
              contactName: location.contact.name,
              partnerName: request.partnerName,
              city: location.address.city,
              customerCountry: requester.country,
              size: requester.size,
              contactMe: requester.contactMe,
              expiresAt: arrived.expirationDateTime!,
              locale: 'en',
            },
            now,
          ),
          error: linkGone,
        },
      ];
    },
  );
  logger.info('information request confirmed', { partnerId: request.partnerId, requestId: request.id, referralId: referral.id });
  return { outcome: 'confirmed', partnerName: request.partnerName };
}
