// A directory location's page with its request form: the page a GET shows and a refused post shows again.
// Each view gets a fresh form cookie and value (one submission per view).
import { issueCsrf } from '../platform/http/csrf.js';
import type { FieldError } from '../platform/form-fields.js';
import { locationPath } from '../directory/index.js';
import { renderLocationPage } from '../directory/index.js';
import type { DirectoryLocation } from '../directory/index.js';
import { REQUEST_FORM_STYLE, requestForm, type RequestFormModel } from './pages.js';

/** The form's CSRF scope: its own cookie per location, so two tabs of two locations do not interfere. */
export const requestFormScope = (partnerId: string, locationId: string) => `directory|${partnerId}|${locationId}`;

export async function locationPageWithForm(
  locale: string,
  location: DirectoryLocation,
  shown: { errors?: FieldError[]; prefill?: RequestFormModel['prefill'] } = {},
): Promise<{ body: string; setCookie: string }> {
  const csrf = await issueCsrf(requestFormScope(location.partnerId, location.locationId));
  const form = requestForm({
    locale,
    partnerName: location.name,
    formAction: locationPath(location.partnerId, location.locationId),
    csrfToken: csrf.formValue,
    ...shown,
  });
  return { body: renderLocationPage({ locale, location, requestForm: { ...form, style: REQUEST_FORM_STYLE } }), setCookie: csrf.setCookie };
}
