// The public directory's pages: a GET search form with its results, and one page per location. Plain HTML
// that works without JavaScript, readable on a phone; every interpolated value goes through escapeHtml.
import { escapeHtml as e } from '../platform/html.js';
import { countryName, plural } from '../platform/i18n/format.js';
import { resolveLocale, t, type Locale, type MessageKey } from '../platform/i18n/messages.js';
import { attrs, layout } from '../platform/page-layout.js';
import { COUNTRY_CODES, CUSTOMER_SIZES, INDUSTRIES, PRODUCTS, SERVICES } from '../platform/reference-data.js';
import type { DirectoryListing, DirectoryLocation, DirectoryPage, DirectoryQuery } from './schemas.js';

const STYLE = `
select{display:block;width:100%;font:inherit;padding:.6rem;margin-top:.25rem;border:2px solid #555;border-radius:4px;background:#fff}
.filters{display:grid;gap:0 1rem;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr))}
.listing{border-top:1px solid #bbb;padding:1rem 0}.listing h3{margin:0 0 .25rem;font-size:1.2rem}
.meta{color:#444;font-size:.95rem;margin:.25rem 0}
.tags{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.4rem}
.tags li{background:#eef3ee;border:1px solid #9bb79f;border-radius:1rem;padding:.1rem .6rem;font-size:.9rem}
.description{white-space:pre-line}address{font-style:normal}
a{color:#0a4b8c}.more{display:inline-block;margin:1rem 0;font-weight:600}`;

type Catalogue = Readonly<Record<string, string>>;

const tagList = (labels: string[]) => (labels.length ? `<ul class="tags">${labels.map((label) => `<li>${e(label)}</li>`).join('')}</ul>` : '');
const labelsOf = (catalogue: Catalogue, ids: string[]) => ids.map((id) => catalogue[id] ?? id);
const sizeLabel = (locale: Locale, size: string) => t(locale, `size.${size}` as MessageKey);

function select(locale: Locale, name: string, label: MessageKey, options: [string, string][], selected: string | undefined): string {
  const id = `f-${name}`;
  const choices = [['', t(locale, 'directory.any')] as [string, string], ...options]
    .map(([value, text]) => `<option ${attrs({ value, selected: value === (selected ?? '') })}>${e(text)}</option>`)
    .join('');
  return `<div class="field"><label ${attrs({ for: id })}>${e(t(locale, label))}</label><select ${attrs({ id, name })}>${choices}</select></div>`;
}

const catalogueOptions = (catalogue: Catalogue): [string, string][] => Object.entries(catalogue).sort((a, b) => a[1].localeCompare(b[1]));

function searchForm(locale: Locale, query: Partial<DirectoryQuery>): string {
  const countries = [...COUNTRY_CODES].map((code): [string, string] => [code, countryName(locale, code)]).sort((a, b) => a[1].localeCompare(b[1], locale));
  return `<form method="get" action="/directory" role="search">
<div class="field"><label for="f-q">${e(t(locale, 'directory.field.q'))}</label><span class="hint" id="f-q-hint">${e(t(locale, 'directory.field.qHint'))}</span>
<input ${attrs({ id: 'f-q', name: 'q', type: 'search', value: query.q ?? '', 'aria-describedby': 'f-q-hint' })}></div>
<div class="filters">
${select(locale, 'country', 'directory.field.country', countries, query.country)}
${select(locale, 'customerSize', 'directory.field.customerSize', CUSTOMER_SIZES.map((size) => [size, sizeLabel(locale, size)]), query.customerSize)}
${select(locale, 'industry', 'directory.field.industry', catalogueOptions(INDUSTRIES), query.industry)}
${select(locale, 'product', 'directory.field.product', catalogueOptions(PRODUCTS), query.product)}
${select(locale, 'service', 'directory.field.service', catalogueOptions(SERVICES), query.service)}
</div>
<button type="submit" class="primary">${e(t(locale, 'directory.search'))}</button>
</form>`;
}

const responseLine = (locale: Locale, hours: number | null) =>
  hours === null ? t(locale, 'directory.responseUnknown') : plural(locale, 'directory.responseHours', Math.max(1, Math.round(hours)), { hours: Math.max(1, Math.round(hours)) });

function listingHtml(locale: Locale, listing: DirectoryListing): string {
  const locations = listing.locations
    .map((location) => `<li><a ${attrs({ href: location.path })}>${e(t(locale, 'directory.locationIn', { city: location.city, country: countryName(locale, listing.country) }))}</a></li>`)
    .join('');
  return `<article class="listing">
<h3>${e(listing.name)}</h3>
<p class="meta">${e(countryName(locale, listing.country))} · ${e(responseLine(locale, listing.responseHours))}</p>
${tagList([...labelsOf(INDUSTRIES, listing.industries), ...labelsOf(PRODUCTS, listing.products), ...labelsOf(SERVICES, listing.services), ...listing.solutions])}
<h4 class="vh">${e(t(locale, 'directory.locations'))}</h4><ul>${locations}</ul>
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
  const empty = items.length === 0 ? `<p>${e(t(locale, continuationToken ? 'directory.noneMore' : 'directory.none'))}</p>` : '';
  const more = continuationToken ? `<a class="more" ${attrs({ href: nextPageHref(model.query, continuationToken), rel: 'next' })}>${e(t(locale, 'directory.more'))}</a>` : '';
  const body = `<p>${e(t(locale, 'directory.intro'))}</p>
${searchForm(locale, model.query)}
<p class="meta">${e(t(locale, 'directory.order'))}</p>
<section aria-labelledby="results"><h2 id="results">${e(t(locale, 'directory.results'))}</h2>
${empty}${items.map((listing) => listingHtml(locale, listing)).join('\n')}
${more}</section>`;
  return layout(locale, t(locale, 'directory.title'), body, false, STYLE);
}

const section = (locale: Locale, heading: MessageKey, content: string) => (content ? `<h2>${e(t(locale, heading))}</h2>${content}` : '');

export function renderLocationPage(model: { locale: string; location: DirectoryLocation }): string {
  const locale = resolveLocale(model.locale);
  const { location } = model;
  const { address } = location;
  const addressLines = [address.addressLine1, address.addressLine2, [address.postalCode, address.city].join(' '), address.region, countryName(locale, address.country)]
    .filter((line): line is string => Boolean(line))
    .map(e)
    .join('<br>');
  const body = `<p class="meta">${e(t(locale, 'directory.locationIn', { city: address.city, country: countryName(locale, location.country) }))}</p>
<p class="description">${e(location.description)}</p>
<p><a ${attrs({ href: location.website, rel: 'nofollow noopener noreferrer' })}>${e(t(locale, 'directory.website'))}: ${e(location.website)}</a></p>
${section(locale, 'directory.industries', tagList(labelsOf(INDUSTRIES, location.industries)))}
${section(locale, 'directory.products', tagList(labelsOf(PRODUCTS, location.products)))}
${section(locale, 'directory.services', tagList(labelsOf(SERVICES, location.services)))}
${section(locale, 'directory.solutions', tagList(location.solutions))}
${section(locale, 'directory.customerSizes', tagList(location.customerSizes.map((size) => sizeLabel(locale, size))))}
<h2>${e(t(locale, 'directory.address'))}</h2><address>${addressLines}</address>
<p><a href="/directory">${e(t(locale, 'directory.back'))}</a></p>`;
  return layout(locale, location.name, body, false, STYLE);
}
