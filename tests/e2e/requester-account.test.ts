import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastMail, linkIn } from '../support/outbox';
import { sendInterventionRequest, T } from './support/app';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './support/checks';
import { startApp, type App } from './support/start';

const EMAIL = 'claire.martin@college.example';
const PASSWORD = 'une phrase de passe assez longue';

/** The public form, as the school's contact fills it on her phone. */
async function sendRequest(page: Page, organisation: string) {
	await page.goto(`${T}/demander`);
	await sendInterventionRequest(page, { organisation, email: EMAIL, fromDays: 30, toDays: 60 });
}

describe('a requester creates her account from her follow link and finds all her requests', () => {
	let app: App;

	beforeAll(async () => {
		app = await startApp();
	});

	afterAll(async () => {
		await app?.stop();
	});

	it('on a phone: two requests sent, the account asked for from the follow page, created from the e-mail, and « Mes demandes » lists both', async () => {
		const { page, context } = await app.newPage({ viewport: { width: 390, height: 844 } });
		await sendRequest(page, 'Collège Jean Jaurès');
		const followLink = linkIn(await lastMail(app.server.dataDir, EMAIL), '/demande/');
		const since = Date.now();
		await sendRequest(page, 'Lycée Ribot');

		await page.goto(followLink);
		await page.getByRole('button', { name: 'Créer un compte pour retrouver toutes vos demandes' }).click();
		await page.getByText('Un e-mail vient d’être envoyé à l’adresse de la demande').waitFor();
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page, 'requester-account-offer');

		// The newest message to her address carrying an invitation link (the second request's receipt came before it).
		let invitation = '';
		for (let tries = 0; tries < 100 && !invitation.includes('/invitation/'); tries++) {
			invitation = await lastMail(app.server.dataDir, EMAIL, { since });
			if (!invitation.includes('/invitation/')) await new Promise((resolve) => setTimeout(resolve, 100));
		}
		await page.goto(linkIn(invitation, '/invitation/'));
		expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(EMAIL);
		await page.getByLabel('Nom et prénom').fill('Claire Martin');
		await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
		await page.getByLabel('Confirmez le mot de passe').fill(PASSWORD);
		await Promise.all([page.waitForURL((url) => url.pathname === T), page.getByRole('button', { name: 'Créer mon compte' }).click()]);

		// On a phone the territory's links are folded into « Menu ».
		await page.locator('summary', { hasText: 'Menu' }).click();
		await Promise.all([page.waitForURL(`**${T}/mes-demandes`), page.getByRole('link', { name: 'Mes demandes' }).click()]);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mes demandes');
		const listed = await page.locator('article.my-request').allTextContents();
		expect(listed).toHaveLength(2);
		expect(listed.join(' ')).toContain('Collège Jean Jaurès');
		expect(listed.join(' ')).toContain('Lycée Ribot');
		expect(listed.every((text) => text.includes('Reçue'))).toBe(true);
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page, 'requester-my-requests');

		// From her account, without her e-mail's link: she changes the group size of one of them.
		const ribot = page.locator('article.my-request', { hasText: 'Lycée Ribot' });
		await Promise.all([page.waitForURL(/\/mes-demandes\/\d+$/), ribot.getByRole('link', { name: 'Voir, modifier ou annuler cette demande' }).click()]);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Suivi de votre demande');
		await page.getByLabel('Nombre de personnes attendues').fill('31');
		await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
		await page.getByRole('status').first().waitFor();
		expect(await page.getByLabel('Nombre de personnes attendues').inputValue()).toBe('31');
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page, 'requester-own-request');

		// A third request, signed in: her name and address are already there.
		await page.goto(`${T}/demander`);
		expect(await page.getByLabel('Nom et prénom').inputValue()).toBe('Claire Martin');
		expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(EMAIL);
		// Counts are for the coordination, partners and funders: not for her.
		const counts = await page.goto(`${T}/interventions/chiffres`);
		expect(counts?.status()).toBe(404);
		await context.close();
	}, 300_000);

	it('on a phone, « Elles témoignent » is public and accessible, even before anyone consents', async () => {
		const { page, context } = await app.newPage({ viewport: { width: 390, height: 844 } });
		// Found from the territory's home page, not only by typing its address.
		await page.goto(T);
		await Promise.all([
			page.waitForURL(`**${T}/temoins`),
			page
				.getByRole('main')
				.getByRole('link', { name: /Elles témoignent/ })
				.click()
		]);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Elles témoignent');
		expect(await page.getByText('Aucun profil public pour l’instant.').isVisible()).toBe(true);
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page, 'witnesses-phone');
		// An unknown profile and its photo: the same 404 as a withdrawn consent.
		expect((await page.goto(`${T}/temoins/999999`))?.status()).toBe(404);
		expect((await page.goto(`${T}/temoins/999999/photo`))?.status()).toBe(404);
		await context.close();
	}, 120_000);
});
