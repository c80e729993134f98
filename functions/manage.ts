// The customer admin's manage page, from the link in the confirmation mail. HTML only, and GET changes nothing:
// mail scanners open links before people do. Every post carries the page's form cookie and csrf value and comes
// from this origin.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Problem } from '../shared/platform/errors.js';
import { checkCsrf, issueCsrf } from '../shared/platform/http/csrf.js';
import { groupHandler } from '../shared/platform/http/handler.js';
import { errorPage, htmlPage as page, localeOf, PLATFORM_PROBLEM_PAGES } from '../shared/platform/http/html-pages.js';
import { fieldErrors, FormError, readForm } from '../shared/platform/http/form.js';
import type { HttpResponse } from '../shared/platform/http/response.js';
import { logFault } from '../shared/platform/http/problem.js';
import type { FieldError } from '../shared/platform/form-fields.js';
import { manageRoutes } from '../shared/routes/manage.js';
import { clientBudgetOf } from '../shared/routes/public-pages.js';
import type { ProblemCode } from '../shared/routes/problems.js';
import type { PurchasePermissions } from '../shared/purchase-permissions/index.js';
import {
  EndFromCustomerForm,
  TerminateGrantForm,
  TurnOffPurchasePermissionForm,
  endFromCustomer,
  managedGrants,
  managedPurchasePermissions,
  openManageLink,
  terminateGrantFromCustomer,
  turnOffPurchasePermissionFromCustomer,
  type ManagedGrant,
  type ManageLookup,
  type OpenManageLink,
} from '../shared/customer-manage/index.js';
import { renderEndedByCustomerPage, renderManageLinkUnusablePage, renderManagePage, renderRelationshipEndedPage, tManage } from '../shared/customer-manage/index.js';

/** One text for every manage link that cannot be used, 404 or 410. */
const manageUnusable = (event: APIGatewayProxyEventV2, status: 404 | 410) => page(status, renderManageLinkUnusablePage({ locale: localeOf(event) }));

/** A link that cannot be used, or one whose relationship the partner ended: a page that says which. */
const manageGone = (event: APIGatewayProxyEventV2, lookup: Exclude<ManageLookup, { usable: true }>) =>
  'ended' in lookup ? page(410, renderRelationshipEndedPage({ locale: localeOf(event), ...lookup.ended })) : manageUnusable(event, lookup.status);

/** The forms of one manage link share a cookie: the scope is its hash. */
const manageScope = (open: OpenManageLink) => `manage|${open.link.tokenHash}`;

interface PageExtras {
  errors?: FieldError[];
  notice?: string;
  /** As a change just left them, so the answer needs no read after the write. */
  grants?: ManagedGrant[];
  purchasePermissions?: PurchasePermissions;
}

async function managePageFor(event: APIGatewayProxyEventV2, token: string, open: OpenManageLink, status: number, extra: PageExtras = {}) {
  const { link, customer, partner } = open;
  const [csrf, grants, purchasePermissions] = await Promise.all([
    issueCsrf(manageScope(open)),
    extra.grants ?? managedGrants(open),
    extra.purchasePermissions ?? managedPurchasePermissions(open),
  ]);
  return page(
    status,
    renderManagePage({
      locale: localeOf(event),
      partnerName: partner.companyName,
      partnerCountry: partner.country,
      companyName: customer.companyProfile.companyName,
      domain: customer.companyProfile.domain,
      activeSince: link.issuedAt,
      grants,
      purchasePermissions,
      formAction: `/manage/${token}`,
      csrfToken: csrf.formValue,
      ...(extra.errors ? { errors: extra.errors } : {}),
      ...(extra.notice ? { notice: extra.notice } : {}),
    }),
    [csrf.setCookie],
  );
}

/** A post of a manage page's form: the link still usable, the form read, its CSRF pair good; else the page to answer. */
async function manageFormPost(event: APIGatewayProxyEventV2, headers: Record<string, string | undefined>, token: string) {
  const lookup = await openManageLink(token);
  if (!lookup.usable) return manageGone(event, lookup);
  const fields = readForm(event);
  if (!(await checkCsrf(headers, event.cookies, fields.csrf ?? '', manageScope(lookup.open)))) return errorPage(event, 403);
  return { open: lookup.open, fields };
}

