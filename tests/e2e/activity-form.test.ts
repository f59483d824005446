import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/start';
import { T, createCoordinator, fillActivityForm, parisDate, readIndicatorTotal, recordActivity } from './support/app';

/** What a coordinator types in the activity form, as she types it: wrong counts, two editors at once. */
describe('the activity form never loses or silently drops what was typed', () => {
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

	it('« 12e » typed in an audience cell is refused next to the cell, every typed value is kept, and nothing is saved', async () => {
		const before = await readIndicatorTotal(page);
		await page.goto(`${T}/actions/nouvelle`);
		await fillActivityForm(page, { title: 'Forum des métiers — saisie 12e', date: parisDate(-5), status: 'done', audiences: { 'boys.college': 10 } });
		// Typed key by key, as a person does: a number input would silently turn "12e" into nothing.
		await page.getByLabel('Filles — Collège').pressSequentially('12e');
		const response = page.waitForResponse((r) => r.request().method() === 'POST');
		await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
		expect((await response).status()).toBe(400);
		await page.waitForLoadState('load');

		expect(new URL(page.url()).pathname).toBe(`${T}/actions/nouvelle`);
		const girls = page.getByLabel('Filles — Collège');
		expect(await girls.getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('td', { has: girls }).locator('.field-error').textContent()).toBe('Saisissez un nombre entier, 0 ou plus.');
		expect(await girls.inputValue()).toBe('12e');
		expect(await page.getByLabel('Garçons — Collège').inputValue()).toBe('10');
		expect(await page.getByLabel('Intitulé').inputValue()).toBe('Forum des métiers — saisie 12e');
		expect(await readIndicatorTotal(page)).toBe(before);
		await page.goto(`${T}/actions`);
		expect(await page.getByRole('link', { name: 'Forum des métiers — saisie 12e' }).count()).toBe(0);
	});

	it('a form posted with a decimal count is refused with a French message and records nothing', async () => {
		const before = await readIndicatorTotal(page);
		await page.goto(`${T}/actions/nouvelle`);
		await fillActivityForm(page, { title: 'Atelier — saisie 1,5', date: parisDate(-5), status: 'done', audiences: { 'girls.lycee_pro': '1.5' } });
		await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
		await page.waitForLoadState('load');
		expect(await page.getByLabel('Filles — Lycée professionnel').getAttribute('aria-invalid')).toBe('true');
		expect(await page.getByLabel('Filles — Lycée professionnel').inputValue()).toBe('1.5');
		expect(await readIndicatorTotal(page)).toBe(before);
	});

	it('a planned activity is saved with a message saying it will count once done', async () => {
		await recordActivity(page, { title: 'Forum prévu en juin', date: parisDate(40), status: 'planned', audiences: {} });
		const status = page.getByRole('status');
		expect(await status.textContent()).toContain('comptera dans l’indicateur une fois réalisée');
		expect(await status.textContent()).not.toContain('à jour');
		// Its participations are shown with a note that they do not count yet, and no longer once cancelled.
		expect(await page.getByTestId('not-counted').textContent()).toBe('(prévue : comptera une fois réalisée)');
		await page.getByLabel('Motif de l’annulation').fill('Intervenante absente');
		await page.getByRole('button', { name: 'Annuler l’action' }).click();
		await page.waitForURL(/cancelled/);
		expect(await page.getByTestId('not-counted').textContent()).toBe('(annulée : ne compte pas dans l’indicateur)');
	});

	it('two editors: the second learns by name which fields the first changed (audience cell and date), not the one she changed herself', async () => {
		const id = await recordActivity(page, {
			title: 'Intervention en lycée — deux éditrices',
			date: parisDate(-20),
			status: 'done',
			audiences: { 'girls.lycee_pro': 12, 'teachers.unspecified': 2 }
		});
		const second = await page.context().newPage();
		try {
			await page.goto(`${T}/actions/${id}`);
			await second.goto(`${T}/actions/${id}`);
			await page.getByLabel('Filles — Lycée professionnel').fill('14');
			await page.getByLabel('Date', { exact: true }).fill(parisDate(-21));
			await Promise.all([page.waitForURL(/saved=1$/), page.getByRole('button', { name: 'Enregistrer', exact: true }).click()]);

			await second.getByLabel('Notes').fill('Deux classes de première');
			const response = second.waitForResponse((r) => r.request().method() === 'POST');
			await second.getByRole('button', { name: 'Enregistrer', exact: true }).click();
			expect((await response).status()).toBe(409);
			await second.waitForLoadState('load');
			const items = await second.getByTestId('conflict-fields').locator('li').allTextContents();
			expect(items).toHaveLength(2);
			expect(items[0]).toContain('Date');
			expect(items[1]).toContain('Filles — Lycée professionnel');
			expect(items[1]).toContain('« 14 »');
			expect(items.join(' ')).not.toContain('Notes');
		} finally {
			await second.close();
		}
	});

	it('the activity page shows its host organisation and its notes', async () => {
		await page.goto(`${T}/actions/nouvelle`);
		await fillActivityForm(page, {
			title: 'Visite chez Arc France',
			date: parisDate(-3),
			status: 'done',
			type: 'company_visit',
			audiences: { 'women.job_seekers': 6 },
			notes: 'Accueil par le réseau Verr’Elles.'
		});
		await page.getByLabel('Structure d’accueil').selectOption({ label: 'Arc France' });
		await Promise.all([page.waitForURL(/saved=1$/), page.getByRole('button', { name: 'Enregistrer', exact: true }).click()]);
		const facts = await page.locator('dl.facts').textContent();
		expect(facts).toContain('Arc France');
		expect(facts).toContain('Accueil par le réseau Verr’Elles.');
	});

	it('on a 390 px phone every audience cell and its error are on screen, and table headers never break inside a word', async () => {
		await page.setViewportSize({ width: 390, height: 900 });
		try {
			await page.goto(`${T}/actions/nouvelle`);
			await fillActivityForm(page, { title: 'Forum — téléphone', date: parisDate(-5), status: 'done', audiences: { 'girls.lycee_pro': 'abc' } });
			await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
			await page.waitForLoadState('load');
			const cell = page.getByLabel('Filles — Lycée professionnel');
			const error = page.locator('td', { has: cell }).locator('.field-error');
			expect(await error.textContent()).toBe('Saisissez un nombre entier, 0 ou plus.');
			for (const box of [await cell.boundingBox(), await error.boundingBox(), await page.getByLabel('Autres — Non précisé').boundingBox()]) {
				expect(box).not.toBeNull();
				expect(box!.x).toBeGreaterThanOrEqual(0);
				expect(box!.x + box!.width).toBeLessThanOrEqual(390);
			}
			await page.goto(`${T}/actions`);
			// One line per one-word header: "Commune" wrapped as "Co / m / mu / ne" gives several line boxes.
			const broken = await page.locator('table.data th').evaluateAll((cells) =>
				cells
					.filter((c) => /^\S+$/.test(c.textContent!.trim()))
					.filter((c) => {
						const range = document.createRange();
						range.selectNodeContents(c);
						return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
					})
					.map((c) => c.textContent!.trim())
			);
			expect(broken).toEqual([]);
		} finally {
			await page.setViewportSize({ width: 1280, height: 800 });
		}
	});
});
