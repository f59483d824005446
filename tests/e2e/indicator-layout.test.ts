import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/start';
import { frenchNumber } from './support/app';

const WIDTHS = [390, 768, 1280, 1920] as const;

interface Box {
	id: string;
	x: number;
	y: number;
	width: number;
	height: number;
}

const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The demo's territory: the one whose indicator is not empty (found from the home page, not assumed). */
async function demoTerritory(page: Page): Promise<string> {
	await page.goto('/');
	const hrefs = await page
		.locator('a[href^="/t/"]')
		.evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!).filter((h) => /^\/t\/[^/?]+$/.test(h)))]);
	for (const href of hrefs) {
		await page.goto(`${href}/indicateur`);
		if (frenchNumber(await page.getByTestId('participations-total').textContent()) > 0) return href;
	}
	throw new Error('no territory with demo figures');
}

describe('the indicator page, full of demo figures, at four screen widths', () => {
	let app: App;
	let territory = '';

	beforeAll(async () => {
		// A smaller demo set: enough months, audiences and communes to fill every table, and quick to load.
		app = await startApp({ demo: { count: 150 } });
		const { context, page } = await app.newPage();
		territory = await demoTerritory(page);
		await context.close();
	}, 420_000);

	afterAll(async () => {
		await app?.stop();
	});

	for (const width of WIDTHS) {
		it(`at ${width} px: no sideways scrolling, no table over another, the headline above the filters, month labels apart`, async () => {
			const { context, page } = await app.newPage({ viewport: { width, height: width === 390 ? 844 : 1000 } });
			try {
				await page.goto(`${territory}/indicateur`, { waitUntil: 'networkidle' });
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
				expect(overflow, `the page is ${overflow}px wider than the ${width}px screen`).toBeLessThanOrEqual(0);

				const tables = await page.locator('table').evaluateAll((els) =>
					els.map((el, i) => {
						const r = el.getBoundingClientRect();
						return { id: el.querySelector('caption')?.textContent ?? String(i), x: r.x, y: r.y + window.scrollY, width: r.width, height: r.height };
					})
				);
				expect(tables.length).toBeGreaterThanOrEqual(8);
				for (const [i, a] of tables.entries()) {
					expect(a.x, `${a.id} starts off screen`).toBeGreaterThanOrEqual(0);
					for (const b of tables.slice(i + 1)) expect(intersects(a, b), `"${a.id}" and "${b.id}" overlap at ${width}px`).toBe(false);
				}
				// Each table fits its own box: its last column is not cut.
				const cut = await page
					.locator('table')
					.evaluateAll((els) =>
						els
							.filter((el) => el.getBoundingClientRect().right > el.parentElement!.getBoundingClientRect().right + 1)
							.map((el) => el.querySelector('caption')?.textContent)
					);
				expect(cut, `tables wider than their box at ${width}px`).toEqual([]);

				const headline = await page.getByTestId('participations-total').boundingBox();
				const filters = await page.locator('form.filters').boundingBox();
				expect(headline!.y, 'the headline figure comes before the filters').toBeLessThan(filters!.y);

				const labels = await page.locator('figure.chart text').evaluateAll((els) =>
					els
						.map((el) => el.getBoundingClientRect())
						.filter((r) => r.width > 0)
						.map((r) => ({ id: '', x: r.x, y: r.y, width: r.width, height: r.height }))
				);
				expect(labels.length, 'the chart names some months').toBeGreaterThan(1);
				for (const [i, a] of labels.entries())
					for (const b of labels.slice(i + 1)) expect(intersects(a, b), `month labels run together at ${width}px`).toBe(false);
			} finally {
				await context.close();
			}
		});
	}

	it('a visitor follows every figure to a drilled-down indicator that needs no sign-in and lists no activity', async () => {
		const { context, page } = await app.newPage();
		try {
			await page.goto(`${territory}/indicateur`);
			const links = await page
				.locator('[data-testid="participations-total"], .figure-grid a, figure.chart a')
				.evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href') ?? a.getAttribute('xlink:href') ?? ''))]);
			expect(links.length).toBeGreaterThan(20);
			for (const href of links) {
				expect(href, 'a figure link for a visitor stays on the indicator').toMatch(new RegExp(`^${territory}/indicateur(\\?|$)`));
				const response = await page.goto(href);
				expect(response!.status(), href).toBe(200);
				expect(new URL(page.url()).pathname, `${href} sent the visitor to sign in`).toBe(`${territory}/indicateur`);
				expect(await page.locator(`a[href*="/actions"]`).count(), `${href} links to activity records`).toBe(0);
				expect(await page.locator('.field-error').count(), `${href} is refused`).toBe(0);
			}
			// A drilled figure equals the figure that was clicked.
			await page.goto(`${territory}/indicateur`);
			for (const table of ['by-audience', 'by-epci', 'by-type', 'by-initiative', 'by-school-year', 'by-month']) {
				const link = page.locator(`[data-figure-table="${table}"] tbody a`).first();
				const figure = frenchNumber(await link.textContent());
				await Promise.all([page.waitForURL((u) => u.search !== ''), link.click()]);
				expect(frenchNumber(await page.getByTestId('participations-total').textContent()), `${table} drilled`).toBe(figure);
				await page.goto(`${territory}/indicateur`);
			}
		} finally {
			await context.close();
		}
	}, 600_000);

	it('a reversed month range or an unknown school year gets a French message next to the field, and no figure', async () => {
		const { context, page } = await app.newPage();
		try {
			await page.goto(`${territory}/indicateur`);
			await page.getByLabel('Une plage de mois').check();
			await page.getByLabel('Du mois').fill('2026-05');
			await page.getByLabel('Au mois').fill('2026-01');
			await Promise.all([page.waitForURL((u) => u.search.includes('period=months')), page.getByRole('button', { name: 'Afficher' }).click()]);
			expect(await page.locator('#toMonth-error').textContent()).toContain('Le mois de fin doit être le même que le mois de début ou venir après');
			expect(await page.getByTestId('participations-total').count()).toBe(0);

			await page.goto(`${territory}/indicateur?period=year&schoolYear=2025-2027`);
			expect(await page.locator('#schoolYear-error').textContent()).toContain('Année scolaire attendue sous la forme 2025-2026');

			// One period at a time: with the school year chosen, the months are not shown as if applied.
			await page.goto(`${territory}/indicateur?period=year&schoolYear=2025-2026&fromMonth=2026-01&toMonth=2026-01`);
			expect(await page.getByLabel('Du mois').inputValue()).toBe('');
			expect(await page.getByTestId('period-shown').textContent()).toContain('2025-2026');
		} finally {
			await context.close();
		}
	});
});
