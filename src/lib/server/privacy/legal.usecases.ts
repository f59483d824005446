import { config } from '../config';
import { listActiveTerritories } from '../territories/territories.usecases';
import type { Db } from '../db/client';
import { REGISTER } from './register';

/**
 * What the operator of an instance declares about itself (mentions légales, LCEN art. 6 III), read
 * from optional environment variables documented in README. An unset value stays null: the page
 * says « À compléter par l’exploitant » rather than inventing a publisher or a host.
 */
export interface OperatorInfo {
	publisherName: string | null;
	publisherAddress: string | null;
	publisherContact: string | null;
	publicationDirector: string | null;
	hostName: string | null;
	hostAddress: string | null;
	/** The data protection officer (or the person to write to about personal data). */
	privacyContact: string | null;
}

const setting = (name: string): string | null => {
	const value = process.env[name]?.trim();
	return value ? value : null;
};

export function operatorInfo(): OperatorInfo {
	return {
		publisherName: setting('PUBLISHER_NAME'),
		publisherAddress: setting('PUBLISHER_ADDRESS'),
		publisherContact: setting('PUBLISHER_CONTACT'),
		publicationDirector: setting('PUBLICATION_DIRECTOR'),
		hostName: setting('HOST_NAME'),
		hostAddress: setting('HOST_ADDRESS'),
		privacyContact: setting('PRIVACY_CONTACT') ?? setting('PUBLISHER_CONTACT')
	};
}

/**
 * The software's licence and where its source is: AGPL-3.0-or-later obliges the operator to offer the
 * source of what runs to its users (section 13), so SOURCE_URL names it; unset, the page says so.
 */
export const SOFTWARE = {
	licence: 'AGPL-3.0-or-later',
	licenceUrl: 'https://www.gnu.org/licenses/agpl-3.0.html'
} as const;

/** The open data (indicator, plans, sheets through the public API) are published under the Licence Ouverte 2.0. */
export const OPEN_DATA = {
	licence: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
	licenceUrl: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/'
} as const;

export function legalNotice() {
	return { operator: operatorInfo(), software: { ...SOFTWARE, sourceUrl: setting('SOURCE_URL') }, openData: { ...OPEN_DATA } };
}

/** The privacy policy, generated from the personal-data register, in the reader's language. */
export function privacyPolicy(locale: 'fr' | 'en') {
	return {
		entries: REGISTER.map((e) =>
			locale === 'en' ? { ...e.en } : { data: e.data, purpose: e.purpose, basis: e.basis, retention: e.retention, recipients: e.recipients }
		),
		contact: operatorInfo().privacyContact,
		controller: operatorInfo().publisherName
	};
}

/** The public pages of every active territory, for the sitemap page and /sitemap.xml. */
export const PUBLIC_TERRITORY_PAGES = [
	'',
	'/indicateur',
	'/carte',
	'/donnees-ouvertes',
	'/fiche',
	'/interventions-ouvertes',
	'/demander',
	'/temoins',
	'/portraits',
	'/initiatives',
	'/metiers-formations'
] as const;

/** The public pages outside any territory. */
export const PUBLIC_SITE_PAGES = ['/', '/plans', '/plan-du-site', '/mentions-legales', '/accessibilite', '/donnees-personnelles'] as const;

export async function publicSiteMap(db: Db) {
	const territories = await listActiveTerritories(db);
	return {
		site: [...PUBLIC_SITE_PAGES],
		territories: territories.map((t) => ({ slug: t.slug, name: t.name, pages: PUBLIC_TERRITORY_PAGES.map((p) => `/t/${t.slug}${p}`) }))
	};
}

/** Absolute URLs are built from the configured base URL (ORIGIN), never from the request's Host. */
export const baseURL = () => config().baseURL;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** /sitemap.xml (sitemaps.org 0.9): the public pages of the site and of every active territory, absolute. */
export async function sitemapXml(db: Db): Promise<string> {
	const map = await publicSiteMap(db);
	const base = baseURL().replace(/\/$/, '');
	const paths = [...map.site, ...map.territories.flatMap((t) => t.pages)];
	const urls = paths.map((p) => `  <url><loc>${escapeXml(base + p)}</loc></url>`).join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

/** The back office of a territory: sign-in pages, never worth indexing. */
const TERRITORY_BACK_OFFICE = [
	'actions',
	'calendrier',
	'conventions',
	'courriels',
	'demandes',
	'intervenantes',
	'interventions/',
	'interventions-ouvertes.ics',
	'jetons',
	'journal',
	'marrainage',
	'membres',
	'mes-demandes',
	'mes-interventions',
	'mon-profil',
	'organisations',
	'partir',
	'plan',
	'demander/merci'
];

/** The API's anonymous open data (Licence Ouverte 2.0), allowed before `Disallow: /api/`. */
const OPEN_DATA_PATHS = [
	'/api/v1/openapi.json',
	'/api/v1/indicator',
	'/api/v1/activity-types',
	'/api/v1/territories$',
	'/api/v1/territories/*/indicator',
	'/api/v1/territories/*/open-data',
	'/api/v1/territories/*/plan',
	'/api/v1/territories/*/sheet'
];

/** /robots.txt: public pages allowed; back office, accounts, private links and the API (but its open data) disallowed. */
export function robotsTxt(): string {
	const base = baseURL().replace(/\/$/, '');
	const lines = [
		'User-agent: *',
		...OPEN_DATA_PATHS.map((p) => `Allow: ${p}`),
		'Disallow: /api/',
		'Disallow: /admin/',
		'Disallow: /compte',
		'Disallow: /connexion',
		'Disallow: /deconnexion',
		'Disallow: /mot-de-passe',
		'Disallow: /verifier-email',
		'Disallow: /langue',
		'Disallow: /calendrier/',
		'Disallow: /reponse/',
		'Disallow: /demande/',
		'Disallow: /compte-rendu/',
		'Disallow: /installation/',
		'Disallow: /invitation/',
		...TERRITORY_BACK_OFFICE.map((p) => `Disallow: /t/*/${p}`),
		'Allow: /',
		'',
		`Sitemap: ${base}/sitemap.xml`,
		''
	];
	return lines.join('\n');
}
