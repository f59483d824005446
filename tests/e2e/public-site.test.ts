import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startApp, type App } from './support/start';
import { COORDINATOR, T, createCoordinator, frenchNumber, parisDate, recordActivity } from './support/app';
import { PERIOD_CHOICE_SCRIPT, expectNoAxeViolations, expectNoSidewaysScroll, pageScripts, screenshot, unexpectedErrors } from './support/checks';
import { watchErrors } from './support/crawl';

const OTHER = { slug: 'pays-de-lumbres-site', name: 'Pays de Lumbres (site public)', epci: '200069037' };
const VIEWPORTS = [
	{ width: 390, height: 844 },
	{ width: 1280, height: 900 }
] as const;

/** The territory's « Menu » (a native <details>) and one of its public links. */
const menu = (page: Page) => page.locator('details.menu > summary');
const navLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name, exact: true });

/**
 * The public site as a girl on her phone and a teacher on a laptop find it, JavaScript on and off:
 * `/` leads to the only territory's home, which says what the plan does, shows the live count of
 * people sensitized, the next events and the way to ask for an intervention; the territory's links
 * fold into « Menu » on a phone; « Les initiatives et les partenaires » lists the initiatives; once
 * a second territory exists, `/` welcomes with both. No sideways scrolling, no axe violation.
 */
