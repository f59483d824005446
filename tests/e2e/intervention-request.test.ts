import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from './support/browser';
import { expectNoAxeViolations, expectNoSidewaysScroll, submitExpecting } from './support/checks';
import { startServer, type TestServer } from './support/server';
import { T } from './support/app';

/** What a school's contact types on the public form, on a phone. */
async function fillRequest(page: Page, email: string) {
	await page.getByLabel('Vous êtes').selectOption('school');
	await page.getByLabel('Nom de la structure').fill('Collège Jean Jaurès');
	await page.getByLabel('Commune', { exact: true }).selectOption({ label: 'Saint-Omer' });
	await page.getByLabel('Type d’intervention').selectOption('classroom_talk');
	await page.getByLabel('Public', { exact: true }).selectOption('girls');
	await page.getByLabel('Niveau').selectOption('college');
	await page.getByLabel('Classe(s) ou groupe(s) concernés (facultatif)').fill('3e B');
	await page.getByLabel('Nombre de personnes attendues').fill('28');
	await page.getByLabel('Période souhaitée : à partir du').fill('2026-03-02');
	await page.getByLabel('Période souhaitée : jusqu’au').fill('2026-03-31');
	await page.getByLabel('Nom et prénom').fill('Claire Martin');
	await page.getByLabel('Adresse e-mail').fill(email);
}

/** The form refuses what a person sends within 3 seconds of seeing it: a person reads it first. */
const readIt = (page: Page) => page.waitForTimeout(3_200);

describe('a school asks for an intervention on the public form, without an account', () => {
	let server: TestServer;
	let browser: Browser;

	beforeAll(async () => {
		server = await startServer();
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('without JavaScript, on a phone: a wrong address is refused next to its field with what was typed kept, then the request is sent', async () => {
		const { page, context } = await newPage(browser, server.baseURL, { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
		await page.goto(`${T}/demander`);
		await fillRequest(page, 'claire.martin@');
		await readIt(page);
		await submitExpecting(page, 'Envoyer la demande', 400);
		expect(await page.locator('#f-contactEmail-error').textContent()).toMatch(/adresse e-mail/i);
		expect(await page.getByLabel('Nom de la structure').inputValue()).toBe('Collège Jean Jaurès');
		expect(await page.getByLabel('Nombre de personnes attendues').inputValue()).toBe('28');
		await page.getByLabel('Adresse e-mail').fill('claire.martin@college.example');
		await readIt(page);
		await Promise.all([page.waitForURL(`**${T}/demander/merci`), page.getByRole('button', { name: 'Envoyer la demande' }).click()]);
		expect(await page.getByRole('status').textContent()).toContain('lien personnel');
		await context.close();
	}, 300_000);

	it('with JavaScript, on a phone: the form and its refusal pass axe without sideways scrolling, and the request is sent', async () => {
		const { page, context } = await newPage(browser, server.baseURL, { viewport: { width: 390, height: 844 } });
		await page.goto(`${T}/demander`);
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page, 'intervention-request-phone');
		await fillRequest(page, 'claire.martin@');
		await readIt(page);
		await submitExpecting(page, 'Envoyer la demande', 400);
		expect(await page.locator('#f-contactEmail-error').textContent()).toMatch(/adresse e-mail/i);
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page);
		await page.getByLabel('Adresse e-mail').fill('claire.martin@college.example');
		await readIt(page);
		await page.getByRole('button', { name: 'Envoyer la demande' }).click();
		await page.waitForURL(/\/demander\/merci$/);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Demande envoyée');
		await expectNoAxeViolations(page);
		await context.close();
	}, 300_000);
});
