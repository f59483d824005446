import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolYearOf } from '../../src/lib/domain/reference';
import { en } from '../../src/lib/i18n/en';
import { fr } from '../../src/lib/i18n/fr';
import { T, createCoordinator, frenchNumber, parisDate, parseCsv, recordActivity } from './support/app';
import { PERIOD_CHOICE_SCRIPT, expectChartTextInside, expectNoSidewaysScroll, pageScripts, screenshot } from './support/checks';
import { inviteMember, startApp, type App, type Member } from './support/start';

/** A year ago: the school year before the current one. */
const lastYear = schoolYearOf(parisDate(-365));
const PARTNER: Member = {
	name: 'Léa Martin',
	email: 'lea.martin@capital-filles.example',
	password: 'Marraines et filleules 2026',
	role: 'partner',
	organisation: 'Capital Filles'
};
const FUNDER: Member = { name: 'Nadia Benali', email: 'nadia.benali@region.example', password: 'Financeuse-e2e-2026!', role: 'funder' };
const WIDE = { viewport: { width: 1280, height: 1000 }, acceptDownloads: true };

/** The dashboard's CSV, downloaded from the page's link. */
async function downloadCsv(on: Page): Promise<string> {
	const [download] = await Promise.all([on.waitForEvent('download'), on.getByTestId('export-csv').click()]);
	return fs.readFileSync((await download.path())!, 'utf8');
}

/** The export's key figure, and the sum of its lines by audience. */
function exportedTotals(text: string): { participations: number; byAudience: number } {
	const lines = parseCsv(text);
	const header = lines.findIndex((l) => l[0] === 'Ventilation');
	const column = lines[header]!.indexOf('Participations');
	const byAudience = lines.slice(header + 1).filter((l) => l[0] === 'Par public');
	return {
		participations: Number(lines.find((l) => l[0] === 'Participations')![1]),
		byAudience: byAudience.reduce((n, l) => n + Number(l[column]), 0)
	};
}

/** Messages whose English differs from their French: shown in English, each is a French leftover. */
const frenchOnly = new Set(
	Object.entries(fr)
		.filter(([key, text]) => !text.includes('{') && en[key as keyof typeof en] !== text)
		.map(([, text]) => text.replace(/\s+/g, ' ').trim())
);

