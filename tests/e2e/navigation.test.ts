import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/start';
import { COORDINATOR, createCoordinator, parisDate, recordActivity } from './support/app';
import { discoverPages, heading, linksOf, routeKey, serverRendered, waitForHydration, watchErrors } from './support/crawl';

/**
 * With JavaScript on, every link of every page reachable by a visitor and by a coordinator is clicked
 * (a client-side navigation by SvelteKit's router, not page.goto), and:
 * - the browser ends on the address and the h1 the server renders for that link (the page really changed);
 * - the navigation stayed client-side (no full reload);
 * - no uncaught exception and no console error happened on the way (CSP violations are console errors).
 * Links of the same kind from the same kind of page (e.g. the 40 activities of a list) are followed once;
 * the links of the site's chrome (header, navigation, footer: the same on every page) are followed from
 * CHROME_SOURCES different pages, not from every page.
 */
const CHROME_SOURCES = 3;
describe('every link, clicked with JavaScript on, leads to its page without any error', () => {
	let app: App;

	beforeAll(async () => {
		// No demo data: it takes minutes to load, and one recorded activity gives every kind of link.
		app = await startApp({ startTimeout: 300_000 });
	}, 400_000);

	afterAll(async () => {
		await app?.stop();
	});

	/** Clicks every link of every page in `pages`; returns what went wrong, one line per failure. */
	async function clickEveryLink(context: BrowserContext, page: Page, pages: string[]): Promise<{ failures: string[]; followed: number }> {
		const errors = watchErrors(page);
		const failures: string[] = [];
		const done = new Set<string>();
		const chromeFollowed = new Map<string, number>();
		const rendered = new Map<string, Awaited<ReturnType<typeof serverRendered>>>();
		let followed = 0;
		/** Whether the page shows `source` as loaded, untouched by a click yet. */
		let fresh = false;
		const fail = (message: string) => {
			failures.push(message);
			if (process.env.E2E_VERBOSE) console.log(`[nav] FAILED ${message}`);
		};
		const flush = (label: string) => {
			if (errors.length) fail(`${label}:\n    ${errors.join('\n    ')}`);
			errors.length = 0;
		};

		let sourceHasApp = true;
		const openSource = async (source: string) => {
			await page.goto(source);
			sourceHasApp = await waitForHydration(page);
			// A full page load would drop this marker: its survival proves the router handled the click.
			await page.evaluate(() => ((window as unknown as { __crawl: boolean }).__crawl = true));
			flush(`opening ${source}`);
			fresh = true;
		};

		for (const source of pages) {
			await openSource(source);
			for (const link of await linksOf(page)) {
				const kind = `${routeKey(source)} → ${routeKey(link.href)}`;
				if (done.has(kind)) continue;
				done.add(kind);
				if (link.chrome) {
					const times = chromeFollowed.get(routeKey(link.href)) ?? 0;
					if (times >= CHROME_SOURCES) continue;
					chromeFollowed.set(routeKey(link.href), times + 1);
				}
				if (!fresh) await openSource(source);
				fresh = false;
				if (!rendered.has(link.href)) rendered.set(link.href, await serverRendered(context, app.server.baseURL, link.href));
				const expected = rendered.get(link.href)!;
				const label = `${source} → "${link.text}" (${link.href})`;
				followed++;
				if (process.env.E2E_VERBOSE) console.log(`[nav] ${label}`);
				try {
					// Mark the anchors that resolve to this address (their href attribute may be written differently).
					await page.locator('a[href]').evaluateAll((all, href) => {
						for (const a of all) {
							// In-page links (the "skip to content" link, href="#main") stay out: without its fragment
							// their address is the current page's, and a self-link would click them instead.
							if ((a.getAttribute('href') ?? '').startsWith('#')) continue;
							// Resolved from the attribute: an SVG <a> (month chart) has no string `href` property.
							const url = new URL(a.getAttribute('href') ?? '', document.baseURI);
							if (url.pathname + url.search === href) a.setAttribute('data-crawl-target', '');
						}
					}, link.href);
					const anchors = page.locator('a[data-crawl-target]');
					const visible = anchors.filter({ visible: true }).first();
					const target = (await visible.count()) ? visible : anchors.first();
					await Promise.all([page.waitForURL((url) => url.pathname + url.search === expected.href, { timeout: 10_000 }), target.click()]);
					await expect.poll(() => heading(page), { message: `${label}: the h1 after the click`, timeout: 10_000 }).toBe(expected.h1);
					const clientSide = await page.evaluate(() => (window as unknown as { __crawl?: boolean }).__crawl === true);
					// From or to a page without the client app (`csr = false`), the link is a plain page load.
					if (!clientSide && sourceHasApp && expected.app) fail(`${label}: a full page load instead of a client-side navigation`);
				} catch (e) {
					fail(
						`${label}: expected "${expected.h1}" at ${expected.href}, got "${await heading(page)}" at ${page.url()} — ${(e as Error).message
							.split('\n')
							.slice(0, process.env.E2E_VERBOSE ? 12 : 1)
							.join('\n')}`
					);
				}
				flush(label);
			}
		}
		return { failures, followed };
	}

	it('an anonymous visitor', { timeout: 900_000 }, async () => {
		const { context, page } = await app.newPage();
		try {
			const pages = await discoverPages(page, ['/', '/connexion', '/mot-de-passe-oublie']);
			expect(pages.length, `pages found: ${pages.join(', ')}`).toBeGreaterThanOrEqual(5);
			const { failures, followed } = await clickEveryLink(context, page, pages);
			expect(followed).toBeGreaterThan(10);
			expect(failures, `${failures.length} failing link(s) of ${followed}:\n${failures.join('\n')}`).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('a signed-in coordinator (two-step verification on)', { timeout: 900_000 }, async () => {
		const { context, page } = await app.newPage();
		try {
			await createCoordinator(page, app.server.setupLink, COORDINATOR);
			await recordActivity(page, { title: 'Visite de l’usine de Longuenesse', date: parisDate(-10), audiences: { 'girls.college': 14, 'boys.college': 9 } });
			const pages = await discoverPages(page, ['/', '/compte']);
			expect(pages.length, `pages found: ${pages.join(', ')}`).toBeGreaterThanOrEqual(12);
			const { failures, followed } = await clickEveryLink(context, page, pages);
			expect(followed).toBeGreaterThan(30);
			expect(failures, `${failures.length} failing link(s) of ${followed}:\n${failures.join('\n')}`).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
