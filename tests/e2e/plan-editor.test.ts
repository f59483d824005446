import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './support/checks';
import { watchErrors } from './support/crawl';
import { startApp, type App } from './support/start';
import { T, createCoordinator } from './support/app';

/** The coordinator edits the sheet and fills the organisations directory, on a phone and on a laptop. */
describe('the coordinator edits the plan and creates an organisation', () => {
	let app: App;
	let page: Page;
	let errors: string[];

	beforeAll(async () => {
		app = await startApp();
		({ page } = await app.newPage());
		errors = watchErrors(page);
		await createCoordinator(page, app.server.setupLink);
	});

	afterAll(async () => {
		await app?.stop();
	});

	for (const width of [390, 1280]) {
		it(`at ${width} px: a finding is added and moved up, the quote changed; a school is refused with a wrong UAI, then created`, async () => {
			await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
			await page.goto(`${T}/plan`);
			await expectNoAxeViolations(page);
			await expectNoSidewaysScroll(page, `plan-editor-${width}`);

			const finding = `Constat ajouté à ${width} px`;
			await page.getByLabel('Ajouter un constat').fill(finding);
			await page.getByRole('button', { name: 'Ajouter un constat' }).click();
			await page.waitForURL(/saved=1/);
			const findings = page.locator('#finding ol.items textarea');
			const count = await findings.count();
			expect(await findings.nth(count - 1).inputValue()).toBe(finding);

			await page.getByRole('button', { name: `Monter — Constat n° ${count}` }).click();
			await page.waitForLoadState('load');
			expect(
				await page
					.locator('#finding ol.items textarea')
					.nth(count - 2)
					.inputValue()
			).toBe(finding);

			await page.getByLabel('Citation').fill(`Une citation à ${width} px`);
			await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
			await page.waitForURL(/saved=1/);
			await page.goto(T);
			expect(await page.locator('blockquote').textContent()).toContain(`Une citation à ${width} px`);
			expect(await page.getByText(finding).count()).toBe(1);

			await page.goto(`${T}/organisations/nouvelle`);
			const name = `Lycée du test ${width}`;
			await page.getByLabel('Nom', { exact: true }).fill(name);
			await page.getByLabel('Type de structure').selectOption('school');
			await page.getByLabel('UAI (établissements scolaires)').fill('0620108G');
			await page.getByLabel('Commune', { exact: true }).selectOption({ label: 'Saint-Omer' });
			const refused = page.waitForResponse((r) => r.request().method() === 'POST');
			await page.getByRole('button', { name: 'Créer l’organisation' }).click();
			expect((await refused).status()).toBe(400);
			await page.waitForLoadState('load');
			expect(await page.locator('#f-uai-error').textContent()).toContain('Saisissez un UAI valide');
			expect(await page.getByLabel('Nom', { exact: true }).inputValue()).toBe(name);
			// Every field comes back as it was typed, the commune too (a new-user trial found it reset).
			expect(await page.getByLabel('Commune', { exact: true }).inputValue()).toBe('62765');
			await expectNoAxeViolations(page);
			await expectNoSidewaysScroll(page, `organisation-refused-${width}`);

			await page.getByLabel('UAI (établissements scolaires)').fill('0620108F');
			await page.getByRole('button', { name: 'Créer l’organisation' }).click();
			await page.waitForURL(/created=1/);
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
			await expectNoAxeViolations(page);
			await expectNoSidewaysScroll(page, `organisation-${width}`);

			await page.goto(`${T}/organisations?q=${encodeURIComponent('test ' + width)}`);
			expect(await page.locator('table.data tbody tr').count()).toBe(1);
			await expectNoAxeViolations(page);
			await expectNoSidewaysScroll(page, `organisations-${width}`);
			// The refused creation answered 400 on purpose (the browser logs it): any other error fails.
			expect(errors.filter((e) => !/organisations\/nouvelle: Failed to load resource: the server responded with a status of 400/.test(e))).toEqual([]);
		});
	}
});
