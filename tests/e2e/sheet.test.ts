import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './support/checks';
import { frenchNumber, T } from './support/app';
import { startApp, type App } from './support/start';

const SECTIONS = ['Constat(s)', 'Réalisation(s)', 'Obstacle(s)', 'Objectif(s)', 'Parties prenantes', 'Indicateur(s)'];

describe('the action sheet and the catalogue of plans, in a browser, at 390 and 1280 px', () => {
	let app: App;

	beforeAll(async () => {
		app = await startApp({ demo: { count: 60 } });
	}, 420_000);

	afterAll(async () => {
		await app?.stop();
	});

	for (const width of [390, 1280]) {
		it(`at ${width} px: the sheet reads in its six sections with its live figure, the catalogue finds it, no console error, no axe violation`, async () => {
			const { context, page } = await app.newPage({ viewport: { width, height: width === 390 ? 844 : 1000 } });
			const problems: string[] = [];
			page.on('console', (m) => {
				if (m.type() === 'error') problems.push(m.text());
			});
			page.on('pageerror', (e) => problems.push(e.message));
			try {
				// The territory's overview links to its sheet.
				await page.goto(T, { waitUntil: 'networkidle' });
				await page.locator('main').getByRole('link', { name: 'Fiche action', exact: true }).click();
				await page.waitForURL(`**${T}/fiche`);
				await page.waitForLoadState('networkidle');
				const headings = (await page.getByRole('heading', { level: 2 }).allTextContents()).map((h) => h.trim());
				for (const section of SECTIONS) expect(headings).toContain(section);
				expect(await page.getByRole('heading', { level: 3, name: 'Réseau Verr’Elles' }).count()).toBe(1);
				expect(await page.getByText('Quand c’est un sujet de territoire, tout le monde se sent impliqué.').count()).toBe(1);
				expect(frenchNumber(await page.getByTestId('sheet-participations').textContent())).toBe(0);
				await expectNoSidewaysScroll(page);
				await expectNoAxeViolations(page);
				const pdf = await page.request.get(`${T}/fiche.pdf`);
				expect(pdf.status()).toBe(200);
				expect(pdf.headers()['content-type']).toBe('application/pdf');

				// The demo territory's sheet carries its figures, the same as its indicator page.
				await page.goto('/t/demo/indicateur', { waitUntil: 'networkidle' });
				const total = frenchNumber(await page.getByTestId('participations-total').textContent());
				expect(total).toBeGreaterThan(0);
				await page.goto('/t/demo/fiche', { waitUntil: 'networkidle' });
				expect(frenchNumber(await page.getByTestId('sheet-participations').textContent())).toBe(total);
				await expectNoSidewaysScroll(page);

				// The catalogue, from the header: the demo is not in it; the search form works (GET).
				await page.goto('/', { waitUntil: 'networkidle' });
				await page.getByRole('banner').getByRole('link', { name: 'Catalogue des plans' }).click();
				await page.waitForURL('**/plans');
				await page.waitForLoadState('networkidle');
				const entries = page.getByTestId('catalogue-entry');
				expect(await entries.count()).toBe(1);
				expect(await entries.first().textContent()).toContain('Flandre');
				await expectNoSidewaysScroll(page);
				await expectNoAxeViolations(page);
				await page.getByLabel('Rechercher').fill('portraits corif');
				await page.getByLabel('Région').selectOption({ label: 'Hauts-de-France' });
				await page.getByRole('button', { name: 'Filtrer' }).click();
				await page.waitForURL(/\/plans\?q=portraits/);
				expect(await page.getByTestId('catalogue-entry').count()).toBe(1);
				await page.getByLabel('Rechercher').fill('aucun plan ne parle de ça');
				await page.getByRole('button', { name: 'Filtrer' }).click();
				await page.waitForURL(/\/plans\?q=aucun/);
				expect(await page.getByTestId('catalogue-entry').count()).toBe(0);
				expect(await page.getByText('Aucun plan ne correspond à cette recherche.').count()).toBe(1);
				await expectNoAxeViolations(page);
				expect(problems, problems.join('\n')).toEqual([]);
			} finally {
				await context.close();
			}
		}, 180_000);
	}
});
