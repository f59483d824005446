import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Set E2E_SCREENSHOTS=<dir> to keep full-page screenshots of the pages the tests name, to look at. */
const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

/** Runs axe (WCAG 2.1 A + AA) on the page as it is now and fails with every violation spelled out. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
	const report = results.violations
		.map(
			(v) =>
				`- ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n` +
				v.nodes.map((n) => `    target: ${n.target.join(' ')}\n    html: ${n.html.slice(0, 200)}`).join('\n')
		)
		.join('\n');
	expect(results.violations.length, `axe on ${page.url()}:\n${report}`).toBe(0);
}

/** The document never scrolls sideways; with E2E_SCREENSHOTS, the page is kept as `<shot>.png`. */
export async function expectNoSidewaysScroll(page: Page, shot?: string): Promise<void> {
	if (shot) await screenshot(page, shot);
	const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(scroll, `${page.url()} is ${scroll - client} px wider than the ${client} px screen`).toBeLessThanOrEqual(client);
}

/** Every text drawn in a chart (labels, values, axis) lies inside its drawing: none cut at an edge. */
export async function expectChartTextInside(page: Page): Promise<void> {
	const outside = await page.locator('[data-chart] svg').evaluateAll((svgs) =>
		svgs.flatMap((svg) => {
			const box = svg.getBoundingClientRect();
			return [...svg.querySelectorAll('text')]
				.filter((text) => text.getClientRects().length > 0)
				.map((text) => ({ text: text.textContent ?? '', r: text.getBoundingClientRect() }))
				.filter(({ r }) => r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
				.map(({ text }) => `${svg.closest('[data-chart]')?.getAttribute('data-chart')}: « ${text} »`);
		})
	);
	expect(outside, `${page.url()} has chart text cut at an edge`).toEqual([]);
}

/** A full-page screenshot in E2E_SCREENSHOTS, when it is set. */
export async function screenshot(page: Page, name: string): Promise<void> {
	if (!SCREENSHOTS) return;
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Console errors and uncaught exceptions, less Chromium's own line for a refused form's answer
 * (a page served with 400 or 409 on purpose: the refusal with its French messages).
 */
export function unexpectedErrors(errors: readonly string[]): string[] {
	return errors.filter((e) => !/Failed to load resource: the server responded with a status of (400|409) /.test(e));
}

/** Submits the form of the button named `button` and waits for the page the server answers with `status`. */
export async function submitExpecting(page: Page, button: string, status: number): Promise<void> {
	const response = page.waitForResponse((r) => r.request().method() === 'POST');
	await page.getByRole('button', { name: button, exact: true }).click();
	expect((await response).status()).toBe(status);
	await page.waitForLoadState('networkidle');
}

/** The one script a page without client app (csr = false) may send: the period filters' choice (decision 0010). */
export const PERIOD_CHOICE_SCRIPT = '/js/period-choice.js';

/** The page's scripts: each `src`, and « inline » for a script written in the page (SvelteKit's client starts from one). */
export async function pageScripts(page: Page): Promise<string[]> {
	return page.locator('script').evaluateAll((scripts) => scripts.map((s) => s.getAttribute('src') ?? 'inline'));
}
