import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolYearOf } from '../../src/lib/domain/reference';
import { T, createCoordinator, parisDate, recordActivity } from './support/app';
import { expectNoAxeViolations, expectNoSidewaysScroll, screenshot, submitExpecting } from './support/checks';
import { startApp, type App } from './support/start';

/** The visible text of an element, its spaces (non-breaking ones too) made plain. */
const plain = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** Targets and milestones: a coordinator sets them (a wrong value first) and reads the share reached, on a phone and a desktop. */
describe('the plan’s targets and milestones', () => {
	let app: App;
	let page: Page;
	const year = schoolYearOf(parisDate(0));

	beforeAll(async () => {
		app = await startApp();
		({ page } = await app.newPage());
		await createCoordinator(page, app.server.setupLink);
	});

	afterAll(async () => {
		await app?.stop();
	});

	it('a coordinator adds a whole-plan target (refused at 0, then 40) and sees the indicator’s figure against it with the share reached', async () => {
		// 12 girls and 9 boys today: 21 participations this school year.
		await recordActivity(page, { title: 'Forum des métiers', date: parisDate(0), audiences: { 'girls.lycee_pro': 12, 'boys.lycee_pro': 9 } });
		await page.setViewportSize({ width: 1280, height: 900 });
		await page.goto(`${T}/actions`);
		await page.getByRole('link', { name: 'Objectifs et étapes' }).first().click();
		await page.waitForURL(`**${T}/objectifs`);
		expect(plain(await page.locator('main').textContent())).toContain('Aucun objectif n’est encore fixé.');

		const form = page.locator('form[action="?/addTarget"]');
		expect(await form.getByLabel('Année scolaire').inputValue()).toBe(year);
		await form.getByLabel('Objectif (nombre de participations)').fill('0');
		await submitExpecting(page, 'Ajouter l’objectif', 400);
		expect(await page.locator('#nt-target-error').textContent()).toBe('Saisissez un nombre entier de participations supérieur à 0, par exemple 300.');
		expect(await page.locator('#nt-target').getAttribute('aria-invalid')).toBe('true');
		await screenshot(page, 'targets-refused-1280');

		// Too large: its own message, naming the largest number in French.
		await page.locator('#nt-target').fill('99999999999');
		await submitExpecting(page, 'Ajouter l’objectif', 400);
		expect(plain(await page.locator('#nt-target-error').textContent())).toBe('Nombre trop grand : 2 147 483 647 au plus.');
		await screenshot(page, 'targets-too-large-1280');
		await page.locator('#nt-target').fill('40');
		await Promise.all([page.waitForURL(/\/objectifs\?created=1/), page.getByRole('button', { name: 'Ajouter l’objectif', exact: true }).click()]);
		const row = page.locator('table.targets tbody tr').first();
		expect(plain(await row.textContent())).toContain('Tout le plan');
		expect(plain(await row.locator('td').nth(1).textContent())).toBe('40');
		expect(plain(await row.locator('td').nth(2).textContent())).toBe('21');
		expect(plain(await row.locator('.share-text').textContent())).toBe('52 %');
		expect(await row.locator('progress').getAttribute('value')).toBe('52');
		expect(plain(await page.getByRole('heading', { level: 3 }).first().textContent())).toBe(`Année scolaire ${year} (année en cours)`);

		// The same line on the indicator page, for the school year shown.
		await page.goto(`${T}/indicateur?period=year&schoolYear=${year}`);
		expect(plain(await page.getByTestId('plan-target').textContent())).toContain(`Objectif ${year} : 21 / 40 (52 %)`);
	});

	it('a coordinator adds a milestone (refused when done at 40 %), then changes the target; the page holds at 390 px and 1280 px', async () => {
		await page.goto(`${T}/objectifs`);
		const form = page.locator('form[action="?/addMilestone"]');
		await form.getByLabel('Intitulé de l’étape').fill('Signature de la convention Capital Filles');
		await form.getByLabel('Échéance').fill('2027-03-31');
		await form.getByLabel('Statut').selectOption({ label: 'Terminée' });
		await form.getByLabel('Avancement (%)').fill('40');
		await submitExpecting(page, 'Ajouter l’étape', 400);
		expect(await page.locator('#f-progress-error').textContent()).toBe('Une étape terminée est à 100 % : corrigez l’avancement ou le statut.');
		// What was typed comes back.
		expect(await page.locator('#f-title').inputValue()).toBe('Signature de la convention Capital Filles');
		await page.locator('#f-progress').fill('');
		await Promise.all([page.waitForURL(/\/objectifs\?milestoneCreated=1/), page.getByRole('button', { name: 'Ajouter l’étape', exact: true }).click()]);
		const milestone = page.locator('.milestone').first();
		expect(plain(await milestone.textContent())).toContain('Signature de la convention Capital Filles');
		expect(plain(await milestone.getByTestId('milestone-status').textContent())).toBe('Terminée');
		expect(plain(await milestone.locator('.share-text').textContent())).toBe('100 %');

		// The target raised to 84: 21 of 84 is 25 %.
		const row = page.locator('table.targets tbody tr').first();
		await row.locator('summary').first().click();
		await row.getByLabel('Objectif (nombre de participations)').fill('84');
		await Promise.all([page.waitForURL(/\/objectifs\?saved=1/), row.getByRole('button', { name: 'Enregistrer l’objectif' }).click()]);
		expect(plain(await page.locator('table.targets tbody tr').first().locator('.share-text').textContent())).toBe('25 %');

		// Written the French way, with a no-break space between thousands: 1 000 is read as 1000; then back to 84.
		await page.locator('table.targets tbody tr').first().locator('summary').first().click();
		await page.locator('table.targets tbody tr').first().getByLabel('Objectif (nombre de participations)').fill('1\u00a0000');
		await Promise.all([
			page.waitForURL(/\/objectifs\?saved=1/),
			page.locator('table.targets tbody tr').first().getByRole('button', { name: 'Enregistrer l’objectif' }).click()
		]);
		expect(plain(await page.locator('table.targets tbody tr').first().locator('td').nth(1).textContent())).toBe('1 000');
		await page.locator('table.targets tbody tr').first().locator('summary').first().click();
		await page.locator('table.targets tbody tr').first().getByLabel('Objectif (nombre de participations)').fill('84');
		await Promise.all([
			page.waitForURL(/\/objectifs\?saved=1/),
			page.locator('table.targets tbody tr').first().getByRole('button', { name: 'Enregistrer l’objectif' }).click()
		]);
		expect(plain(await page.locator('table.targets tbody tr').first().locator('.share-text').textContent())).toBe('25 %');

		for (const width of [390, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(`${T}/objectifs`);
			await page.locator('table.targets tbody tr').first().locator('summary').first().click();
			await expectNoSidewaysScroll(page, `targets-${width}`);
			await expectNoAxeViolations(page);
			// One form per record on the page: every field's id is its own (a label names one field).
			const duplicates = await page.evaluate(() => {
				const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
				return ids.filter((id, i) => ids.indexOf(id) !== i);
			});
			expect(duplicates).toEqual([]);
			expect(
				await page
					.locator('main')
					.getByText(/targets\.|milestone_status|undefined/)
					.count()
			).toBe(0);
		}
	});
});
