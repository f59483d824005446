import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium (apt), not a Playwright-downloaded browser. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

/** A fresh, isolated context (own cookies) and a page in it; @axe-core/playwright needs a page from browser.newContext(). */
export async function newPage(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ baseURL, locale: 'fr-FR', timezoneId: 'Europe/Paris', acceptDownloads: true, ...options });
	context.setDefaultTimeout(20_000);
	context.setDefaultNavigationTimeout(30_000);
	const page = await context.newPage();
	return { context, page };
}
