import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectNoSidewaysScroll, submitExpecting } from './support/checks';
import { startApp, type App } from './support/start';
import { fillInterventionRequest, parisDate, readTheForm, T } from './support/app';

/** What a school's contact types on the public form, on a phone. */
const fillRequest = (page: Page, email: string) => fillInterventionRequest(page, { organisation: 'Collège Jean Jaurès', email, group: '3e B' });

describe('a school asks for an intervention on the public form, without an account', () => {
	let app: App;

	beforeAll(async () => {
		app = await startApp();
	});

	afterAll(async () => {
		await app?.stop();
	});

	it('without JavaScript, on a phone: a wrong address is refused next to its field with what was typed kept, then the request is sent', async () => {
		const { page, context } = await app.newPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
		await page.goto(`${T}/demander`);
		await fillRequest(page, 'claire.martin@');
		await readTheForm(page);
		await submitExpecting(page, 'Envoyer la demande', 400);
		expect(await page.locator('#f-contactEmail-error').textContent()).toMatch(/adresse e-mail/i);
		expect(await page.getByLabel('Nom de la structure').inputValue()).toBe('Collège Jean Jaurès');
		expect(await page.getByLabel('Nombre de personnes attendues').inputValue()).toBe('28');
		await page.getByLabel('Adresse e-mail').fill('claire.martin@college.example');
		await readTheForm(page);
		await Promise.all([page.waitForURL(`**${T}/demander/merci`), page.getByRole('button', { name: 'Envoyer la demande' }).click()]);
		expect(await page.getByRole('status').textContent()).toContain('lien personnel');
		await context.close();
	}, 300_000);

	it('with JavaScript, on a phone: the form and its refusal pass axe without sideways scrolling, and the request is sent', async () => {
		const { page, context } = await app.newPage({ viewport: { width: 390, height: 844 } });
		await page.goto(`${T}/demander`);
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page, 'intervention-request-phone');
		await fillRequest(page, 'claire.martin@');
		await readTheForm(page);
		await submitExpecting(page, 'Envoyer la demande', 400);
		expect(await page.locator('#f-contactEmail-error').textContent()).toMatch(/adresse e-mail/i);
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page);
		await page.getByLabel('Adresse e-mail').fill('claire.martin@college.example');
		await readTheForm(page);
		await page.getByRole('button', { name: 'Envoyer la demande' }).click();
		await page.waitForURL(/\/demander\/merci$/);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Demande envoyée');
		await expectNoAxeViolations(page);
		await context.close();
	}, 300_000);

	for (const javaScriptEnabled of [false, true]) {
		it(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: after a refused submit the focus is on the error summary, whose links lead to each field; a past period and a wrong UAI are refused there`, async () => {
			const { page, context } = await app.newPage({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
			await page.goto(`${T}/demander`);
			await fillRequest(page, 'claire.martin@college.example');
			await page.getByLabel('UAI de l’établissement (facultatif)').fill('0620108A');
			await page.getByLabel('Période souhaitée : à partir du').fill(parisDate(-30));
			await page.getByLabel('Période souhaitée : jusqu’au').fill(parisDate(-20));
			await readTheForm(page);
			await submitExpecting(page, 'Envoyer la demande', 400);
			const summary = page.locator('.error-summary');
			expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
			expect(await page.locator('#f-uai-error').textContent()).toMatch(/lettre de contrôle/);
			expect(await page.locator('#f-wishedTo-error').textContent()).toMatch(/déjà terminée/);
			expect(await summary.getByRole('link', { name: /Période souhaitée : jusqu’au/ }).getAttribute('href')).toBe('#f-wishedTo');
			expect(await summary.getByRole('link', { name: /UAI/ }).getAttribute('href')).toBe('#f-uai');
			if (javaScriptEnabled) await expectNoAxeViolations(page);
			await context.close();
		}, 300_000);
	}
});
