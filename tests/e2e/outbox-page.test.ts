import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { launchBrowser, newPage } from './support/browser';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './support/checks';
import { startServer, type TestServer } from './support/server';
import { T, createCoordinator } from './support/app';

/** The coordinator's outbox page at 390 px, with the server sending through a real SMTP server. */
describe('the coordinator follows the e-mails of her territory', () => {
	let smtp: TestSmtpServer;
	let server: TestServer;
	let browser: Browser;
	let coordinator: { context: BrowserContext; page: Page };

	beforeAll(async () => {
		smtp = await startSmtpServer();
		const before = process.env.SMTP_URL;
		process.env.SMTP_URL = smtp.url;
		try {
			server = await startServer();
		} finally {
			if (before === undefined) delete process.env.SMTP_URL;
			else process.env.SMTP_URL = before;
		}
		browser = await launchBrowser();
		coordinator = await newPage(browser, server.baseURL, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		await createCoordinator(coordinator.page, server.setupLink);
	}, 300_000);

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await smtp?.stop();
	});

	async function invite(email: string) {
		const page = coordinator.page;
		await page.goto(`${T}/membres`);
		await page.getByLabel('Adresse e-mail').fill(email);
		await page.getByLabel('Rôle').selectOption('funder');
		await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
		expect(await page.getByRole('status').textContent()).toContain(`Invitation envoyée à ${email}`);
	}

	it('an invitation reaches the SMTP server and is listed as sent; while the SMTP server is down the next one waits with its answer', async () => {
		await invite('financeuse@example.org');
		const mail = await smtp.waitFor((m) => m.text?.includes('/invitation/') === true && JSON.stringify(m.to).includes('financeuse@example.org'));
		expect(mail.html).toContain('/invitation/');

		await smtp.stop();
		try {
			await invite('seconde@example.org');
			const page = coordinator.page;
			// The worker tries at once and keeps the refusal.
			for (let i = 0; i < 50; i++) {
				await page.goto(`${T}/courriels?status=pending`);
				if (await page.getByText('ECONNREFUSED').count()) break;
				await page.waitForTimeout(200);
			}
			expect(await page.getByRole('cell', { name: 'seconde@example.org' }).count()).toBe(1);
			expect(await page.getByText('ECONNREFUSED').count()).toBeGreaterThan(0);
			await page.goto(`${T}/courriels`);
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Courriels');
			expect(await page.getByText('1 envoyé').count()).toBe(1);
			expect(await page.getByText('1 en attente').count()).toBe(1);
			await expectNoSidewaysScroll(page, 'courriels-390');
			await expectNoAxeViolations(page);
		} finally {
			await smtp.start();
		}
	});
});
