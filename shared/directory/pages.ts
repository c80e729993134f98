// The public directory's pages: a GET search form with its results, and one page per location. Plain HTML
// that works without JavaScript, readable on a phone. Written with the `html` tag: every interpolated value
// is escaped, attribute values included.
import { html, joinHtml, raw, type SafeHtml } from '../platform/html.js';
import { countryName, plural } from '../platform/i18n/format.js';
import { resolveLocale, t, type Locale, type MessageKey } from '../platform/i18n/messages.js';
import { attrs, layout } from '../platform/page-layout.js';
import { COUNTRY_CODES, CUSTOMER_SIZES, INDUSTRIES, PRODUCTS, SERVICES } from '../platform/reference-data.js';
import type { DirectoryListing, DirectoryLocation, DirectoryPage, DirectoryQuery } from './schemas.js';

const STYLE = raw(`
select{display:block;width:100%;font:inherit;padding:.6rem;margin-top:.25rem;border:2px solid #555;border-radius:4px;background:#fff}
.filters{display:grid;gap:0 1rem;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr))}
.listing{border-top:1px solid #bbb;padding:1rem 0}.listing h3{margin:0 0 .25rem;font-size:1.2rem}
.meta{color:#444;font-size:.95rem;margin:.25rem 0}
.tags{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.4rem}
.tags li{background:#eef3ee;border:1px solid #9bb79f;border-radius:1rem;padding:.1rem .6rem;font-size:.9rem}
.description{white-space:pre-line}address{font-style:normal}
a{color:#0a4b8c}.more{display:inline-block;margin:1rem 0;font-weight:600}`);

type Catalogue = Readonly<Record<string, string>>;

const tagList = (labels: string[]) => (labels.length ? html`<ul class="tags">${labels.map((label) => html`<li>${label}</li>`)}</ul>` : html``);
const labelsOf = (catalogue: Catalogue, ids: string[]) => ids.map((id) => catalogue[id] ?? id);
const sizeLabel = (locale: Locale, size: string) => t(locale, `size.${size}` as MessageKey);

function select(locale: Locale, name: string, label: MessageKey, options: [string, string][], selected: string | undefined): SafeHtml {
  const id = `f-${name}`;
  const choices = [['', t(locale, 'directory.any')] as [string, string], ...options].map(
    ([value, text]) => html`<option ${attrs({ value, selected: value === (selected ?? '') })}>${text}</option>`,
  );
  return html`<div class="field"><label ${attrs({ for: id })}>${t(locale, label)}</label><select ${attrs({ id, name })}>${choices}</select></div>`;
}

const catalogueOptions = (catalogue: Catalogue): [string, string][] => Object.entries(catalogue).sort((a, b) => a[1].localeCompare(b[1]));

function searchForm(locale: Locale, query: Partial<DirectoryQuery>): SafeHtml {
  const countries = [...COUNTRY_CODES].map((code): [string, string] => [code, countryName(locale, code)]).sort((a, b) => a[1].localeCompare(b[1], locale));
  return html`<form method="get" action="/directory" role="search">
<div class="field"><label for="f-q">${t(locale, 'directory.field.q')}</label><span class="hint" id="f-q-hint">${t(locale, 'directory.field.qHint')}</span>
<input ${attrs({ id: 'f-q', name: 'q', type: 'search', value: query.q ?? '', 'aria-describedby': 'f-q-hint' })}></div>
<div class="filters">
${select(locale, 'country', 'directory.field.country', countries, query.country)}
${select(locale, 'customerSize', 'directory.field.customerSize', CUSTOMER_SIZES.map((size) => [size, sizeLabel(locale, size)]), query.customerSize)}
${select(locale, 'industry', 'directory.field.industry', catalogueOptions(INDUSTRIES), query.industry)}
${select(locale, 'product', 'directory.field.product', catalogueOptions(PRODUCTS), query.product)}
${select(locale, 'service', 'directory.field.service', catalogueOptions(SERVICES), query.service)}
</div>
<button type="submit" class="primary">${t(locale, 'directory.search')}</button>
</form>`;
}

const responseLine = (locale: Locale, hours: number | null) =>
  hours === null ? t(locale, 'directory.responseUnknown') : plural(locale, 'directory.responseHours', Math.max(1, Math.round(hours)), { hours: Math.max(1, Math.round(hours)) });

