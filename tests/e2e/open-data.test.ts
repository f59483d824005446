import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './support/checks';
import { startApp, type App } from './support/start';

/** The demo territory, with fictional activities. */
const T = '/t/demo';
const VIEWPORTS = [
	{ width: 390, height: 844 },
	{ width: 1280, height: 900 }
] as const;

/**
 * The open data as a journalist or a researcher finds it: the page says what the dataset is, its
 * fields, its licence and its rule, on a phone as on a laptop; the CSV downloads; the API answers
 * JSON with withheld figures as null.
 */
describe('the open data page, its files and its API', () => {
	let app: App;

	beforeAll(async () => {
		app = await startApp({ demo: { count: 150 }, startTimeout: 300_000 });
	}, 420_000);

	afterAll(async () => {
		await app?.stop();
	});

	for (const viewport of VIEWPORTS) {
		it(`at ${viewport.width} px, JavaScript on: the page describes the dataset, its licence and its rule, without sideways scrolling`, async () => {
			const { context, page } = await app.newPage({ viewport });
			try {
				const response = await page.goto(`${T}/donnees-ouvertes`);
				expect(response?.status()).toBe(200);
				expect(await page.locator('h1').textContent()).toBe('Données ouvertes');
				const main = page.getByRole('main');
				const licence = main.getByRole('link', { name: 'Licence Ouverte / Open Licence 2.0' });
				expect(await licence.getAttribute('href')).toBe('https://www.etalab.gouv.fr/licence-ouverte-open-licence/');
				expect(await main.getByRole('heading', { name: 'Secret statistique' }).count()).toBe(1);
				expect(await main.getByText('Un chiffre de 1 à 4 personnes n’est jamais publié').count()).toBe(1);
				expect(await page.getByTestId('last-update').textContent()).toMatch(/^Dernière mise à jour des chiffres : \d{1,2} \S+ \d{4}/);
				expect(await main.locator('table tbody tr').count()).toBe(12);
				expect(await page.locator('script').count()).toBe(0);
				await expectNoSidewaysScroll(page, `open-data-${viewport.width}`);
				const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
				expect(sizes.scroll).toBeLessThanOrEqual(sizes.inner);
				await expectNoAxeViolations(page);
			} finally {
				await context.close();
			}
		});
	}

	it('the territory’s home and the footer link to the page, and the sitemap lists it', async () => {
		const { context, page } = await app.newPage();
		try {
			await page.goto(T);
			expect(await page.getByRole('contentinfo').getByRole('link', { name: 'Données ouvertes' }).getAttribute('href')).toBe(`${T}/donnees-ouvertes`);
			await Promise.all([
				page.waitForURL((u) => u.pathname === `${T}/donnees-ouvertes`),
				page.getByRole('main').getByRole('link', { name: 'Données ouvertes' }).click()
			]);
			const sitemap = await (await fetch(`${app.server.baseURL}/sitemap.xml`)).text();
			expect(sitemap).toContain(`${T}/donnees-ouvertes</loc>`);
		} finally {
			await context.close();
		}
	});

	it('the CSV link downloads a file whose withheld figures are empty and marked « s »', async () => {
		const { context, page } = await app.newPage({ acceptDownloads: true });
		try {
			await page.goto(`${T}/donnees-ouvertes`);
			const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Fichier CSV/ }).click()]);
			expect(download.suggestedFilename()).toBe('donnees-ouvertes-demo.csv');
			const text = fs.readFileSync((await download.path())!, 'utf8');
			const [header, ...lines] = text.replace('\ufeff', '').trim().split('\r\n');
			expect(header).toBe(
				'tableau;annee_scolaire;public;public_libelle;initiative;niveau;epci_siren;epci;code_commune;commune;participations;secret_statistique'
			);
			expect(lines.length).toBeGreaterThan(10);
			for (const line of lines) {
				const cells = line.split(';');
				expect(cells[10] === '', line).toBe(cells[11] === 's');
				if (cells[10] !== '') expect(Number(cells[10]) === 0 || Number(cells[10]) >= 5, line).toBe(true);
			}
		} finally {
			await context.close();
		}
	});

	it('the API answers JSON, the XLSX downloads, and both are in the OpenAPI document', async () => {
		const api = await fetch(`${app.server.baseURL}/api/v1/territories/demo/open-data`);
		expect(api.status).toBe(200);
		expect(api.headers.get('content-type')).toMatch(/^application\/json/);
		const body = (await api.json()) as {
			data: { licence: { name: string }; bySchoolYearAndAudience: { participations: number | null; suppressed: boolean }[] };
		};
		expect(body.data.licence.name).toBe('Licence Ouverte / Open Licence 2.0');
		for (const cell of body.data.bySchoolYearAndAudience) {
			expect(cell.participations === null).toBe(cell.suppressed);
			if (cell.participations !== null) expect(cell.participations === 0 || cell.participations >= 5).toBe(true);
		}
		expect((await fetch(`${app.server.baseURL}/api/v1/territories/inconnu/open-data`)).status).toBe(404);
		const xlsx = await fetch(`${app.server.baseURL}${T}/donnees-ouvertes/donnees.xlsx`);
		expect(xlsx.status).toBe(200);
		expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(
			Buffer.from(await xlsx.arrayBuffer())
				.subarray(0, 2)
				.toString()
		).toBe('PK');
		const doc = (await (await fetch(`${app.server.baseURL}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
		for (const p of ['/territories/{territory}/open-data', '/t/{territory}/donnees-ouvertes/donnees.csv', '/t/{territory}/donnees-ouvertes/donnees.xlsx'])
			expect(doc.paths).toHaveProperty([p]);
	});
});
