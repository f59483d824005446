import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './support/checks';
import { T, createCoordinator } from './support/app';
import { startApp, viewport, type App } from './support/start';

/**
 * Texts of the page's main content that a reader cannot see whole: drawn past the screen's edges
 * (in a box scrolled sideways, say), or over another text.
 */
async function cutOrOverlapping(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const texts = [...document.querySelectorAll('main *')].filter((el) => {
			const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
			const r = el.getBoundingClientRect();
			return own && r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.sr-only');
		});
		const name = (el: Element) => `<${el.tagName.toLowerCase()}> "${el.textContent!.trim().slice(0, 40)}"`;
		const problems = texts
			.filter((el) => {
				const r = el.getBoundingClientRect();
				return r.left < -1 || r.right > width + 1;
			})
			.map((el) => `${name(el)} runs past the screen (${Math.round(el.getBoundingClientRect().right)} px of ${width})`);
		const boxes = texts.map((el) => ({ el, r: el.getBoundingClientRect() }));
		for (let i = 0; i < boxes.length; i++)
			for (let j = i + 1; j < boxes.length; j++) {
				const a = boxes[i]!;
				const b = boxes[j]!;
				if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
				const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
				const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
				if (x > 2 && y > 2) problems.push(`${name(a.el)} and ${name(b.el)} overlap`);
			}
		return problems;
	});
}

/** The coordinator's outbox page at 390 px, with the server sending through a real SMTP server. */
describe('the coordinator follows the e-mails of her territory', () => {
	let smtp: TestSmtpServer;
	let app: App;
	let coordinator: { context: BrowserContext; page: Page };

	beforeAll(async () => {
		smtp = await startSmtpServer();
		app = await startApp({ env: { SMTP_URL: smtp.url } });
		coordinator = await app.newPage({ viewport: viewport(390), isMobile: true, hasTouch: true });
		await createCoordinator(coordinator.page, app.server.setupLink);
	}, 300_000);

	afterAll(async () => {
		await app?.stop();
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
			// On a phone, each message is a card: its facts one per line, every one on screen.
			const card = page.getByRole('listitem').filter({ hasText: 'seconde@example.org' });
			expect(await card.count()).toBe(1);
			expect(await card.getByRole('definition').allTextContents()).toEqual(expect.arrayContaining(['Invitation', 'seconde@example.org']));
			expect(await card.getByRole('term').allTextContents()).toEqual(expect.arrayContaining(['Type', 'Destinataire', 'Statut', 'Tentatives', 'Écrit le']));
			expect(await page.getByText('ECONNREFUSED').count()).toBeGreaterThan(0);
			expect(await cutOrOverlapping(page)).toEqual([]);
			await page.goto(`${T}/courriels`);
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Courriels');
			expect(await page.getByText('1 envoyé').count()).toBe(1);
			expect(await page.getByText('1 en attente').count()).toBe(1);
			await expectNoSidewaysScroll(page, 'courriels-390');
			expect(await cutOrOverlapping(page)).toEqual([]);
			await expectNoAxeViolations(page);
			// A wide screen: the table, one row per message, nothing cut either.
			await page.setViewportSize({ width: 1280, height: 900 });
			await page.goto(`${T}/courriels`);
			expect(await page.getByRole('cell', { name: 'seconde@example.org' }).count()).toBe(1);
			await expectNoSidewaysScroll(page, 'courriels-1280');
			expect(await cutOrOverlapping(page)).toEqual([]);
			await expectNoAxeViolations(page);
			await page.setViewportSize({ width: 390, height: 844 });
		} finally {
			await smtp.start();
		}
	});
});
