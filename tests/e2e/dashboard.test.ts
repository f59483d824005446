import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolYearOf } from '../../src/lib/domain/reference';
import { T, createCoordinator, frenchNumber, parisDate, parseCsv, recordActivity } from './support/app';
import { launchBrowser, newPage } from './support/browser';
import { expectNoSidewaysScroll, screenshot } from './support/checks';
import { startServer, type TestServer } from './support/server';

/** A year ago: the school year before the current one. */
const lastYear = schoolYearOf(parisDate(-365));

describe('the dashboard of a coordinator', () => {
	let server: TestServer;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		server = await startServer();
		browser = await launchBrowser();
		({ page } = await newPage(browser, server.baseURL, { viewport: { width: 1280, height: 1000 }, acceptDownloads: true }));
		await createCoordinator(page, server.setupLink);
		// 21 participations this school year, 10 the year before (7 of them girls and women).
		await recordActivity(page, { title: 'Forum des métiers', date: parisDate(0), audiences: { 'girls.lycee_pro': 12, 'boys.lycee_pro': 9 } });
		await recordActivity(page, {
			title: '=Atelier au collège',
			date: parisDate(-365),
			audiences: { 'girls.college': 5, 'boys.college': 3, 'women.job_seekers': 2 }
		});
	}, 420_000);

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	const keyFigure = async () => frenchNumber(await page.getByTestId('dashboard-participations').textContent());

	it('opens from the territory’s home, changes the period and sees the figures change; every chart is an SVG image with its data table', async () => {
		await page.goto(T);
		await Promise.all([page.waitForURL(`**${T}/tableau-de-bord`), page.getByTestId('dashboard-link').click()]);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tableau de bord');
		const everything = await keyFigure();
		expect(everything).toBe(31);

		await page.getByLabel('Une année scolaire').check();
		await page.getByLabel('Année scolaire', { exact: true }).selectOption(lastYear);
		await Promise.all([page.waitForURL(/period=year/), page.getByRole('button', { name: 'Afficher' }).click()]);
		const oneYear = await keyFigure();
		expect(oneYear).toBe(10);
		expect(await page.getByRole('heading', { name: /Participations par mois/ }).textContent()).toContain(lastYear);
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
		// No chart library shipped: the page sends no script.
		expect(await page.locator('script[src]').count()).toBe(0);
	});

	it('at 390 px nothing overflows sideways', async () => {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.reload();
		const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
		expect(scroll).toBeLessThanOrEqual(inner);
		await expectNoSidewaysScroll(page, 'dashboard-390');
		await page.setViewportSize({ width: 1280, height: 1000 });
	});

	it('downloads the CSV from the page’s link: its total is the key figure shown', async () => {
		const shown = await keyFigure();
		const href = await page.getByTestId('export-csv').getAttribute('href');
		expect(href).toContain(`schoolYear=${lastYear}`);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
		const text = fs.readFileSync((await download.path())!, 'utf8');
		expect(text.startsWith('\ufeff')).toBe(true);
		const lines = parseCsv(text);
		expect(Number(lines.find((l) => l[0] === 'Participations')![1])).toBe(shown);
		const header = lines.findIndex((l) => l[0] === 'Ventilation');
		const column = lines[header]!.indexOf('Participations');
		const byAudience = lines.slice(header + 1).filter((l) => l[0] === 'Par public');
		expect(byAudience.reduce((n, l) => n + Number(l[column]), 0)).toBe(shown);

		// A wrong filter on the export: a French 400, never a 500.
		const refused = await page.request.get(`${T}/tableau-de-bord/export.csv?period=year&schoolYear=1999-2000`);
		expect(refused.status()).toBe(400);
		expect(await refused.text()).toContain('Corrigez les filtres');
		expect((await page.request.get(`${T}/tableau-de-bord/export.xlsx?separateur=tab`)).status()).toBe(400);
	});
});
