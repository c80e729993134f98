import type { Principal } from '../platform/auth.js';
import { nowIso } from '../platform/clock.js';
import { activityItem, diff } from '../activity/index.js';
import { findPartnerProfile as readProfile, savePartnerProfile } from './store.js';
import { profileNotFound } from './problems.js';
import { project } from '../platform/dynamo/item-schema.js';
import type { PartnerProfile, PartnerProfileInput } from './schemas.js';
import { PartnerProfileView, type PartnerProfileRecord } from './entity.js';

const publicProfile = (record: PartnerProfileRecord): PartnerProfile => project(PartnerProfileView, record);

export async function getPartnerProfile(principal: Principal): Promise<PartnerProfile> {
  const profile = await readProfile(principal.partnerId);
  if (!profile) throw profileNotFound();
  return publicProfile(profile);
}

export async function putPartnerProfile(principal: Principal, input: PartnerProfileInput): Promise<PartnerProfile> {
  const previous = await readProfile(principal.partnerId);
  const updatedAt = nowIso();
  const profile: PartnerProfile = {
    partnerId: principal.partnerId,
    companyName: input.companyName,
    country: input.country,
    partnerType: input.partnerType,
    markets: [...new Set(input.markets ?? [input.country])].sort(),
    primaryContact: input.primaryContact,
    updatedAt,
  };
  const changes = diff(previous ? publicProfile(previous) : {}, profile).filter((c) => c.field !== 'updatedAt');
  const operation = previous ? 'Update Partner Legal Profile' : 'Create Partner Legal Profile';
  await savePartnerProfile(profile, previous?.version, activityItem(principal, operation, updatedAt, changes));
  return profile;
}
