// The request-for-information form on a directory location's page, and the confirmation page's form.
import { enum as zodEnum, literal, preprocess, strictObject, string } from 'zod';
import type { z } from 'zod';
import { CUSTOMER_SIZES } from '../platform/reference-data.js';
import { CompanyName, CountryCode, Email, FormToken, MultiLineText, PhoneNumber, SingleLineText } from '../platform/schemas.js';

/** The longest need a requester can describe: enough for a paragraph or two, not a document. */
export const MAX_NEED_LENGTH = 2000;

// A text field left empty arrives as `name=`, which means "not given".
const optionalField = <S extends z.ZodType>(schema: S) => preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const InformationRequestForm = strictObject({
  csrf: FormToken,
  firstName: SingleLineText.min(1).max(50),
  lastName: SingleLineText.min(1).max(50),
  companyName: CompanyName,
  email: Email,
  phone: optionalField(PhoneNumber),
  country: CountryCode,
  size: zodEnum(CUSTOMER_SIZES),
  need: MultiLineText.min(1).max(MAX_NEED_LENGTH),
  /** The "please contact me" checkbox: a browser sends it only when ticked. */
  contactMe: literal('yes').optional(),
  /** The honeypot: hidden from people, so only a script fills it. */
  website: string().max(500).optional().meta({ description: 'Leave empty (a field people do not see; a form with it filled is discarded)' }),
}).meta({ id: 'InformationRequestForm' });
export type InformationRequestForm = z.infer<typeof InformationRequestForm>;

export const ConfirmInformationRequestForm = strictObject({ csrf: FormToken }).meta({ id: 'ConfirmInformationRequestForm' });
