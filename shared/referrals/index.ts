// What other features, functions and scripts may use of referrals; everything else in the folder is its own.
export { type ReferralRecord, referralItem } from './entity.js';
export { type ReferralsProblemCode } from './problems.js';
export { CUSTOMER_SIZES, QUALIFICATIONS } from './reference.js';
export { referralExpiryWarningMail, requesterNoteMail } from './expiry-email.js';
export { partnerReferralMail } from './partner-referral-email.js';
export { countOpenReferralsWith } from './engagement.js';
export { type ReferralExpiryResult, expireDueReferrals } from './expiry.js';
export { AcceptReferralRequest, CloseReferralRequest, CreateReferralRequest, DeclineReferralRequest, ListReferralsQuery, PartnerReferralRequest, Referral, ReferralIdParams, ReferralInvitationRequest, ReferralPage, ResellerIdParams, UpdateReferralRequest } from './schemas.js';
export { type CreateResult, type ReferralResult, acceptReferral, closeReferral, createReferral, declineReferral, getReferral, inviteReferralCustomer, listReferrals, receiveReferral, referralLocation, referToReseller, updateReferral } from './service.js';
