import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolYearOf } from '../../src/lib/domain/reference';
import { pdfText } from '../support/pdf';
import { T, createCoordinator, parisDate, recordActivity } from './support/app';
import { expectNoSidewaysScroll, screenshot } from './support/checks';
import { startApp, type App } from './support/start';

/** A year ago: the school year before the current one. */
const lastYear = schoolYearOf(parisDate(-365));

/** Spaces as a reader sees them: French figures group thousands with (narrow) no-break spaces. */
const plain = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** The coordinator downloads the yearly report of a school year from the indicator page's form. */
describe('the yearly report’s download form', () => {
	let app: App;
	let page: Page;

	beforeAll(async () => {
		app = await startApp();
		({ page } = await app.newPage({ viewport: { width: 1280, height: 900 } }));
		await createCoordinator(page, app.server.setupLink);
		await recordActivity(page, { title: 'Forum des métiers', date: parisDate(0), audiences: { 'girls.lycee_pro': 12, 'boys.lycee_pro': 9 } });
		await recordActivity(page, { title: 'Atelier au collège', date: parisDate(-365), audiences: { 'girls.college': 5, 'boys.college': 3 } });
	}, 420_000);

	afterAll(async () => {
		await app?.stop();
	});

	it('a school year chosen and sent gives a PDF that holds the participations the page shows for that year', async () => {
		await page.goto(`${T}/indicateur`);
		// Without a year chosen on the page, the report offered is the last whole school year's.
		expect(await page.getByRole('region', { name: 'Bilan annuel (PDF)' }).getByLabel('Année scolaire du bilan').inputValue()).toBe(lastYear);
		await page.getByLabel('Une année scolaire').check();
		await page.getByLabel('Année scolaire', { exact: true }).selectOption(lastYear);
		await Promise.all([page.waitForURL(/period=year/), page.getByRole('button', { name: 'Afficher' }).click()]);
		const shown = plain(await page.getByTestId('participations-total').textContent());
		expect(shown).toMatch(/^\d[\d ]*$/);

		const form = page.getByRole('region', { name: 'Bilan annuel (PDF)' });
		await form.getByLabel('Année scolaire du bilan').selectOption(lastYear);
		await screenshot(page, 'yearly-report-form-1280');
		// The PDF is sent inline (`content-disposition: inline; filename=…`): Chromium shows it in its viewer, the response is the file.
		const [response] = await Promise.all([
			page.waitForResponse((r) => new URL(r.url()).pathname === `${T}/bilan.pdf`),
			form.getByRole('button', { name: 'Télécharger le bilan' }).click()
		]);
		expect(new URL(response.url()).searchParams.get('annee')).toBe(lastYear);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('application/pdf');
		expect(response.headers()['content-disposition']).toContain(`filename="bilan-flandre-saint-omer-${lastYear}.pdf"`);
		// Chromium's viewer stands in for the file in `response.body()`: the same address is read again, with the same session.
		const bytes = await (await page.request.get(response.url())).body();
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		const text = plain(pdfText(bytes));
		expect(text).toContain(lastYear);
		// The first key figure (participations; pdftotext reads the figures' row before their labels) and the months' total.
		expect(text).toContain(`Chiffres clés ${shown} `);
		expect(text).toMatch(new RegExp(`Total ${shown} \\d`));
	});

	it('at 390 px the form fits the screen', async () => {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${T}/indicateur`);
		await page.getByRole('region', { name: 'Bilan annuel (PDF)' }).scrollIntoViewIfNeeded();
		await expectNoSidewaysScroll(page, 'yearly-report-form-390');
		await page.setViewportSize({ width: 1280, height: 900 });
	});

	it('a wrong year is refused with a French message, not a 500', async () => {
		for (const year of ['1999-2000', '2025-2027', 'deux-mille']) {
			const response = await page.goto(`${T}/bilan.pdf?annee=${year}`);
			expect(response?.status(), year).toBe(400);
			expect(await page.getByText('Année scolaire attendue sous la forme 2025-2026').count(), year).toBeGreaterThan(0);
		}
	});
});
