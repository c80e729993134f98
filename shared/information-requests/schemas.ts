// The request-for-information form on a directory location's page, and the confirmation page's form.
import { enum as zodEnum, globalRegistry, literal, maxLength, meta, minLength, optional, strictObject, string } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
import { CUSTOMER_SIZES } from '../platform/reference-data.js';
import { CompanyName, CountryCode, Email, FormToken, MultiLineText, optionalFormField, PhoneNumber, SingleLineText } from '../platform/schemas.js';

/** The longest need a requester can describe: enough for a paragraph or two, not a document. */
export const MAX_NEED_LENGTH = 2000;

export const InformationRequestForm = strictObject({
  csrf: FormToken,
  firstName: SingleLineText.check(minLength(1), maxLength(50)),
  lastName: SingleLineText.check(minLength(1), maxLength(50)),
  companyName: CompanyName,
  email: Email,
  phone: optionalFormField(PhoneNumber),
  country: CountryCode,
  size: zodEnum(CUSTOMER_SIZES),
  need: MultiLineText.check(minLength(1), maxLength(MAX_NEED_LENGTH)),
  /** The "please contact me" checkbox: a browser sends it only when ticked. */
  contactMe: optional(literal('yes')),
  /** The honeypot: hidden from people, so only a script fills it. */
  website: optional(string().check(maxLength(500), meta({ description: 'Leave empty (a field people do not see; a form with it filled is discarded)' }))),
}).register(globalRegistry, { id: 'InformationRequestForm' });
export type InformationRequestForm = Infer<typeof InformationRequestForm>;

export const ConfirmInformationRequestForm = strictObject({ csrf: FormToken }).register(globalRegistry, { id: 'ConfirmInformationRequestForm' });
