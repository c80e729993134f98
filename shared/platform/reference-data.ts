// Reference lists the validators need. Kept as data so the rules read like the domain notes.

/** ISO 3166-1 alpha-2 codes (officially assigned). */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  ('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW ' +
    'BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI ' +
    'FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN ' +
    'IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME ' +
    'MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF ' +
    'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
    'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE ' +
    'YT ZA ZM ZW'
  ).split(' '),
);

/** Countries where a customer needs a company phone number and a registration (tax) id. */
export const COUNTRIES_REQUIRING_REGISTRATION_ID: ReadonlySet<string> = new Set(
  'AM AZ BY BR HU IN IQ KZ KG MD MM PL RU SA ZA SS TJ TH TR UA AE UZ VE VN'.split(' '),
);

/** Bare legal forms that are not a company name on their own. */
export const BARE_LEGAL_FORMS: ReadonlySet<string> = new Set(
  ('llc inc incorporated ltd limited corp corporation co company gmbh ag sa sas sarl srl spa bv nv plc pty ' +
    'pvt lp llp kg oy ab as aps kk oao ooo zao pjsc jsc sro spzoo').split(' '),
);

/** Consumer mail providers: not acceptable for a business contact. */
export const WEBMAIL_DOMAINS: ReadonlySet<string> = new Set(
  ('gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com ymail.com aol.com icloud.com ' +
    'me.com mac.com proton.me protonmail.com gmx.com gmx.net gmx.de web.de mail.com yandex.com yandex.ru ' +
    'mail.ru qq.com 163.com 126.com zoho.com tutanota.com fastmail.com hey.com').split(' '),
);

/**
 * The expertise and referral catalogues (Partner Center's industries, products, services and customer
 * sizes), versioned: a stored profile names the version its ids come from, and an id is retired by a new
 * version, never by editing one in place.
 */
export const CATALOGUE_VERSION = '2026-11';

export const INDUSTRIES: Readonly<Record<string, string>> = {
  agriculture: 'Agriculture',
  automotive: 'Automotive',
  distribution: 'Distribution',
  education: 'Education',
  energy: 'Energy',
  financialServices: 'Financial services',
  government: 'Government',
  healthcare: 'Healthcare',
  hospitalityAndTravel: 'Hospitality and travel',
  manufacturing: 'Manufacturing',
  mediaAndCommunications: 'Media and communications',
  nonprofit: 'Nonprofit',
  professionalServices: 'Professional services',
  retail: 'Retail',
};

export const PRODUCTS: Readonly<Record<string, string>> = {
  azure: 'Azure',
  azureVirtualDesktop: 'Azure Virtual Desktop',
  copilot: 'Copilot',
  defender: 'Defender',
  dynamics365: 'Dynamics 365',
  entraId: 'Entra ID',
  exchangeOnline: 'Exchange Online',
  fabric: 'Fabric',
  github: 'GitHub',
  intune: 'Intune',
  microsoft365: 'Microsoft 365',
  powerBi: 'Power BI',
  powerPlatform: 'Power Platform',
  sentinel: 'Sentinel',
  sharePoint: 'SharePoint',
  sqlServer: 'SQL Server',
  surface: 'Surface',
  teams: 'Teams',
  visualStudio: 'Visual Studio',
  windows: 'Windows',
};

export const SERVICES: Readonly<Record<string, string>> = {
  consulting: 'Consulting',
  customDevelopment: 'Custom development',
  deployment: 'Deployment',
  integration: 'Integration',
  licensingAdvice: 'Licensing advice',
  managedServices: 'Managed services',
  migration: 'Migration',
  securityAssessment: 'Security assessment',
  support: 'Support',
  training: 'Training',
};

/** The customer sizes a partner takes referrals from, smallest first. */
export const CUSTOMER_SIZES = [
  '1to9employees',
  '10to50employees',
  '51to250employees',
  '251to1000employees',
  '1001to5000employees',
  '5001to10000employees',
  '10001to20000employees',
  'morethan20000employees',
] as const;
