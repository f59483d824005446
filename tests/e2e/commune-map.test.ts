import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { createCoordinator, type Credentials } from './support/app';
import { PERIOD_CHOICE_SCRIPT, expectNoAxeViolations, expectNoSidewaysScroll, pageScripts } from './support/checks';
import { ROOT } from './support/server';
import { startApp, type App } from './support/start';

/** The demo territory: the default perimeter (147 communes) with fictional activities. */
const T = '/t/demo';
const ADMIN: Credentials = { name: 'Alex Martin', email: 'alex.martin@example.org', password: 'Mixite-admin-2026!' };
/** The reference outlines of the 147 communes (../shared/data, read at test time, never copied into the project). */
const OUTLINES = path.resolve(ROOT, '../shared/data/territoire-flandre-saint-omer/communes-contours.geojson');
/** A phone's and a laptop's width (their heights: `viewport`). */
const WIDTHS = [390, 1280] as const;

/** Every table cell ends within the screen: no column is cut off at its right edge. */
async function expectTableOnScreen(page: Page, width: number) {
	// On a phone the header row is visually hidden (each card names its figures): its cells are not on screen at all.
	const cells = await page
		.getByTestId('commune-rate-table')
		.locator('caption, tbody td, tbody th')
		.evaluateAll((els) => els.map((c) => ({ right: c.getBoundingClientRect().right, text: c.textContent?.trim() })));
	expect(cells.length).toBeGreaterThan(0);
	expect(cells.filter((c) => c.right > width)).toEqual([]);
}

describe('the map of communes, before and after the outlines are imported', () => {
	let app: App;

	beforeAll(async () => {
		app = await startApp({ demo: { count: 150 }, startTimeout: 300_000 });
	}, 420_000);

	afterAll(async () => {
		await app?.stop();
	});

	for (const width of WIDTHS) {
		it(`without outlines at ${width} px: the table alone, and a French sentence saying the map will come`, async () => {
			const { context, page } = await app.newPage(width);
			try {
				await page.goto(`${T}/carte`);
				expect(await page.locator('h1').textContent()).toBe('Carte des communes');
				expect(await page.getByTestId('no-outlines').textContent()).toContain('La carte s’affichera dès qu’une administratrice ou un administrateur');
				expect(await page.getByTestId('commune-map').count()).toBe(0);
				expect(await page.getByTestId('commune-rate-table').locator('tbody tr').count()).toBe(147);
				await expectNoSidewaysScroll(page, `commune-map-no-outlines-${width}`);
				await expectTableOnScreen(page, width);
			} finally {
				await context.close();
			}
		});
	}

	it('the indicator page links to the map with its period, and the map page sends no script but the period filters’ small static one', async () => {
		const { context, page } = await app.newPage();
		try {
			await page.goto(`${T}/indicateur?period=year&schoolYear=2025-2026`);
			await Promise.all([page.waitForURL((u) => u.pathname === `${T}/carte`), page.getByRole('link', { name: 'Voir la carte des communes' }).click()]);
			expect(new URL(page.url()).searchParams.get('schoolYear')).toBe('2025-2026');
			expect(await page.getByTestId('period-shown').textContent()).toContain('2025-2026');
			expect(await pageScripts(page)).toEqual([PERIOD_CHOICE_SCRIPT]);
		} finally {
			await context.close();
		}
	});

	it('an administrator imports the reference outlines; the map then draws every commune beside its table, at 390 and 1280 px', async () => {
		const cli = await runCli(['user', 'create', '--admin'], { DATA_DIR: app.server.dataDir });
		const adminLink = /(http:\/\/\S+\/installation\/[\w-]{40,})/.exec(cli.stdout)?.[1] ?? '';
		expect(adminLink, cli.stdout + cli.stderr).not.toBe('');
		const admin = await app.newPage();
		await createCoordinator(admin.page, adminLink, ADMIN);
		await admin.page.goto('/admin/territoires/demo');
		await admin.page
			.getByLabel('Fichier GeoJSON')
			.setInputFiles({ name: 'contours.geojson', mimeType: 'application/geo+json', buffer: fs.readFileSync(OUTLINES) });
		await admin.page.getByRole('button', { name: 'Importer', exact: true }).click();
		await admin.page.getByText('Contours importés.').waitFor();
		await admin.context.close();

		for (const width of WIDTHS) {
			const { context, page } = await app.newPage(width);
			try {
				await page.goto(`${T}/carte`);
				const map = page.getByTestId('commune-map');
				expect(await map.getAttribute('role')).toBe('img');
				expect(await map.locator('title').first().textContent()).toContain('Carte des communes du territoire : participations pour 1');
				expect(await map.locator('path').count()).toBe(147);
				expect(await page.getByTestId('no-outlines').count()).toBe(0);
				// The drawing takes the width it is given, never more than the screen.
				const box = (await map.boundingBox())!;
				expect(box.width).toBeGreaterThan(width * 0.5);
				expect(box.x + box.width).toBeLessThanOrEqual(width);
				// The legend names the communes never reached, with as many as the table lists.
				const neverReached = await page.getByTestId('commune-rate-table').locator('tbody tr.never').count();
				expect(await page.locator('figcaption').textContent()).toContain('Jamais atteinte');
				expect(await page.getByTestId('never-reached').textContent()).toMatch(new RegExp(`^${neverReached} communes? jamais atteintes? sur 147\\.$`));
				expect(await map.locator('path[fill="url(#never-reached)"]').count()).toBe(neverReached);
				// A commune's tooltip says its name and figures, in French.
				const first = (await page.getByTestId('commune-rate-table').locator('tbody tr th').first().textContent())!.trim();
				const titles = await map.locator('path title').allTextContents();
				expect(titles.find((title) => title.startsWith(`${first} : `))).toMatch(/ : [\d\u202f]+ participations?, [\d,]+ pour 1\u202f000 habitants$/);
				await expectNoSidewaysScroll(page, `commune-map-${width}`);
				await expectTableOnScreen(page, width);
				await expectNoAxeViolations(page);
			} finally {
				await context.close();
			}
		}
	}, 300_000);
});
