import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR, createCoordinator, createPlatformAdmin, frenchNumber, parisDate, PLATFORM_ADMIN, recordActivity, signIn } from './support/app';
import { PERIOD_CHOICE_SCRIPT, expectChartTextInside, expectNoAxeViolations, expectNoSidewaysScroll, pageScripts, screenshot } from './support/checks';
import { startApp, type App } from './support/start';

/**
 * The national dashboard as a platform administrator in a real browser: linked from the header,
 * every territory's figures, SVG charts with their tables, nothing sideways at 390 and 1280 px, no
 * axe violation; a coordinator is told the page does not exist.
 */
describe('the national dashboard', () => {
	let app: App;

	beforeAll(async () => {
		app = await startApp({ startTimeout: 300_000 });
		const { context, page } = await app.newPage();
		await createCoordinator(page, app.server.setupLink);
		// 21 participations, 12 of them girls, in the default territory.
		await recordActivity(page, { title: 'Forum des métiers', date: parisDate(-2), audiences: { 'girls.lycee_pro': 12, 'boys.lycee_pro': 9 } });
		await context.close();
		await createPlatformAdmin(app.browser, app.server);
	}, 420_000);

	afterAll(async () => {
		await app?.stop();
	});

	for (const width of [1280, 390]) {
		it(`opens from the header at ${width} px, with every territory's figures, each chart with its table, nothing sideways`, { timeout: 120_000 }, async () => {
			const { context, page } = await app.newPage(width);
			await signIn(page, PLATFORM_ADMIN);
			await page.goto('/');
			await Promise.all([page.waitForURL('**/admin/tableau-de-bord'), page.getByRole('link', { name: 'Tableau de bord national' }).click()]);
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tableau de bord national');
			expect(frenchNumber(await page.getByTestId('dashboard-participations').textContent())).toBe(21);
			expect(await page.getByLabel('Initiative').count()).toBe(0);
			const byTerritory = page.locator('[data-chart="chart-territory"] table tbody tr');
			expect(await byTerritory.count()).toBeGreaterThanOrEqual(1);
			expect(await byTerritory.first().textContent()).toContain('Flandre');
			for (const svg of await page.locator('svg[role="img"]').all()) expect(await svg.locator('title').count()).toBe(1);
			for (const box of await page.locator('[data-chart]').all()) {
				const section = box.locator('xpath=ancestor-or-self::section[1]');
				expect(await section.locator('details table').count(), (await section.getAttribute('aria-labelledby')) ?? '').toBe(1);
			}
			expect(await pageScripts(page)).toEqual([PERIOD_CHOICE_SCRIPT]);
			await expectNoSidewaysScroll(page, `national-dashboard-${width}`);
			await expectChartTextInside(page);
			await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
			await expectNoSidewaysScroll(page);
			await expectNoAxeViolations(page);
			await screenshot(page, `national-dashboard-open-${width}`);

			// Wrong filters: a French message next to the field, no figure, never a 500.
			const refused = await page.goto('/admin/tableau-de-bord?period=months&fromMonth=2025-13');
			expect(refused?.status()).toBe(200);
			expect(await page.getByRole('alert').textContent()).toMatch(/filtres/i);
			expect(await page.getByTestId('dashboard-participations').count()).toBe(0);
			const file = await page.request.get('/admin/tableau-de-bord/export.csv?period=months&fromMonth=2025-13');
			expect(file.status()).toBe(400);
			expect(await file.text()).toMatch(/^Corrigez les filtres[^\n]*\n.*mois/is);
			await context.close();
		});
	}

	it('downloads the XLSX and the CSV of the page; a coordinator gets the 404 of an unknown page', async () => {
		const { context, page } = await app.newPage(1280);
		await signIn(page, PLATFORM_ADMIN);
		const xlsx = await page.request.get('/admin/tableau-de-bord/export.xlsx?period=all');
		expect(xlsx.status()).toBe(200);
		expect(xlsx.headers()['content-disposition']).toContain('tableau-de-bord-national.xlsx');
		const csv = await page.request.get('/admin/tableau-de-bord/export.csv?period=all');
		expect((await csv.text()).split('\r\n').find((l) => l.startsWith('Participations;'))).toBe('Participations;21');
		await context.close();
		const coordinator = await app.newPage();
		await signIn(coordinator.page, COORDINATOR);
		expect(await coordinator.page.getByRole('link', { name: 'Tableau de bord national' }).count()).toBe(0);
		for (const path of ['/admin/tableau-de-bord', '/admin/tableau-de-bord/export.xlsx']) {
			expect((await coordinator.page.request.get(path)).status(), path).toBe(404);
		}
		await coordinator.context.close();
	});
});