/** The pages that answer problems, by code; any other error is a fault, logged, and answered with the 500 page. */
const PROBLEM_PAGES: Partial<Record<ProblemCode, (event: APIGatewayProxyEventV2, error: Problem) => HttpResponse>> = {
  // A malformed token, grant id or permission type is just a link that does not exist.
  'http.validation': (event) => manageUnusable(event, 404),
  ...PLATFORM_PROBLEM_PAGES,
};

export const handler = groupHandler(manageRoutes, {
  clientBudget: clientBudgetOf('manage'),
  errorResponse: (error, event) => {
    const problemPage = error instanceof Problem ? PROBLEM_PAGES[error.code as ProblemCode] : undefined;
    if (problemPage) return problemPage(event, error as Problem);
    if (error instanceof FormError) return errorPage(event, 400);
    logFault('manage page failed', error);
    return errorPage(event, 500);
  },
})({
  customerManagePage: async ({ event, params: { token } }) => {
    const lookup = await openManageLink(token);
    return lookup.usable ? managePageFor(event, token, lookup.open, 200) : manageGone(event, lookup);
  },

  endRelationshipFromCustomer: async ({ event, headers, params: { token } }) => {
    const posted = await manageFormPost(event, headers, token);
    if ('statusCode' in posted) return posted;
    const parsed = EndFromCustomerForm.safeParse(posted.fields);
    if (!parsed.success) return managePageFor(event, token, posted.open, 400, { errors: fieldErrors(localeOf(event), parsed.error) });
    const result = await endFromCustomer(token, parsed.data.reason);
    if (result.outcome === 'gone') return manageGone(event, result.lookup);
    return page(200, renderEndedByCustomerPage({ locale: localeOf(event), partnerName: result.partnerName }));
  },

  terminateGrantFromCustomer: async ({ event, headers, params: { token, grantId } }) => {
    const posted = await manageFormPost(event, headers, token);
    if ('statusCode' in posted) return posted;
    if (!TerminateGrantForm.safeParse(posted.fields).success) return errorPage(event, 400);
    const result = await terminateGrantFromCustomer(token, grantId);
    const locale = localeOf(event);
    switch (result.outcome) {
      case 'gone':
        return manageGone(event, result.lookup);
      case 'unknownGrant':
        return errorPage(event, 404);
      case 'notActive':
        return managePageFor(event, token, result.open, 409, { notice: tManage(locale, 'manage.grant.notActive') });
      case 'terminated': {
        const notice = tManage(locale, 'manage.grant.terminatedNotice', { displayName: result.grant.displayName, partnerName: result.open.partner.companyName });
        return managePageFor(event, token, result.open, 200, { notice, grants: result.grants, purchasePermissions: result.purchasePermissions });
      }
    }
  },

  turnOffPurchasePermissionFromCustomer: async ({ event, headers, params: { token, type } }) => {
    const posted = await manageFormPost(event, headers, token);
    if ('statusCode' in posted) return posted;
    if (!TurnOffPurchasePermissionForm.safeParse(posted.fields).success) return errorPage(event, 400);
    const result = await turnOffPurchasePermissionFromCustomer(token, type);
    const locale = localeOf(event);
    const name = tManage(locale, `purchasePermission.${type}`);
    switch (result.outcome) {
      case 'gone':
        return manageGone(event, result.lookup);
      case 'alreadyOff':
        return managePageFor(event, token, result.open, 409, { notice: tManage(locale, 'manage.purchase.alreadyOff', { type: name }) });
      case 'turnedOff': {
        const notice = tManage(locale, 'manage.purchase.turnedOffNotice', { type: name, partnerName: result.open.partner.companyName });
        return managePageFor(event, token, result.open, 200, { notice, grants: result.grants, purchasePermissions: result.purchasePermissions });
      }
    }
  },
});
