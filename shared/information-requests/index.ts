// What other features, functions and scripts may use of information-requests; everything else in the folder is its own.
export { renderConfirmPage, renderConfirmedPage, renderLinkUnusablePage, renderSentPage } from './pages.js';
export { type InformationRequestsProblemCode } from './problems.js';
export { ConfirmInformationRequestForm, InformationRequestForm } from './schemas.js';
export { confirmationMail } from './confirmation-email.js';
export { locationPageWithForm, requestFormScope } from './form-page.js';
export { leadMail } from './lead-email.js';
export { confirmInformationRequest, openConfirmation, publishedLocation, submitInformationRequest } from './service.js';
