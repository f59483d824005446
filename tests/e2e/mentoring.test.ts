import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectNoSidewaysScroll, submitExpecting } from './support/checks';
import { startApp, type App } from './support/start';
import { T, createCoordinator, frenchNumber, parisDate, readIndicatorTotal } from './support/app';

/** Capital Filles mentoring, as a coordinator runs it: a cohort, a workshop typed wrong then right, the year closed. */
describe('a coordinator follows a mentoring cohort through its school year', () => {
	let app: App;
	let page: Page;

	beforeAll(async () => {
		app = await startApp();
		({ page } = await app.newPage());
		await createCoordinator(page, app.server.setupLink);
	});

	afterAll(async () => {
		await app?.stop();
	});

	it('creates a cohort, records a workshop (refused with wrong counts, then counted), and closes the year', async () => {
		// A school of the territory, from the directory.
		await page.goto(`${T}/organisations/nouvelle`);
		await page.getByLabel('Nom', { exact: true }).fill('Lycée Alexandre Ribot');
		await page.getByLabel('Type de structure').selectOption('school');
		await page.getByRole('button', { name: 'Créer l’organisation' }).click();
		await page.waitForURL(/\/organisations\/\d+/);

		const workshopDate = parisDate(-3);
		const start = Number(workshopDate.slice(0, 4)) - (Number(workshopDate.slice(5, 7)) >= 9 ? 0 : 1);
		const schoolYear = `${start}-${start + 1}`;
		const before = await readIndicatorTotal(page);
		await page.goto(`${T}/marrainage`);
		await page.getByRole('link', { name: 'Nouvelle cohorte' }).click();
		await page.waitForURL(`**${T}/marrainage/nouveau`);
		// The initiative defaults to the Capital Filles network's.
		expect(await page.locator('#f-cohort-initiativeId option:checked').textContent()).toBe('Convention Capital Filles');
		await page.getByLabel('Année scolaire').fill(schoolYear);
		await page.getByLabel('Établissement', { exact: true }).selectOption({ label: 'Lycée Alexandre Ribot' });
		await page.getByLabel('Nombre de binômes formés').fill('-4');
		await submitExpecting(page, 'Créer la cohorte', 400);
		expect(await page.locator('#f-cohort-pairsFormed-error').textContent()).toBe('Indiquez un nombre entier positif ou nul, par exemple 12.');
		await page.getByLabel('Nombre de binômes formés').fill('12');
		await page.getByRole('button', { name: 'Créer la cohorte' }).click();
		await page.waitForURL(/\/marrainage\/\d+\?created=1/);
		expect(await page.getByTestId('pairs-formed').textContent()).toBe('12');

		// A workshop with a mistyped count: refused next to the cell, nothing counted.
		await page.getByLabel('Intitulé').fill('Atelier confiance en soi');
		await page.getByLabel('Date', { exact: true }).fill(workshopDate);
		await page.getByLabel('Commune').selectOption('62765');
		await page.getByLabel('Filles — Lycée général et technologique').fill('18e');
		await submitExpecting(page, 'Enregistrer l’atelier', 400);
		expect(await page.getByLabel('Filles — Lycée général et technologique').getAttribute('aria-invalid')).toBe('true');
		expect(await page.getByLabel('Filles — Lycée général et technologique').inputValue()).toBe('18e');
		expect(await page.getByLabel('Intitulé').inputValue()).toBe('Atelier confiance en soi');
		const cohortUrl = page.url();
		expect(await readIndicatorTotal(page)).toBe(before);

		await page.goto(cohortUrl);
		await page.getByLabel('Intitulé').fill('Atelier confiance en soi');
		await page.getByLabel('Date', { exact: true }).fill(workshopDate);
		await page.getByLabel('Commune').selectOption('62765');
		await page.getByLabel('Filles — Lycée général et technologique').fill('18');
		await page.getByLabel('Enseignants — Non précisé').fill('2');
		await page.getByRole('button', { name: 'Enregistrer l’atelier' }).click();
		await page.waitForURL(/workshop_saved=1/);
		expect(frenchNumber(await page.getByTestId('reached').textContent())).toBe(20);
		expect(await page.getByRole('link', { name: 'Atelier confiance en soi' }).getAttribute('href')).toMatch(new RegExp(`${T}/actions/\\d+$`));

		// Closing with more active pairs than formed is refused; then the year closes.
		await page.getByLabel('Binômes encore actifs en fin d’année').fill('15');
		await submitExpecting(page, 'Clore l’année', 400);
		expect(await page.locator('#f-pairsActiveAtEnd-error').textContent()).toBe(
			'Il ne peut pas y avoir plus de binômes actifs (15) que de binômes formés (12).'
		);
		await page.getByLabel('Binômes encore actifs en fin d’année').fill('9');
		await page.getByRole('button', { name: 'Clore l’année' }).click();
		await page.waitForURL(/closed=1/);
		expect(await page.getByTestId('year-status').textContent()).toContain('9 binômes encore actifs sur 12 (75');

		for (const width of [390, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await page.reload();
			await expectNoSidewaysScroll(page, `marrainage-cohorte-${width}`);
			await expectNoAxeViolations(page);
		}
		await page.goto(`${T}/marrainage`);
		const table = page.getByTestId(`cohorts-${schoolYear}`);
		expect(await table.locator('tfoot').textContent()).toMatch(/Total\s*12\s*0\s*1\s*20\s*9\s*75/);
		for (const width of [390, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await expectNoSidewaysScroll(page, `marrainage-liste-${width}`);
			await expectNoAxeViolations(page);
		}
		expect(await readIndicatorTotal(page)).toBe(before + 20);
	});
});
