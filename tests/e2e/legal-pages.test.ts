import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER } from '../../src/lib/server/privacy/register';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './support/checks';
import { T } from './support/app';
import { startApp, type App } from './support/start';

const WIDTHS = [390, 1280] as const;
const OPERATOR = {
	PUBLISHER_NAME: 'Communauté d’agglomération du Pays de Saint-Omer',
	PUBLISHER_CONTACT: 'mixite@ca-pso.example.fr',
	HOST_NAME: 'Hébergeur Exemple SAS',
	PRIVACY_CONTACT: 'dpo@ca-pso.example.fr'
};

/**
 * The legal and discovery pages of a public site, as a visitor on a phone and on a laptop sees them,
 * with an operator who filled in some of her details (the others must say they are to be completed).
 */
describe('the legal pages, the site map and what search engines and phones read', () => {
	let app: App;
	let visitor: { context: BrowserContext; page: Page };

	beforeAll(async () => {
		app = await startApp({ demo: { count: 20 }, env: OPERATOR });
		visitor = await app.newPage();
	});

	afterAll(async () => {
		await app?.stop();
	});

	async function openAt(path: string, width: number, shot: string): Promise<Page> {
		const page = visitor.page;
		await page.setViewportSize({ width, height: 900 });
		const response = await page.goto(path, { waitUntil: 'networkidle' });
		expect(response?.status(), `HTTP status of ${path}`).toBe(200);
		await expectNoSidewaysScroll(page, `legal-${shot}-${width}`);
		await expectNoAxeViolations(page);
		return page;
	}

	it('the legal notice names the publisher and host the operator configured, and says « À compléter par l’exploitant » for the rest', async () => {
		for (const width of WIDTHS) {
			const page = await openAt('/mentions-legales', width, 'mentions');
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mentions légales');
			const text = (await page.locator('main').textContent()) ?? '';
			expect(text).toContain(OPERATOR.PUBLISHER_NAME);
			expect(text).toContain(OPERATOR.HOST_NAME);
			// Address of the publisher and of the host, director of publication and source: not configured.
			expect(await page.getByText('À compléter par l’exploitant').count()).toBe(4);
			expect(text).toContain('AGPL-3.0-or-later');
			expect(await page.getByRole('link', { name: 'Texte de la Licence Ouverte 2.0' }).getAttribute('href')).toBe(
				'https://www.etalab.gouv.fr/licence-ouverte-open-licence/'
			);
		}
	});

	it('the accessibility statement says « partiellement conforme » from an automated internal audit, and how to reach the Défenseur des droits', async () => {
		for (const width of WIDTHS) {
			const page = await openAt('/accessibilite', width, 'accessibilite');
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Déclaration d’accessibilité');
			expect(await page.getByTestId('conformity-state').textContent()).toContain('partiellement conforme');
			expect(await page.getByTestId('audit-method').textContent()).toBe('Audit interne automatisé (axe-core)');
			for (const heading of ['État de conformité', 'Résultats des tests', 'Contenus non accessibles', 'Voies de recours'])
				expect(await page.getByRole('heading', { name: heading }).count(), heading).toBe(1);
			expect(await page.getByRole('link', { name: 'Écrire un message au Défenseur des droits' }).getAttribute('href')).toBe(
				'https://formulaire.defenseurdesdroits.fr/'
			);
			expect(await page.locator('main').textContent()).toContain(OPERATOR.PUBLISHER_NAME);
		}
	});

	it('the privacy policy shows every entry of the personal-data register with its recipients, the contact and the rights', async () => {
		for (const width of WIDTHS) {
			const page = await openAt('/donnees-personnelles', width, 'donnees-personnelles');
			expect(await page.locator('tbody tr').count()).toBe(REGISTER.length);
			const rows = await page.locator('tbody tr').allTextContents();
			for (const [i, entry] of REGISTER.entries()) {
				expect(rows[i]).toContain(entry.data);
				expect(rows[i]).toContain(entry.recipients);
			}
			expect(await page.getByTestId('privacy-contact').textContent()).toBe(OPERATOR.PRIVACY_CONTACT);
			expect(await page.getByRole('heading', { name: 'Vos droits' }).count()).toBe(1);
		}
	});

	it('the privacy policy reads in English once the visitor chose English', async () => {
		const { context, page } = await app.newPage();
		await context.addCookies([{ name: 'lang', value: 'en', url: app.server.baseURL }]);
		await page.goto('/donnees-personnelles');
		expect(await page.locator('tbody tr').first().textContent()).toContain(REGISTER[0]!.en.data);
		expect(await page.locator('meta[property="og:locale"]').getAttribute('content')).toBe('en_GB');
		await context.close();
	});

	it('the site map lists the public pages of every active territory', async () => {
		for (const width of WIDTHS) {
			const page = await openAt('/plan-du-site', width, 'plan-du-site');
			for (const slug of ['flandre-saint-omer', 'demo']) {
				for (const path of ['', '/indicateur', '/carte', '/donnees-ouvertes', '/fiche', '/interventions-ouvertes', '/demander', '/temoins'])
					expect(await page.locator(`a[href="/t/${slug}${path}"]`).count(), `/t/${slug}${path}`).toBe(1);
			}
			expect(await page.locator('a[href="/mentions-legales"]').count()).toBeGreaterThan(0);
		}
	});

	it('sitemap.xml gives the absolute address of every public page of every active territory', async () => {
		const response = await fetch(`${app.server.baseURL}/sitemap.xml`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
		const xml = await response.text();
		expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
		for (const path of [
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
		])
			expect(xml).toContain(`<loc>${app.server.baseURL}${T}${path}</loc>`);
		expect(xml).toContain(`<loc>${app.server.baseURL}/mentions-legales</loc>`);
		expect(xml).not.toContain('/connexion');
	});

	it('robots.txt keeps crawlers out of the back office, the private links and the API but its open data, and points to the sitemap', async () => {
		const response = await fetch(`${app.server.baseURL}/robots.txt`);
		expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
		const lines = (await response.text()).split('\n');
		for (const path of ['/reponse/', '/demande/', '/compte-rendu/', '/installation/', '/invitation/', '/api/', '/admin/', '/t/*/actions', '/t/*/journal'])
			expect(lines, path).toContain(`Disallow: ${path}`);
		expect(lines).toContain('Allow: /api/v1/territories/*/indicator');
		expect(lines).toContain('Allow: /api/v1/territories/*/open-data');
		expect(lines).toContain(`Sitemap: ${app.server.baseURL}/sitemap.xml`);
		// The public pages stay open: no rule is a prefix of /t/<slug>/interventions-ouvertes or /demander.
		expect(lines.filter((l) => /^Disallow: \/t\/\*\/(interventions|demande)$/.test(l))).toEqual([]);
	});

	it('the web app manifest names the platform in French, starts at / and its icons are served', async () => {
		const response = await fetch(`${app.server.baseURL}/manifest.webmanifest`);
		expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
		const manifest = (await response.json()) as {
			name: string;
			short_name: string;
			lang: string;
			start_url: string;
			display: string;
			icons: { src: string; sizes: string; type: string }[];
		};
		expect(manifest).toMatchObject({ name: 'Mixité Industrie', lang: 'fr', start_url: '/', display: 'standalone' });
		expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
		for (const icon of [...manifest.icons, { src: '/icons/apple-touch-icon.png', type: 'image/png' }]) {
			const file = await fetch(`${app.server.baseURL}${icon.src}`);
			expect(file.status, icon.src).toBe(200);
			expect(file.headers.get('content-type'), icon.src).toContain(icon.type);
		}
		await visitor.page.goto('/');
		expect(await visitor.page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
		expect(await visitor.page.locator('link[rel="apple-touch-icon"]').count()).toBe(1);
	});

	it('every public page carries its title, description, canonical link and social preview with absolute addresses', async () => {
		const pages: [string, string][] = [
			['/mentions-legales', 'Mentions légales — Mixité Industrie'],
			['/accessibilite', 'Déclaration d’accessibilité — Mixité Industrie'],
			['/donnees-personnelles', 'Données personnelles — Mixité Industrie'],
			['/plan-du-site', 'Plan du site — Mixité Industrie'],
			[`${T}/indicateur`, 'Personnes sensibilisées — Territoire d’industrie Flandre'],
			[`${T}/carte`, 'Carte des communes — Territoire d’industrie Flandre'],
			[`${T}/donnees-ouvertes`, 'Données ouvertes — Territoire d’industrie Flandre'],
			[`${T}/fiche`, 'Fiche action — Territoire d’industrie Flandre'],
			[`${T}/interventions-ouvertes`, 'Interventions ouvertes — Territoire d’industrie Flandre'],
			[`${T}/demander`, 'Demander une intervention — Territoire d’industrie Flandre'],
			[`${T}/temoins`, 'Elles témoignent — Territoire d’industrie Flandre']
		];
		const page = visitor.page;
		for (const [path, title] of pages) {
			await page.goto(`${path}?utm=campagne`);
			expect(await page.title(), path).toContain(title);
			const meta = async (selector: string) => page.locator(selector).getAttribute('content');
			expect((await meta('meta[name="description"]'))?.length, path).toBeGreaterThan(20);
			expect(await page.locator('link[rel="canonical"]').getAttribute('href'), path).toBe(`${app.server.baseURL}${path}`);
			expect(await meta('meta[property="og:url"]'), path).toBe(`${app.server.baseURL}${path}`);
			expect(await meta('meta[property="og:title"]'), path).toContain(title);
			expect(await meta('meta[property="og:image"]'), path).toBe(`${app.server.baseURL}/icons/icon-512.png`);
			expect(await meta('meta[property="og:locale"]'), path).toBe('fr_FR');
			expect(await meta('meta[property="og:type"]'), path).toBe('website');
			expect(await meta('meta[name="twitter:card"]'), path).toBe('summary');
			expect(await page.locator('title').count(), `${path}: one title`).toBe(1);
		}
	});
	it('the legal pages and the site map are read without JavaScript, and send none', async () => {
		const context = await app.browser.newContext({ baseURL: app.server.baseURL, javaScriptEnabled: false, locale: 'fr-FR' });
		const page = await context.newPage();
		const scripts: string[] = [];
		page.on('request', (request) => {
			if (request.resourceType() === 'script') scripts.push(request.url());
		});
		for (const [path, title] of [
			['/mentions-legales', 'Mentions légales'],
			['/accessibilite', 'Déclaration d’accessibilité'],
			['/donnees-personnelles', 'Données personnelles'],
			['/plan-du-site', 'Plan du site']
		]) {
			expect((await page.goto(path!))?.status(), path).toBe(200);
			expect(await page.getByRole('heading', { level: 1 }).textContent(), path).toBe(title);
			expect(await page.locator('script[src], link[rel="modulepreload"]').count(), path).toBe(0);
		}
		expect(scripts).toEqual([]);
		await context.close();
	});
});