function listingHtml(locale: Locale, listing: DirectoryListing): SafeHtml {
  const locations = listing.locations.map(
    (location) => html`<li><a ${attrs({ href: location.path })}>${t(locale, 'directory.locationIn', { city: location.city, country: countryName(locale, listing.country) })}</a></li>`,
  );
  return html`<article class="listing">
<h3>${listing.name}</h3>
<p class="meta">${countryName(locale, listing.country)} · ${responseLine(locale, listing.responseHours)}</p>
${tagList([...labelsOf(INDUSTRIES, listing.industries), ...labelsOf(PRODUCTS, listing.products), ...labelsOf(SERVICES, listing.services), ...listing.solutions])}
<h4 class="vh">${t(locale, 'directory.locations')}</h4><ul>${locations}</ul>
</article>`;
}

export interface DirectoryPageModel {
  locale: string;
  query: Partial<DirectoryQuery>;
  page: DirectoryPage;
}

/** The query of the next page: the same search, with the page's continuation token. */
export function nextPageHref(query: Partial<DirectoryQuery>, continuationToken: string): string {
  const params = new URLSearchParams();
  for (const name of ['q', 'country', 'customerSize', 'industry', 'product', 'service', 'limit'] as const) {
    const value = query[name];
    if (value !== undefined) params.set(name, String(value));
  }
  params.set('continuationToken', continuationToken);
  return `/directory?${params}`;
}

export function renderDirectoryPage(model: DirectoryPageModel): string {
  const locale = resolveLocale(model.locale);
  const { items, continuationToken } = model.page;
  const empty = items.length === 0 ? html`<p>${t(locale, continuationToken ? 'directory.noneMore' : 'directory.none')}</p>` : '';
  const more = continuationToken ? html`<a class="more" ${attrs({ href: nextPageHref(model.query, continuationToken), rel: 'next' })}>${t(locale, 'directory.more')}</a>` : '';
  const body = html`<p>${t(locale, 'directory.intro')}</p>
${searchForm(locale, model.query)}
<p class="meta">${t(locale, 'directory.order')}</p>
<section aria-labelledby="results"><h2 id="results">${t(locale, 'directory.results')}</h2>
${empty}${joinHtml(items.map((listing) => listingHtml(locale, listing)), '\n')}
${more}</section>`;
  return layout(locale, t(locale, 'directory.title'), body, false, STYLE);
}

const section = (locale: Locale, heading: MessageKey, labels: string[]) => (labels.length ? html`<h2>${t(locale, heading)}</h2>${tagList(labels)}` : '');

/**
 * `requestForm`: the request-for-information form (shared/information-requests/pages.ts) with its style, shown
 * below the location's details.
 */
export function renderLocationPage(model: { locale: string; location: DirectoryLocation; requestForm?: { html: SafeHtml; style: SafeHtml; hasErrors: boolean } }): string {
  const locale = resolveLocale(model.locale);
  const { location } = model;
  const { address } = location;
  const addressLines = [address.addressLine1, address.addressLine2, [address.postalCode, address.city].join(' '), address.region, countryName(locale, address.country)]
    .filter((line): line is string => Boolean(line))
    .map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`));
  // The website passed the profile schema's http(s)-only URL check, so it cannot be a script URL.
  const body = html`<p class="meta">${t(locale, 'directory.locationIn', { city: address.city, country: countryName(locale, location.country) })}</p>
<p class="description">${location.description}</p>
<p><a ${attrs({ href: location.website, rel: 'nofollow noopener noreferrer' })}>${t(locale, 'directory.website')}: ${location.website}</a></p>
${section(locale, 'directory.industries', labelsOf(INDUSTRIES, location.industries))}
${section(locale, 'directory.products', labelsOf(PRODUCTS, location.products))}
${section(locale, 'directory.services', labelsOf(SERVICES, location.services))}
${section(locale, 'directory.solutions', location.solutions)}
${section(locale, 'directory.customerSizes', location.customerSizes.map((size) => sizeLabel(locale, size)))}
<h2>${t(locale, 'directory.address')}</h2><address>${addressLines}</address>
${model.requestForm?.html ?? ''}
<p><a href="/directory">${t(locale, 'directory.back')}</a></p>`;
  return layout(locale, location.name, body, model.requestForm?.hasErrors ?? false, html`${STYLE}${model.requestForm?.style ?? ''}`);
}
