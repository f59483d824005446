import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from './support/browser';
import { expectNoAxeViolations, expectNoSidewaysScroll, submitExpecting } from './support/checks';
import { startServer, type TestServer } from './support/server';
import { T, createCoordinator } from './support/app';

/** A coordinator creates a role model's profile: refused with French messages next to the fields, then saved. */
describe('a coordinator records a role model', () => {
	let server: TestServer;
	let browser: Browser;
	let coordinator: { context: BrowserContext; page: Page };
	let profileUrl = '';

	beforeAll(async () => {
		server = await startServer();
		browser = await launchBrowser();
		coordinator = await newPage(browser, server.baseURL);
		await createCoordinator(coordinator.page, server.setupLink);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('wrong values are refused next to their fields, what was typed and ticked stays', async () => {
		const page = coordinator.page;
		await page.goto(`${T}/intervenantes/nouvelle`);
		await page.getByLabel('Prénom').fill('Sophie');
		await page.getByLabel('Adresse e-mail').fill('sophie.lefebvre');
		await page.getByLabel('Langues parlées').fill('français');
		await page.getByRole('checkbox', { name: 'Verr’Elles' }).check();
		await submitExpecting(page, 'Créer le profil', 400);
		await expect.poll(() => page.locator('#f-lastName-error').textContent()).toBe('Ce champ est obligatoire.');
		expect(await page.locator('#f-email-error').textContent()).toBe('Saisissez une adresse e-mail valide.');
		expect(await page.locator('#f-languages-error').textContent()).toContain('codes de langue à deux lettres');
		expect(await page.getByLabel('Prénom').inputValue()).toBe('Sophie');
		expect(await page.getByRole('checkbox', { name: 'Verr’Elles' }).isChecked()).toBe(true);
		await expectNoAxeViolations(page);
	});

	it('right values create the profile, shown with its network on the list', async () => {
		const page = coordinator.page;
		await page.getByLabel('Nom', { exact: true }).fill('Lefebvre');
		await page.getByLabel('Adresse e-mail').fill('sophie.lefebvre@arc.example');
		await page.getByLabel('Langues parlées').fill('fr, en');
		await page.getByLabel('Métier').fill('Ingénieure procédés verre');
		await page.getByRole('checkbox', { name: 'Filles', exact: true }).check();
		await Promise.all([page.waitForURL(/\/intervenantes\/\d+\?created=1$/), page.getByRole('button', { name: 'Créer le profil' }).click()]);
		profileUrl = new URL(page.url()).pathname;
		expect(await page.getByRole('status').first().textContent()).toContain('Profil créé.');
		await page.goto(`${T}/intervenantes`);
		const row = page.getByRole('row', { name: /Sophie Lefebvre/ });
		expect(await row.textContent()).toContain('Verr’Elles');
	});

	it('the profile page adds a weekly slot without JavaScript and reads well at 390 px and 1280 px, axe clean', async () => {
		const page = coordinator.page;
		await page.goto(profileUrl);
		await page.getByLabel('Type', { exact: true }).selectOption('weekly');
		await page.getByLabel('Jour (créneau hebdomadaire)').selectOption('2');
		await page.getByLabel('De (heure)').fill('14:00');
		await page.getByLabel('À (heure)').fill('17:00');
		await Promise.all([page.waitForURL(/slot=added/), page.getByRole('button', { name: 'Ajouter', exact: true }).click()]);
		expect(await page.locator('#disponibilites li').first().textContent()).toContain('Chaque mardi de 14:00 à 17:00');
		for (const width of [390, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(profileUrl);
			await expectNoSidewaysScroll(page, `role-model-${width}`);
			await expectNoAxeViolations(page);
		}
	});
});
