// The pages a customer admin sees. They answer in HTML, never JSON, and GET/HEAD change nothing:
// mail scanners open links before people do.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Problem } from '../shared/platform/errors.js';
import { checkCsrf, issueCsrf } from '../shared/platform/http/csrf.js';
import { groupHandler } from '../shared/platform/http/handler.js';
import { errorPage, htmlPage as page, localeOf, PLATFORM_PROBLEM_PAGES, tooMany } from '../shared/platform/http/html-pages.js';
import { publicPageRoutes } from '../shared/routes/public.js';
import { clientBudgetOf } from '../shared/routes/public-pages.js';
import type { ProblemCode } from '../shared/routes/problems.js';
import { fieldErrors, FormError, readForm } from '../shared/platform/http/form.js';
import type { FieldError } from '../shared/platform/form-fields.js';
import type { HttpResponse } from '../shared/platform/http/response.js';
import { logFault } from '../shared/platform/http/problem.js';
import {
  renderDecisionPage,
  renderInvitationPage,
  renderJointRefusedPage,
  renderLinkUnusablePage,
  renderRelationshipRequestPage,
} from '../shared/invitations/index.js';
import { t } from '../shared/platform/i18n/messages.js';
import { AcceptForm, DeclineForm, RelationshipRequestForm } from '../shared/invitations/index.js';
import { acceptInvitation, declineInvitation, openInvitation, type OpenInvitation } from '../shared/invitations/index.js';
import { relationshipLinkAvailable, requestRelationship, verifyRelationshipLink } from '../shared/relationships/index.js';
import { config } from '../shared/platform/config.js';
import { ConfirmInformationRequestForm, InformationRequestForm } from '../shared/information-requests/index.js';
import { confirmInformationRequest, openConfirmation, publishedLocation, submitInformationRequest } from '../shared/information-requests/index.js';
import { locationPageWithForm, requestFormScope } from '../shared/information-requests/index.js';
import { renderConfirmedPage, renderConfirmPage, renderLinkUnusablePage as renderRequestLinkUnusablePage, renderSentPage } from '../shared/information-requests/index.js';
import type { DirectoryLocation } from '../shared/directory/index.js';
import { openPartnershipInvitation, renderPartnershipPage, renderPartnershipUnusablePage } from '../shared/reseller-invitations/index.js';

async function invitationPageFor(event: APIGatewayProxyEventV2, token: string, open: OpenInvitation, status: number, errors?: FieldError[], prefill?: Partial<AcceptForm>) {
  const { invitation, partner, tokenHash } = open;
  const csrf = await issueCsrf(tokenHash);
  return page(
    status,
    renderInvitationPage({
      locale: localeOf(event),
      partnerName: partner.companyName,
      partnerCountry: partner.country,
      ...(invitation.indirectProvider ? { indirectProviderName: invitation.indirectProvider.name } : {}),
      recipientEmail: invitation.email,
      expiresAt: invitation.expiresAt,
      ...(invitation.delegatedAdmin
        ? { delegatedAdmin: { displayName: invitation.delegatedAdmin.displayName, roles: invitation.delegatedAdmin.roles, durationDays: Number(invitation.delegatedAdmin.duration.slice(1, -1)), autoExtend: invitation.delegatedAdmin.autoExtend } }
        : {}),
      prefill: { domain: invitation.domain, companyName: invitation.companyName, ...prefill },
      formAction: `/invitations/${token}`,
      csrfToken: csrf.formValue,
      ...(errors ? { errors } : {}),
    }),
    [csrf.setCookie],
  );
}

const unusable = (event: APIGatewayProxyEventV2, status: 404 | 410) => page(status, renderLinkUnusablePage({ locale: localeOf(event), status }));

const unavailableHere = (event: APIGatewayProxyEventV2, status: number, partnerName: string) =>
  page(status, renderRelationshipRequestPage({ locale: localeOf(event), partnerName, formAction: event.rawPath, csrfToken: '', unavailable: true }));

/** A post of an invitation page's form: the link still usable, the form read, its CSRF pair good; else the page to answer. */
async function invitationFormPost(event: APIGatewayProxyEventV2, headers: Record<string, string | undefined>, token: string) {
  const lookup = await openInvitation(token);
  if (!lookup.usable) return unusable(event, lookup.status);
  const fields = readForm(event);
  if (!(await checkCsrf(headers, event.cookies, fields.csrf ?? '', lookup.open.tokenHash))) return errorPage(event, 403);
  return { lookup, fields };
}

const showInvitation = async (event: APIGatewayProxyEventV2, token: string) => {
  const lookup = await openInvitation(token);
  return lookup.usable ? invitationPageFor(event, token, lookup.open, 200) : unusable(event, lookup.status);
};

const codeOf = (error: unknown): ProblemCode | undefined => (error instanceof Problem ? (error.code as ProblemCode) : undefined);

const CONFIRMATION_PAGES = new Set(['GET /information-requests/{token}', 'POST /information-requests/{token}']);