describe('the dashboard of a coordinator', () => {
	let app: App;
	let page: Page;
	/** An activity recorded by the coordinator. */
	let activityId = 0;

	beforeAll(async () => {
		app = await startApp();
		({ page } = await app.newPage(WIDE));
		await createCoordinator(page, app.server.setupLink);
		// 21 participations this school year, 10 the year before (7 of them girls and women).
		activityId = await recordActivity(page, { title: 'Forum des métiers', date: parisDate(0), audiences: { 'girls.lycee_pro': 12, 'boys.lycee_pro': 9 } });
		await recordActivity(page, {
			title: '=Atelier au collège',
			date: parisDate(-365),
			audiences: { 'girls.college': 5, 'boys.college': 3, 'women.job_seekers': 2 }
		});
	}, 420_000);

	afterAll(async () => {
		await app?.stop();
	});

	const keyFigure = async (on: Page = page) => frenchNumber(await on.getByTestId('dashboard-participations').textContent());

	it('opens from the territory’s home, changes the period and sees the figures change; every chart is an SVG image with its data table', async () => {
		await page.goto(T);
		await Promise.all([page.waitForURL(`**${T}/tableau-de-bord`), page.getByTestId('dashboard-link').click()]);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tableau de bord');
		const everything = await keyFigure();
		expect(everything).toBe(31);

		// Choosing a school year chooses « Une année scolaire » too (it was ignored under « Toute la période »):
		// the page's one small script (static/js/period-choice.js), the page itself has none (csr = false).
		expect(await page.getByLabel('Une année scolaire').isChecked()).toBe(false);
		await page.getByLabel('Année scolaire', { exact: true }).selectOption(lastYear);
		expect(await page.getByLabel('Une année scolaire').isChecked()).toBe(true);
		await Promise.all([page.waitForURL(/period=year/), page.getByRole('button', { name: 'Afficher' }).click()]);
		const oneYear = await keyFigure();
		expect(oneYear).toBe(10);
		expect(await page.getByRole('heading', { name: /Participations par mois/ }).textContent()).toContain(lastYear);
		// The month chart has a value axis: round values from 0 to at least the highest month (10 here).
		const axis = (await page.locator('.month-chart .axis text').allTextContents()).map(frenchNumber);
		expect(axis[0]).toBe(0);
		expect(axis.at(-1)).toBeGreaterThanOrEqual(10);
		expect(axis).toEqual([...axis].sort((a, b) => a - b));
		await screenshot(page, 'dashboard-1280');

		const charts = page.locator('svg[role="img"]');
		expect(await charts.count()).toBeGreaterThanOrEqual(7);
		for (const svg of await charts.all()) {
			expect(await svg.locator('title').count()).toBe(1);
			expect(await svg.locator('desc').count()).toBe(1);
		}
		// Each chart's data table, in a <details> beside it.
		for (const box of await page.locator('[data-chart]').all()) {
			const section = box.locator('xpath=ancestor-or-self::section[1]');
			expect(await section.locator('details table').count(), (await section.getAttribute('aria-labelledby')) ?? '').toBe(1);
		}
		// The audience table gives the same total as the key figure.
		const audience = page.locator('[data-chart="chart-audience"] table tbody td:first-of-type');
		const cells = await audience.allTextContents();
		expect(cells.reduce((n, c) => n + frenchNumber(c), 0)).toBe(oneYear);
		// No chart library shipped: the page sends no script but the period filters' small static one.
		expect(await pageScripts(page)).toEqual([PERIOD_CHOICE_SCRIPT]);
	});

	it('at 390 px nothing overflows sideways', async () => {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.reload();
		const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
		expect(scroll).toBeLessThanOrEqual(inner);
		await expectNoSidewaysScroll(page, 'dashboard-390');
		await expectChartTextInside(page);
		await page.setViewportSize({ width: 1280, height: 1000 });
		await expectChartTextInside(page);
	});

	it('downloads the CSV from the page’s link: its total is the key figure shown', async () => {
		const shown = await keyFigure();
		const href = await page.getByTestId('export-csv').getAttribute('href');
		expect(href).toContain(`schoolYear=${lastYear}`);
		const text = await downloadCsv(page);
		expect(text.startsWith('\ufeff')).toBe(true);
		const exported = exportedTotals(text);
		expect(exported.participations).toBe(shown);
		expect(exported.byAudience).toBe(shown);

		// A wrong filter on the export: a French 400, never a 500.
		const refused = await page.request.get(`${T}/tableau-de-bord/export.csv?period=year&schoolYear=1999-2000`);
		expect(refused.status()).toBe(400);
		expect(await refused.text()).toContain('Corrigez les filtres');
		expect((await page.request.get(`${T}/tableau-de-bord/export.xlsx?separateur=tab`)).status()).toBe(400);
	});

	/** The coordinator's dashboard over all time, for one initiative (its name) or the whole territory. */
	async function coordinatorFigure(initiative?: string): Promise<number> {
		await page.goto(`${T}/tableau-de-bord`);
		if (initiative) {
			await page.getByLabel('Initiative', { exact: true }).selectOption({ label: initiative });
			await Promise.all([page.waitForURL(/initiativeId=\d/), page.getByRole('button', { name: 'Afficher' }).click()]);
		}
		return keyFigure();
	}

	it('a partner sees only her initiatives’ figures, and her export’s totals are the figure she is shown', async () => {
		await recordActivity(page, {
			title: 'Journée Elles Bougent',
			initiative: 'Partenariat Elles Bougent',
			date: parisDate(-3),
			audiences: { 'girls.college': 6 }
		});
		const partner = await inviteMember(app, page, PARTNER, WIDE);
		try {
			await recordActivity(partner.page, { title: 'Atelier marraines – filleules', date: parisDate(-2), audiences: { 'girls.lycee_pro': 14 } });
			await partner.page.goto(`${T}/tableau-de-bord`);
			expect(await partner.page.getByTestId('partner-scope').isVisible()).toBe(true);
			const hers = await keyFigure(partner.page);
			await screenshot(partner.page, 'dashboard-partner-1280');

			expect(hers).toBe(await coordinatorFigure('Convention Capital Filles'));
			expect(hers).toBeGreaterThanOrEqual(14);
			expect(hers).toBeLessThan(await coordinatorFigure());

			const exported = exportedTotals(await downloadCsv(partner.page));
			expect(exported.participations).toBe(hers);
			expect(exported.byAudience).toBe(hers);
		} finally {
			await partner.context.close();
		}
	});

	it('a funder sees the whole territory’s figures and exports, and can change nothing', async () => {
		const whole = await coordinatorFigure();
		const funder = await inviteMember(app, page, FUNDER, WIDE);
		const on = funder.page;
		try {
			await on.goto(`${T}/tableau-de-bord`);
			expect(await on.getByTestId('partner-scope').count()).toBe(0);
			expect(await keyFigure(on)).toBe(whole);
			expect(exportedTotals(await downloadCsv(on)).participations).toBe(whole);

			await on.goto(`${T}/actions`);
			expect(await on.getByRole('link', { name: 'Enregistrer une action' }).count()).toBe(0);
			expect((await on.goto(`${T}/actions/nouvelle`))?.status()).toBe(404);
			expect((await on.goto(`${T}/actions/${activityId}`))?.status()).toBe(200);
			expect(await on.getByRole('button', { name: 'Enregistrer', exact: true }).count()).toBe(0);
			expect(await on.getByRole('button', { name: 'Annuler l’action' }).count()).toBe(0);
			// The action is reachable without its page: refused all the same, and nothing moves.
			const forged = await on.request.post(`${T}/actions/${activityId}?/cancel`, {
				form: { version: '1', reason: 'Essai' },
				headers: { origin: app.server.baseURL }
			});
			expect(forged.status()).toBe(404);
			expect(await coordinatorFigure()).toBe(whole);
		} finally {
			await funder.context.close();
		}
	});

	it('in English, the dashboard’s headings, labels and table headers hold no French left over', async () => {
		const { context, page: english } = await app.newPage(WIDE);
		try {
			// The coordinator's session, read in English (the language switch is the `lang` cookie).
			await context.addCookies([...(await page.context().cookies()), { name: 'lang', value: 'en', url: app.server.baseURL }]);
			await english.goto(`${T}/tableau-de-bord`);
			expect(await english.locator('html').getAttribute('lang')).toBe('en');
			const shown = await english
				.locator('h1, h2, h3, caption, thead th, dt, legend, label, summary, button, .export-links a')
				// The language switch names French in French, on purpose (lang="fr").
				.evaluateAll((nodes) => nodes.filter((n) => !n.closest('[lang="fr"]')).map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()));
			expect(shown.length).toBeGreaterThan(20);
			const leftovers = shown.filter((text) => frenchOnly.has(text));
			expect(leftovers).toEqual([]);
			await screenshot(english, 'dashboard-en-1280');
		} finally {
			await context.close();
		}
	});
});
