import type { BrowserContext, Page } from 'playwright-core';

/**
 * Helpers for the tests that walk the whole site the way a person does: discover every page reachable
 * by links from a few starting points, then click through them with JavaScript on.
 */

/** Where a link points to, as the path and query the browser will show (same origin only). */
export interface Link {
	href: string;
	text: string;
	/** In the site's chrome (header, navigation, footer): the same link on every page. */
	chrome: boolean;
}

/** Collects what must never happen on a page: uncaught exceptions and console errors (CSP violations are console errors). */
export function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`pageerror on ${page.url()}: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`console error on ${page.url()}: ${message.text()}`);
	});
	return errors;
}

/**
 * SvelteKit renders its route announcer once the app has hydrated: before that, a click is a plain
 * page load. A page rendered without the client app (`csr = false`: the public pages, decision 0010)
 * has no inline start-up script (at most a small static file, like the portraits' play counter) and
 * never hydrates: false, and its links are plain page loads.
 */
export async function waitForHydration(page: Page): Promise<boolean> {
	if ((await page.locator('script:not([src])').count()) === 0) return false;
	await page.waitForSelector('#svelte-announcer', { state: 'attached' });
	return true;
}

/**
 * Same-origin page links only: no fragments, no new windows, no downloads (`download`, CSV, PDF, JSON),
 * no API. Sign-out and the language switch are forms, not links, so they never show up here.
 */
export async function linksOf(page: Page): Promise<Link[]> {
	const origin = new URL(page.url()).origin;
	const raw = await page.locator('a[href]').evaluateAll((anchors) =>
		anchors.map((a) => ({
			// An <a> inside an <svg> (the month chart's bars) has an SVGAnimatedString as `href`, not a string:
			// resolve the attribute as the browser does when the link is followed.
			href: new URL(a.getAttribute('href') ?? '', document.baseURI).href,
			attr: a.getAttribute('href') ?? '',
			download: a.hasAttribute('download'),
			target: a.getAttribute('target') ?? '',
			rel: a.getAttribute('rel') ?? '',
			chrome: a.closest('header, nav, footer') !== null,
			text: (a.textContent ?? '').replace(/\s+/g, ' ').trim()
		}))
	);
	const seen = new Set<string>();
	const links: Link[] = [];
	for (const a of raw) {
		if (a.attr.startsWith('#') || a.download || a.target === '_blank' || /\bexternal\b/.test(a.rel)) continue;
		let url: URL;
		try {
			url = new URL(a.href, page.url());
		} catch {
			throw new Error(`A link with an invalid address on ${page.url()}: ${JSON.stringify(a.attr)} ("${a.text}")`);
		}
		if (url.origin !== origin) continue;
		if (/\.(csv|pdf|json)$/.test(url.pathname) || url.pathname.startsWith('/api/')) continue;
		const href = url.pathname + url.search;
		if (seen.has(href)) continue;
		seen.add(href);
		links.push({ href, text: a.text, chrome: a.chrome });
	}
	return links;
}

/**
 * The kind of page a URL shows: numeric ids and one-time tokens stand for any value, and the query keeps
 * its keys only. Two links of the same kind exercise the same code: the crawl follows one of each.
 */
export function routeKey(href: string): string {
	const url = new URL(href, 'http://x');
	const path = url.pathname
		.split('/')
		.map((segment) => (/^\d+$/.test(segment) ? ':id' : segment))
		.join('/')
		.replace(/^\/(installation|invitation)\/[^/]+/, '/$1/:token');
	const keys = [...new Set(url.searchParams.keys())].sort();
	return keys.length ? `${path}?${keys.join('&')}` : path;
}

/**
 * Every page reachable by links from `seeds`, one URL per kind of page (see routeKey), in the order found.
 * Pages are opened with page.goto: this only maps the site; the navigation test then clicks.
 */
export async function discoverPages(page: Page, seeds: string[], max = 200): Promise<string[]> {
	const queue = [...seeds];
	const kinds = new Set<string>();
	const pages: string[] = [];
	while (queue.length > 0 && pages.length < max) {
		const href = queue.shift()!;
		const response = await page.goto(href);
		const landed = new URL(page.url());
		const here = landed.pathname + landed.search;
		// A redirect (e.g. to the sign-in page) lands on a page of another kind: record that one.
		if (kinds.has(routeKey(here)) || !response || !(response.headers()['content-type'] ?? '').startsWith('text/html')) {
			kinds.add(routeKey(href));
			continue;
		}
		kinds.add(routeKey(href));
		kinds.add(routeKey(here));
		pages.push(here);
		for (const link of await linksOf(page)) {
			if (!kinds.has(routeKey(link.href)) && !queue.some((q) => routeKey(q) === routeKey(link.href))) queue.push(link.href);
		}
	}
	return pages;
}

function decodeEntities(text: string): string {
	return text
		.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
		.replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
		.replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&nbsp;/g, '\u00a0')
		.replace(/&amp;/g, '&');
}

/** The text of an element as a browser shows it in textContent, whitespace collapsed. */
export function normalise(text: string | null): string {
	return (text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * What the server renders for `href` with the context's cookies, without JavaScript: the final address
 * (after redirects) and the first h1. A client-side navigation must end on the same address and heading.
 */
export async function serverRendered(
	context: BrowserContext,
	baseURL: string,
	href: string
): Promise<{ href: string; h1: string; status: number; app: boolean }> {
	const response = await context.request.get(new URL(href, baseURL).toString(), { headers: { accept: 'text/html' } });
	const html = await response.text();
	const match = html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/);
	const landed = new URL(response.url());
	return {
		href: landed.pathname + landed.search,
		h1: normalise(decodeEntities((match?.[1] ?? '').replace(/<[^>]*>/g, ''))),
		status: response.status(),
		/** Whether the page brings the client app (a page without it is reached by a full page load). */
		app: /<script[\s>]/.test(html)
	};
}

/** The first h1 of the page as shown. */
export async function heading(page: Page): Promise<string> {
	const h1 = page.locator('h1').first();
	return (await h1.count()) ? normalise(await h1.textContent()) : '';
}