/** The confirmation link's own page for a link that cannot be used (one text for 404 and 410). */
const requestLinkUnusable = (event: APIGatewayProxyEventV2, status: 404 | 410) =>
  page(status, renderRequestLinkUnusablePage({ locale: localeOf(event), linkTtlHours: config().informationRequests.linkTtlHours }));

const PARTNERSHIP_PAGE = 'GET /reseller-invitations/{token}';
const partnershipUnusable = (event: APIGatewayProxyEventV2, status: 404 | 410) => page(status, renderPartnershipUnusablePage({ locale: localeOf(event) }));
/** The pages that answer problems, by code; any other error is a fault, logged, and answered with the 500 page. */
const PROBLEM_PAGES: Partial<Record<ProblemCode, (event: APIGatewayProxyEventV2, error: Problem) => HttpResponse>> = {
  // A malformed token or link is just a link that does not exist; a malformed location, a location that does not.
  'http.validation': (event) =>
    CONFIRMATION_PAGES.has(event.routeKey)
      ? requestLinkUnusable(event, 404)
      : event.routeKey === 'POST /directory/{partnerId}/{locationId}'
        ? errorPage(event, 404)
        : event.routeKey === PARTNERSHIP_PAGE
          ? partnershipUnusable(event, 404)
          : unusable(event, 404),
  'informationRequests.locationNotFound': (event) => errorPage(event, 404),
  // The request was confirmed (or changed) between reading it and confirming it.
  'informationRequests.linkGone': (event) => requestLinkUnusable(event, 410),
  ...PLATFORM_PROBLEM_PAGES,
};

/** The location page again, its form showing what was entered (never the csrf value or the honeypot) and why it was refused. */
async function requestFormAgain(event: APIGatewayProxyEventV2, status: 400 | 422, location: DirectoryLocation, errors: FieldError[], fields: Record<string, string>) {
  const { csrf: _csrf, website: _website, ...prefill } = fields;
  const { body, setCookie } = await locationPageWithForm(localeOf(event), location, { errors, prefill });
  return page(status, body, [setCookie]);
}