describe('the public site', () => {
	let app: App;
	/** What the territory's indicator counts after the recorded activity. */
	let participations = 0;

	beforeAll(async () => {
		app = await startApp({ startTimeout: 300_000 });
		const { context, page } = await app.newPage();
		await createCoordinator(page, app.server.setupLink, COORDINATOR);
		await recordActivity(page, { title: 'Visite de l’usine de Longuenesse', date: parisDate(-10), audiences: { 'girls.college': 14, 'boys.college': 9 } });
		await context.close();
		participations = 23;
	}, 400_000);

	afterAll(async () => {
		await app?.stop();
	});

	for (const viewport of VIEWPORTS) {
		for (const javaScriptEnabled of [true, false]) {
			const label = `${viewport.width}-${javaScriptEnabled ? 'js' : 'nojs'}`;
			it(`at ${viewport.width} px, JavaScript ${javaScriptEnabled ? 'on' : 'off'}: / opens the territory’s home, with its live count, next events and call to action`, async () => {
				const { context, page } = await app.newPage({ viewport, javaScriptEnabled });
				const errors = watchErrors(page);
				try {
					const response = await page.goto('/');
					expect(response?.status()).toBe(200);
					expect(new URL(page.url()).pathname, 'the only territory’s home').toBe(T);
					const main = page.getByRole('main');
					// What the plan does and for whom, in two sentences.
					expect(await main.locator('.hero .lead').textContent()).toMatch(/Il s’adresse aux filles et aux femmes/);
					// The live count, as big as the page allows, leading to the indicator.
					const count = main.getByRole('link', { name: /personnes sensibilisées/ });
					expect(frenchNumber(await count.locator('.count-figure').textContent())).toBe(participations);
					expect(await count.getAttribute('href')).toBe(`${T}/indicateur`);
					expect(await main.getByText('Aucun rendez-vous annoncé pour l’instant.').isVisible()).toBe(true);
					expect(await main.getByRole('link', { name: 'Toutes les interventions ouvertes' }).getAttribute('href')).toBe(`${T}/interventions-ouvertes`);
					const ask = main.getByRole('link', { name: 'Demander une intervention' });
					expect(await ask.isVisible()).toBe(true);
					// The portraits' section says nothing until there are portraits.
					expect(await main.getByRole('heading', { name: 'Elles font l’industrie' }).count()).toBe(0);

					if (viewport.width < 600) {
						expect(await menu(page).isVisible(), 'the « Menu » button on a phone').toBe(true);
						expect(await navLink(page, 'Indicateur').count(), 'the links are folded away').toBe(0);
						await expectNoSidewaysScroll(page);
						await screenshot(page, `site-home-${label}`);
						await menu(page).click();
						expect(await navLink(page, 'Indicateur').isVisible(), 'the links once « Menu » is opened').toBe(true);
						await screenshot(page, `site-home-menu-${label}`);
					} else {
						expect(await menu(page).isVisible(), 'no « Menu » button on a wide screen').toBe(false);
						expect(await navLink(page, 'Indicateur').isVisible()).toBe(true);
						await screenshot(page, `site-home-${label}`);
					}
					// Beside the indicator, the pages of figures a visitor looks for: the map of communes and the open data.
					for (const [name, path] of [
						['Carte des communes', 'carte'],
						['Données ouvertes', 'donnees-ouvertes']
					]) {
						expect(await navLink(page, name!).isVisible(), name).toBe(true);
						expect(await navLink(page, name!).getAttribute('href')).toBe(`${T}/${path}`);
					}
					await expectNoSidewaysScroll(page);
					// axe runs on timers, which a page without JavaScript never fires: it checks the same server-rendered page with JavaScript on.
					if (javaScriptEnabled) await expectNoAxeViolations(page);

					// The call to action opens the request form.
					await Promise.all([page.waitForURL(`**${T}/demander`), ask.click()]);

					// « Les initiatives et les partenaires », from the header.
					await page.goto(T);
					if (viewport.width < 600) await menu(page).click();
					await Promise.all([page.waitForURL(`**${T}/initiatives`), navLink(page, 'Initiatives et partenaires').click()]);
					expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Les initiatives et les partenaires');
					const initiatives = page
						.getByRole('region', { name: 'Les initiatives', exact: true })
						.getByRole('listitem')
						.filter({ has: page.getByRole('heading', { level: 3 }) });
					expect(await initiatives.count()).toBe(4);
					expect(await page.getByRole('region', { name: 'Les partenaires', exact: true }).textContent()).toContain('Capital Filles');
					await expectNoSidewaysScroll(page);
					if (javaScriptEnabled) await expectNoAxeViolations(page);
					await screenshot(page, `site-initiatives-${label}`);
					expect(unexpectedErrors(errors)).toEqual([]);
				} finally {
					await context.close();
				}
			}, 120_000);
		}
	}

	it('from the home, « Les initiatives et les partenaires » is one click away', async () => {
		const { context, page } = await app.newPage({ viewport: VIEWPORTS[0] });
		try {
			await page.goto(T);
			await Promise.all([
				page.waitForURL(`**${T}/initiatives`),
				page.getByRole('main').getByRole('link', { name: 'Les initiatives et les partenaires' }).click()
			]);
		} finally {
			await context.close();
		}
	});

	it('the public pages send no JavaScript application, only static files (budget of 30 KB, decision 0010)', async () => {
		const { context, page } = await app.newPage();
		try {
			for (const path of [
				'/plans',
				T,
				...[
					'initiatives',
					'indicateur',
					'carte',
					'donnees-ouvertes',
					'fiche',
					'interventions-ouvertes',
					'demander',
					'temoins',
					'portraits',
					'metiers-formations'
				].map((p) => `${T}/${p}`)
			]) {
				expect((await page.goto(path))?.status(), path).toBe(200);
				// SvelteKit's client starts from an inline script: none, so the page is never hydrated. At most
				// a small static file: the period filters' (choosing a year chooses its period).
				const filters = path.endsWith('/indicateur') || path.endsWith('/carte');
				expect(await pageScripts(page), path).toEqual(filters ? [PERIOD_CHOICE_SCRIPT] : []);
			}
		} finally {
			await context.close();
		}
	});

	it('with a second territory, / welcomes the visitor with both territories as cards, on a phone and a laptop, JavaScript on and off', async () => {
		const cli = await runCli(['territory', 'create', '--slug', OTHER.slug, '--name', OTHER.name, '--epci', OTHER.epci], { DATA_DIR: app.server.dataDir });
		expect(cli.code, cli.stdout + cli.stderr).toBe(0);
		for (const viewport of VIEWPORTS) {
			for (const javaScriptEnabled of [true, false]) {
				const { context, page } = await app.newPage({ viewport, javaScriptEnabled });
				try {
					await page.goto('/');
					expect(new URL(page.url()).pathname).toBe('/');
					expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ouvrir le champ des possibles');
					const cards = page.getByRole('main').locator('.territory-cards > li');
					expect(await cards.count()).toBe(2);
					expect(await cards.getByRole('link').allTextContents()).toContain(OTHER.name);
					await expectNoSidewaysScroll(page);
					if (javaScriptEnabled) await expectNoAxeViolations(page);
					await screenshot(page, `site-welcome-${viewport.width}-${javaScriptEnabled ? 'js' : 'nojs'}`);
				} finally {
					await context.close();
				}
			}
		}
	}, 120_000);
});
