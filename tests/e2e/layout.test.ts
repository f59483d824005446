import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/start';
import { COORDINATOR, createCoordinator, createPlatformAdmin, parisDate, PLATFORM_ADMIN, recordActivity, signIn } from './support/app';
import { discoverPages, routeKey } from './support/crawl';

/** A phone, a tablet, a laptop and a desktop screen. */
const WIDTHS = [390, 768, 1280, 1920] as const;
/** Set E2E_SCREENSHOTS=<dir> to keep a full-page screenshot of every page at every width, to look at. */
const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

interface Box {
	what: string;
	x: number;
	y: number;
	width: number;
	height: number;
}

/**
 * What is wrong with the layout of the page as shown now, then with every <details> opened (the
 * data tables under charts): sideways scrolling, tables drawn over each other.
 */
async function layoutProblems(page: Page): Promise<string[]> {
	const shown = await measureLayout(page);
	await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
	const opened = (await measureLayout(page)).map((p) => `every <details> opened: ${p}`);
	return [...shown, ...opened];
}

async function measureLayout(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		const doc = document.documentElement;
		if (doc.scrollWidth > doc.clientWidth) {
			// Name the widest culprits so the failure says where to look.
			const culprits = [...document.querySelectorAll('body *')]
				.filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1)
				.filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= doc.clientWidth + 1)
				.slice(0, 5)
				.map(
					(el) =>
						`<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}> right edge at ${Math.round(el.getBoundingClientRect().right)} px`
				);
			problems.push(`the page scrolls sideways: ${doc.scrollWidth} px of content in ${doc.clientWidth} px (${culprits.join('; ')})`);
		}
		const describe = (el: Element): string => {
			const caption = el.querySelector('caption, figcaption, h2, h3')?.textContent?.replace(/\s+/g, ' ').trim();
			return `<${el.tagName.toLowerCase()}>${caption ? ` "${caption.slice(0, 60)}"` : ''}`;
		};
		const boxes = (selector: string): { el: Element; box: Box }[] =>
			[...document.querySelectorAll(selector)]
				.map((el) => {
					const r = el.getBoundingClientRect();
					return { el, box: { what: describe(el), x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height } };
				})
				// What is not rendered (the table of a closed <details>, whose content Chromium keeps laid out
				// but skipped) cannot overlap anything on screen.
				.filter(({ el, box }) => box.width > 0 && box.height > 0 && el.checkVisibility());
		// Tables, and the figures or sections that hold them: no two of the same kind may overlap.
		for (const selector of ['table', 'figure:has(table)', 'section:has(table)']) {
			const found = boxes(selector);
			for (let i = 0; i < found.length; i++) {
				for (let j = i + 1; j < found.length; j++) {
					const a = found[i]!;
					const b = found[j]!;
					if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
					const overlapX = Math.min(a.box.x + a.box.width, b.box.x + b.box.width) - Math.max(a.box.x, b.box.x);
					const overlapY = Math.min(a.box.y + a.box.height, b.box.y + b.box.height) - Math.max(a.box.y, b.box.y);
					if (overlapX > 1 && overlapY > 1) problems.push(`${a.box.what} and ${b.box.what} overlap (${Math.round(overlapX)} × ${Math.round(overlapY)} px)`);
				}
			}
		}
		return problems;
	});
}

/**
 * Every page reachable by links, as a visitor, as a coordinator and as a platform administrator (the
 * territories' administration, the national dashboard), with recorded activities (filled tables and
 * charts), at four screen widths: the document never scrolls sideways and no table is drawn over another.
 */
describe('every page fits the screen at 390, 768, 1280 and 1920 px', () => {
	let app: App;
	const pages: { who: string; context: BrowserContext; page: Page; hrefs: string[] }[] = [];

	beforeAll(async () => {
		// No demo data (minutes to load on a busy machine): recorded activities fill the lists and the indicator's tables.
		app = await startApp({ startTimeout: 300_000 });
	}, 400_000);

	it('finds the pages of a visitor, of a coordinator and of a platform administrator', { timeout: 600_000 }, async () => {
		const coordinator = await app.newPage();
		await createCoordinator(coordinator.page, app.server.setupLink, COORDINATOR);
		const recorded: Record<string, number>[] = [
			{ 'girls.college': 14, 'boys.college': 9 },
			{ 'girls.lycee_pro': 12, 'teachers.unspecified': 3 }
		];
		for (const [i, audiences] of recorded.entries()) {
			await recordActivity(coordinator.page, {
				title: `Visite d’entreprise n° ${i + 1} — métiers de la maintenance industrielle`,
				date: parisDate(-10 - 40 * i),
				audiences
			});
		}
		const visitor = await app.newPage();
		pages.push({ who: 'visitor', ...visitor, hrefs: await discoverPages(visitor.page, ['/', '/connexion', '/mot-de-passe-oublie']) });
		pages.push({ who: 'coordinator', ...coordinator, hrefs: await discoverPages(coordinator.page, ['/', '/compte']) });
		// The administrator's own pages, from her start pages; the territory's pages she also reaches are the coordinator's, checked above.
		await createPlatformAdmin(app.browser, app.server);
		const admin = await app.newPage();
		await signIn(admin.page, PLATFORM_ADMIN);
		const adminPages = await discoverPages(admin.page, ['/admin/territoires', '/admin/tableau-de-bord']);
		const seen = new Set(pages.flatMap((p) => p.hrefs.map(routeKey)));
		pages.push({ who: 'admin', ...admin, hrefs: adminPages.filter((href) => !seen.has(routeKey(href))) });
		// The list of territories, one territory's page and the national dashboard at least.
		expect(pages.at(-1)!.hrefs.filter((href) => href.startsWith('/admin/')).length, pages.at(-1)!.hrefs.join('\n')).toBeGreaterThanOrEqual(3);
		if (SCREENSHOTS) fs.mkdirSync(SCREENSHOTS, { recursive: true });
		expect(pages.reduce((n, p) => n + p.hrefs.length, 0)).toBeGreaterThan(15);
	});

	afterAll(async () => {
		await app?.stop();
	});

	// Each page is loaded once, at the narrowest width first, then resized: the layout is checked at
	// every width without loading the page four times.
	it('at 390, 768, 1280 and 1920 px wide', { timeout: 900_000 }, async () => {
		const failures: string[] = [];
		const checked = new Map<number, number>(WIDTHS.map((w) => [w, 0]));
		for (const { who, page, hrefs } of pages) {
			for (const href of hrefs) {
				await page.setViewportSize({ width: WIDTHS[0], height: 844 });
				await page.goto(href);
				await page.waitForLoadState('networkidle');
				for (const width of WIDTHS) {
					await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
					// Let resize observers and media queries settle before measuring.
					await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
					checked.set(width, checked.get(width)! + 1);
					for (const problem of await layoutProblems(page)) failures.push(`${width} px, ${who} ${href}: ${problem}`);
					if (SCREENSHOTS) {
						const name = `${width}-${who}-${
							routeKey(href)
								.replace(/[^a-z0-9]+/gi, '_')
								.replace(/^_|_$/g, '') || 'home'
						}.png`;
						await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
					}
				}
			}
		}
		for (const width of WIDTHS) expect(checked.get(width), `pages checked at ${width} px`).toBeGreaterThan(15);
		expect(failures, `${failures.length} layout problem(s):\n${failures.join('\n')}`).toEqual([]);
	});
});