export const handler = groupHandler(publicPageRoutes, {
  clientBudget: clientBudgetOf('public'),
  errorResponse: (error, event) => {
    const code = codeOf(error);
    const problemPage = code && PROBLEM_PAGES[code];
    if (problemPage) return problemPage(event, error as Problem);
    if (error instanceof FormError) return errorPage(event, 400);
    logFault('public page failed', error);
    return errorPage(event, 500);
  },
})({
  invitationPage: async ({ event, params }) => showInvitation(event, params.token),
  invitationPageHead: async ({ event, params }) => ({ ...(await showInvitation(event, params.token)), body: undefined, cookies: undefined }),

  acceptInvitation: async ({ event, headers, params }) => {
    const posted = await invitationFormPost(event, headers, params.token);
    if ('statusCode' in posted) return posted;
    const { lookup, fields } = posted;
    const parsed = AcceptForm.safeParse(fields);
    if (!parsed.success) return invitationPageFor(event, params.token, lookup.open, 400, fieldErrors(localeOf(event), parsed.error), fields);
    const result = await acceptInvitation(params.token, parsed.data);
    if (result.outcome === 'gone') return unusable(event, result.status);
    const locale = localeOf(event);
    if (result.outcome === 'invalid') {
      const errors = result.errors.map((e) => ({ field: e.field, message: t(locale, `formError.${e.message}` as 'formError.domainMismatch') }));
      return invitationPageFor(event, params.token, lookup.open, 422, errors, parsed.data);
    }
    if (result.outcome === 'refused') {
      return page(409, renderJointRefusedPage({ locale, reason: result.reason, partnerName: lookup.open.partner.companyName, providerName: result.providerName }));
    }
    return page(
      200,
      renderDecisionPage({
        locale,
        outcome: 'accepted',
        partnerName: lookup.open.partner.companyName,
        ...(lookup.open.invitation.indirectProvider ? { indirectProviderName: lookup.open.invitation.indirectProvider.name } : {}),
        companyName: parsed.data.companyName,
        ...(result.grant?.endsAt ? { delegatedAdmin: { roles: result.grant.roles, endsAt: result.grant.endsAt } } : {}),
      }),
    );
  },

  declineInvitation: async ({ event, headers, params }) => {
    const posted = await invitationFormPost(event, headers, params.token);
    if ('statusCode' in posted) return posted;
    const { lookup, fields } = posted;
    const parsed = DeclineForm.safeParse(fields);
    if (!parsed.success) return invitationPageFor(event, params.token, lookup.open, 400, fieldErrors(localeOf(event), parsed.error));
    const result = await declineInvitation(params.token, parsed.data.reason || undefined);
    if (result.outcome === 'gone') return unusable(event, result.status);
    return page(200, renderDecisionPage({ locale: localeOf(event), outcome: 'declined', partnerName: result.open.partner.companyName }));
  },

  partnershipInvitationPage: async ({ event, params }) => {
    const open = await openPartnershipInvitation(params.token);
    if (!open.usable) return partnershipUnusable(event, open.status);
    const { invitation, provider } = open;
    return page(
      200,
      renderPartnershipPage({ locale: localeOf(event), providerName: provider.companyName, providerId: provider.partnerId, recipientEmail: invitation.email, expiresAt: invitation.expiresAt, token: params.token }),
    );
  },

  relationshipRequestPage: async ({ event, params: { partnerId, signature } }) => {
    const partner = await verifyRelationshipLink(partnerId, signature);
    if (!partner) return unusable(event, 404);
    if (!relationshipLinkAvailable()) return unavailableHere(event, 200, partner.companyName);
    const csrf = await issueCsrf(`relationship|${partnerId}`);
    return page(200, renderRelationshipRequestPage({ locale: localeOf(event), partnerName: partner.companyName, formAction: event.rawPath, csrfToken: csrf.formValue }), [csrf.setCookie]);
  },

  requestRelationship: async ({ event, headers, params: { partnerId, signature } }) => {
    const partner = await verifyRelationshipLink(partnerId, signature);
    if (!partner) return unusable(event, 404);
    if (!relationshipLinkAvailable()) return unavailableHere(event, 422, partner.companyName);
    const fields = readForm(event);
    const form = await checkCsrf(headers, event.cookies, fields.csrf ?? '', `relationship|${partnerId}`);
    if (!form) return errorPage(event, 403);
    const locale = localeOf(event);
    const parsed = RelationshipRequestForm.safeParse(fields);
    if (!parsed.success) {
      const csrf = await issueCsrf(`relationship|${partnerId}`);
      return page(400, renderRelationshipRequestPage({ locale, partnerName: partner.companyName, formAction: event.rawPath, csrfToken: csrf.formValue, errors: fieldErrors(locale, parsed.error) }), [csrf.setCookie]);
    }
    try {
      await requestRelationship(partnerId, parsed.data.email, { sourceIp: event.requestContext.http.sourceIp, formNonce: form.nonce });
    } catch (error) {
      const code = codeOf(error);
      if (code === 'relationships.formAlreadyUsed') return errorPage(event, 403);
      if (code === 'http.rateLimited') return tooMany(event, error as Problem);
      // Whether an address bounced before is not for an anonymous visitor to learn.
      if (code !== 'invitations.recipientBounced') throw error;
    }
    return page(200, renderRelationshipRequestPage({ locale, partnerName: partner.companyName, formAction: event.rawPath, csrfToken: '', sent: true }));
  },

  requestInformation: async ({ event, headers, params: { partnerId, locationId } }) => {
    const location = await publishedLocation(partnerId, locationId);
    const fields = readForm(event);
    const csrf = await checkCsrf(headers, event.cookies, fields.csrf ?? '', requestFormScope(partnerId, locationId));
    if (!csrf) return errorPage(event, 403);
    const locale = localeOf(event);
    const parsed = InformationRequestForm.safeParse(fields);
    if (!parsed.success) return requestFormAgain(event, 400, location, fieldErrors(locale, parsed.error), fields);
    try {
      await submitInformationRequest({ location, form: parsed.data, csrf, sourceIp: event.requestContext.http.sourceIp, locale });
    } catch (error) {
      const code = codeOf(error);
      if (code === 'informationRequests.sentTooSoon') return requestFormAgain(event, 422, location, [{ field: 'form', message: t(locale, 'rfi.tooSoon') }], fields);
      if (code === 'informationRequests.formAlreadyUsed') return errorPage(event, 403);
      if (code === 'http.rateLimited') return tooMany(event, error as Problem);
      throw error;
    }
    return page(200, renderSentPage({ locale, partnerName: location.name, linkTtlHours: config().informationRequests.linkTtlHours }));
  },

  informationRequestPage: async ({ event, params: { token } }) => {
    const lookup = await openConfirmation(token);
    if (!lookup.usable) return requestLinkUnusable(event, lookup.status);
    const csrf = await issueCsrf(`information-request|${lookup.tokenHash}`);
    const { partnerName, city } = lookup.request;
    return page(200, renderConfirmPage({ locale: localeOf(event), partnerName, city, formAction: event.rawPath, csrfToken: csrf.formValue }), [csrf.setCookie]);
  },

  confirmInformationRequest: async ({ event, headers, params: { token } }) => {
    const lookup = await openConfirmation(token);
    if (!lookup.usable) return requestLinkUnusable(event, lookup.status);
    const fields = readForm(event);
    if (!(await checkCsrf(headers, event.cookies, fields.csrf ?? '', `information-request|${lookup.tokenHash}`))) return errorPage(event, 403);
    if (!ConfirmInformationRequestForm.safeParse(fields).success) return errorPage(event, 400);
    const result = await confirmInformationRequest(token);
    if (result.outcome === 'gone') return requestLinkUnusable(event, result.status);
    return page(200, renderConfirmedPage({ locale: localeOf(event), partnerName: result.partnerName }));
  },
});
