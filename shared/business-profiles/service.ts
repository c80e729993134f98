// Business profiles: one per country where the partner has a location, shown in the public directory
// once published. Every change is one transaction with its activity record and the directory's items.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../platform/auth.js';
import { nowIso } from '../platform/clock.js';
import { preconditionFailed, preconditionRequired } from '../platform/errors.js';
import { CATALOGUE_VERSION } from '../platform/reference-data.js';
import { activityItem, diff } from '../activity/index.js';
import { profileWords, MAX_SEARCH_WORDS } from '../directory/index.js';
import { getLegalName, getProfile, listProfiles, readForChange, saveProfile } from './store.js';
import { addressOutsideCountry, changedMeanwhile, legalProfileRequired, profileNotFound, repeatedLocation, tooManySearchWords, unknownLocation } from './problems.js';
import type { BusinessProfile, BusinessProfileInput } from './schemas.js';
import type { BusinessProfileRecord } from './entity.js';

export interface ProfileResult {
  profile: BusinessProfile;
  etag: string;
}

const etagOf = (record: { version: number }) => `"v${record.version}"`;

const view = ({ partnerId: _p, version: _v, ...record }: BusinessProfileRecord, name: string): BusinessProfile => ({ ...record, name });
const result = (record: BusinessProfileRecord, name: string): ProfileResult => ({ profile: view(record, name), etag: etagOf(record) });

export async function listBusinessProfiles(principal: Principal): Promise<{ items: BusinessProfile[] }> {
  const [records, name] = await Promise.all([listProfiles(principal.partnerId), getLegalName(principal.partnerId)]);
  return { items: records.map((record) => view(record, name ?? '')) };
}

export async function getBusinessProfile(principal: Principal, country: string): Promise<ProfileResult> {
  const [record, name] = await Promise.all([getProfile(principal.partnerId, country), getLegalName(principal.partnerId)]);
  if (!record) throw profileNotFound(country);
  return result(record, name ?? '');
}

/** If-Match against the stored version: required once the profile exists, strong comparison, `*` for any. */
function checkIfMatch(ifMatch: string | undefined, current: BusinessProfileRecord | undefined) {
  const value = ifMatch?.trim();
  if (!value) {
    if (current) throw preconditionRequired();
    return;
  }
  if (!current || (value !== '*' && value !== etagOf(current))) throw preconditionFailed();
}

/** Locations keep their ids: a known id edits that location in place, none adds a new one. */
function locationsOf(input: BusinessProfileInput, country: string, current: BusinessProfileRecord | undefined) {
  const known = new Set(current?.locations.map((l) => l.id));
  const seen = new Set<string>();
  return input.locations.map((location, index) => {
    if (location.address.country !== country) throw addressOutsideCountry(index, country);
    if (location.id !== undefined) {
      if (!known.has(location.id)) throw unknownLocation(index, location.id);
      if (seen.has(location.id)) throw repeatedLocation(index, location.id);
      seen.add(location.id);
    }
    return { id: location.id ?? randomUUID(), address: location.address, contact: location.contact };
  });
}

async function save(principal: Principal, operation: string, previous: BusinessProfileRecord | undefined, next: BusinessProfileRecord | undefined, name: string, response: Awaited<ReturnType<typeof readForChange>>['response']) {
  const strip = (record: BusinessProfileRecord | undefined) => (record ? view(record, name) : {});
  const changes = diff(strip(previous), strip(next)).filter((c) => c.field !== 'updatedAt');
  const at = next?.updatedAt ?? nowIso();
  const outcome = await saveProfile({ previous, next, name, response, activity: activityItem(principal, operation, at, changes) });
  if (outcome === 'stale') throw preconditionFailed();
  if (outcome === 'conflict') throw changedMeanwhile();
}

export async function putBusinessProfile(principal: Principal, country: string, input: BusinessProfileInput, ifMatch: string | undefined): Promise<ProfileResult> {
  const { profile: current, legalName, response } = await readForChange(principal.partnerId, country);
  checkIfMatch(ifMatch, current);
  if (legalName === undefined) throw legalProfileRequired();
  const locations = locationsOf(input, country, current);
  const words = profileWords(input);
  if (words.length > MAX_SEARCH_WORDS) throw tooManySearchWords(words.length);

  const now = nowIso();
  const next: BusinessProfileRecord = {
    partnerId: principal.partnerId,
    country,
    description: input.description,
    website: input.website,
    industries: input.industries,
    products: input.products,
    services: input.services,
    solutions: input.solutions,
    customerSizes: input.customerSizes,
    locations,
    referenceDataVersion: CATALOGUE_VERSION,
    published: current?.published ?? false,
    ...(current?.publishedAt ? { publishedAt: current.publishedAt } : {}),
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
    version: (current?.version ?? 0) + 1,
  };
  await save(principal, current ? 'Update Business Profile' : 'Create Business Profile', current, next, legalName, response);
  return result(next, legalName);
}

/** Publishing is immediate: the profile is in the directory when this returns. Again on a published profile changes nothing. */
export async function setPublished(principal: Principal, country: string, published: boolean): Promise<ProfileResult> {
  const { profile: current, legalName, response } = await readForChange(principal.partnerId, country);
  if (!current) throw profileNotFound(country);
  const name = legalName ?? '';
  if (current.published === published) return result(current, name);
  const now = nowIso();
  const { publishedAt: _publishedAt, ...rest } = current;
  const next: BusinessProfileRecord = { ...rest, published, ...(published ? { publishedAt: now } : {}), updatedAt: now, version: current.version + 1 };
  await save(principal, published ? 'Publish Business Profile' : 'Unpublish Business Profile', current, next, name, response);
  return result(next, name);
}

/** Permanent: the profile and its directory listing go; referrals that came through it stay as they are. */
export async function deleteBusinessProfile(principal: Principal, country: string): Promise<void> {
  const { profile: current, legalName, response } = await readForChange(principal.partnerId, country);
  if (!current) throw profileNotFound(country);
  await save(principal, 'Delete Business Profile', current, undefined, legalName ?? '', response);
}
