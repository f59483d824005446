import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../support/totp';
import { startApp, type App } from './support/start';
import { COORDINATOR } from './support/app';

/**
 * Turning two-step verification on in a real browser (issue #6 A6): the QR code is drawn by the
 * server and shown under the strict CSP, a wrong code says so and keeps the backup codes on
 * screen, and opening the page again keeps the same secret.
 */
describe('two-step verification setup page', () => {
	let app: App;
	let page: Page;
	/** Page errors (console CSP reports of the route announcer are issue #6 A16, tested elsewhere). */
	const problems: string[] = [];

	beforeAll(async () => {
		// A shared, loaded machine can take more than the default 90 s to migrate and seed.
		app = await startApp({ startTimeout: 240_000 });
		({ page } = await app.newPage());
		page.on('pageerror', (e) => problems.push(e.message));
		await page.goto(app.server.setupLink);
		await page.getByLabel('Nom et prénom').fill(COORDINATOR.name);
		await page.getByLabel('Adresse e-mail').fill(COORDINATOR.email);
		await page.getByLabel('Mot de passe', { exact: true }).fill(COORDINATOR.password);
		await page.getByLabel('Confirmez le mot de passe').fill(COORDINATOR.password);
		await Promise.all([page.waitForURL((url) => url.pathname === '/compte/securite'), page.getByRole('button', { name: 'Créer le compte' }).click()]);
	}, 300_000);
	afterAll(async () => {
		await app?.stop();
	});

	const secretShown = async () => (await page.getByTestId('totp-secret').textContent())!.trim();
	const backupCodesShown = async () => (await page.getByTestId('backup-codes').locator('li').allTextContents()).map((c) => c.trim());

	it('shows a QR code drawn by the server, the key and the backup codes', async () => {
		await page.getByLabel('Mot de passe', { exact: true }).fill(COORDINATOR.password);
		await page.getByRole('button', { name: 'Activer' }).click();
		const qr = page.getByRole('img', { name: /QR code/ });
		await expect.poll(() => qr.isVisible()).toBe(true);
		expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
		// Really drawn: the browser decoded the image (a CSP refusal would leave it broken, naturalWidth 0).
		expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
		expect(await secretShown()).toMatch(/^[A-Z2-7]{16,}$/);
		expect(await backupCodesShown()).toHaveLength(10);
		expect(problems).toEqual([]);
	});

	it('a wrong code says the code is incorrect, and the key and backup codes stay on screen', async () => {
		const secret = await secretShown();
		const codes = await backupCodesShown();
		const wrong = String((Number(totp(secret)) + 1) % 1_000_000).padStart(6, '0');
		await page.getByLabel('Code de vérification').fill(wrong);
		await page.getByRole('button', { name: 'Vérifier' }).click();
		await expect.poll(() => page.getByText('Code incorrect ou expiré.').first().isVisible()).toBe(true);
		expect(await page.getByText('ou l’un de vos codes de secours').count()).toBe(0);
		expect(await secretShown()).toBe(secret);
		expect(await backupCodesShown()).toEqual(codes);
	});

	it('opening the page again shows the same pending secret; the right code turns verification on', async () => {
		const secret = await secretShown();
		const codes = await backupCodesShown();
		await page.goto('/compte/securite');
		expect(await secretShown()).toBe(secret);
		expect(await backupCodesShown()).toEqual(codes);
		await page.getByLabel('Code de vérification').fill(totp(secret));
		await Promise.all([page.waitForURL((url) => url.pathname !== '/compte/securite'), page.getByRole('button', { name: 'Vérifier' }).click()]);
		await page.goto('/compte/securite');
		expect(await page.getByText('La vérification en deux étapes est activée.').isVisible()).toBe(true);
		expect(problems).toEqual([]);
	});
});
