import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoordinator, signIn, T } from './support/app';
import { expectNoSidewaysScroll, screenshot } from './support/checks';
import { inviteMember, startApp, type App, type Member } from './support/start';

const FUNDER: Member = { name: 'Fanny Financeuse', email: 'fanny.financeuse@example.org', password: 'Mixite-funder-2026!', role: 'funder' };

/** Console messages of the page, CSP violations included (Chromium logs them as errors). */
function consoleOf(page: Page): string[] {
	const lines: string[] = [];
	page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
	page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
	return lines;
}

/** Where the indicator's figures lead: the hrefs of the links inside the headline and the figure tables. */
async function figureLinks(page: Page): Promise<string[]> {
	return page.locator('main .big-figure a, main table.figures a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
}

/**
 * What a new user's trial found on the pages of a reader who may not write (a funder) and of an
 * anonymous visitor: the indicator's figures lead where the reader may go, the activities list does
 * not ask a signed-in funder to sign in, and a bad year for the yearly report is the site's own
 * error page, in French, without a Content Security Policy violation.
 */
describe('a funder and a visitor after the trial', () => {
	let app: App;

	beforeAll(async () => {
		app = await startApp({ startTimeout: 300_000 });
		const coordinator = await app.newPage();
		await createCoordinator(coordinator.page, app.server.setupLink);
		// The coordinator invites the funder, who creates her account from the e-mail's link.
		const funder = await inviteMember(app, coordinator.page, FUNDER);
		await funder.context.close();
		await coordinator.context.close();
	}, 400_000);

	afterAll(async () => {
		await app?.stop();
	});

	/** The funder, signed in on a page of her own. */
	async function funderPage(width: number): Promise<{ page: Page; close: () => Promise<void> }> {
		const { context, page } = await app.newPage(width);
		await signIn(page, FUNDER);
		return { page, close: () => context.close() };
	}

	it('a visitor signed out reads the indicator’s figures without a link to the activities (she would meet the sign-in page)', async () => {
		const { context, page } = await app.newPage();
		await page.goto(`${T}/indicateur`);
		const links = await figureLinks(page);
		expect(links.length).toBeGreaterThan(0);
		for (const href of links) expect(href, 'a figure seen signed out').not.toMatch(/\/actions/);
		await context.close();
	});

	for (const width of [390, 1280]) {
		it(`at ${width} px, a funder is told her role lets her consult the activities, not to sign in; the indicator's figures lead to the activities`, async () => {
			const { page, close } = await funderPage(width);
			await page.goto(`${T}/actions`);
			expect(await page.getByText('Votre rôle vous permet de consulter les actions, mais pas de les enregistrer ni de les modifier.').isVisible()).toBe(true);
			expect(await page.getByText('Connectez-vous pour enregistrer ou modifier une action.').count()).toBe(0);
			await expectNoSidewaysScroll(page, `funder-activities-${width}`);
			await page.goto(`${T}/indicateur`);
			const links = await figureLinks(page);
			expect(links.length).toBeGreaterThan(0);
			for (const href of links) expect(href, 'a figure seen by a reader of activities').toMatch(/\/actions\?status=done/);
			await close();
		});

		it(`at ${width} px, the yearly report of a malformed year is the site's error page: French heading, the site's header, a way back, no CSP violation`, async () => {
			const { page, close } = await funderPage(width);
			const lines = consoleOf(page);
			const response = await page.goto(`${T}/bilan.pdf?annee=abc`);
			expect(response?.status()).toBe(400);
			expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Une erreur est survenue');
			expect(await page.getByText('Année scolaire attendue sous la forme 2025-2026').count()).toBeGreaterThan(0);
			expect(await page.locator('header.site').isVisible()).toBe(true);
			expect(await page.getByRole('main').getByRole('link', { name: 'Retour à l’accueil' }).isVisible()).toBe(true);
			// The site's stylesheet, not SvelteKit's bare page for an endpoint's error.
			expect(await page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
			await screenshot(page, `report-bad-year-${width}`);
			expect(lines.filter((l) => /Content Security Policy|Content-Security-Policy/i.test(l))).toEqual([]);
			await close();
		});
	}
});
