import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { lastMail, linkIn } from '../../support/outbox';
import { T, type Credentials } from './app';
import { launchBrowser, newPage } from './browser';
import { startServer, type StartOptions, type TestServer } from './server';

/**
 * What every browser journey starts from: the built server on a fresh data dir (`startServer`),
 * Chromium (`launchBrowser`) and isolated pages on that server (`newPage`), stopped together.
 */
export interface App {
	server: TestServer;
	browser: Browser;
	/** A fresh context (own cookies) and its page; a number is the viewport's width (a phone's or a laptop's height). */
	newPage(view?: number | BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
	stop(): Promise<void>;
}

/** The viewport of a phone (below 600 px wide) or of a laptop, `width` pixels wide. */
export const viewport = (width: number) => ({ width, height: width < 600 ? 844 : 900 });

export async function startApp(options: StartOptions = {}): Promise<App> {
	const server = await startServer(options);
	let browser: Browser;
	try {
		browser = await launchBrowser();
	} catch (error) {
		await server.stop();
		throw error;
	}
	return {
		server,
		browser,
		newPage: (view = {}) => newPage(browser, server.baseURL, typeof view === 'number' ? { viewport: viewport(view) } : view),
		async stop() {
			await browser.close();
			await server.stop();
		}
	};
}

/** A member of the territory other than its coordination, as invited from « Membres ». */
export interface Member extends Credentials {
	role: 'partner' | 'funder';
	/** Her organisation, as named in the « Structure » list (a partner's initiatives are her organisation's). */
	organisation?: string;
}

/**
 * The coordinator (signed in on `coordinator`) invites `who` from « Membres »; she creates her account
 * from the e-mail's link and is left signed in on a page of her own.
 */
export async function inviteMember(
	app: App,
	coordinator: Page,
	who: Member,
	view?: number | BrowserContextOptions
): Promise<{ context: BrowserContext; page: Page }> {
	await coordinator.goto(`${T}/membres`);
	await coordinator.getByLabel('Adresse e-mail').fill(who.email);
	await coordinator.getByLabel('Rôle').selectOption(who.role);
	if (who.organisation) {
		const structure = coordinator.getByLabel('Structure');
		await structure.selectOption((await structure.locator('option', { hasText: who.organisation }).getAttribute('value'))!);
	}
	await coordinator.getByRole('button', { name: 'Envoyer l’invitation' }).click();
	await coordinator.getByText(`Invitation envoyée à ${who.email}`).waitFor();
	const member = await app.newPage(view);
	await acceptInvitation(member.page, linkIn(await lastMail(app.server.dataDir, who.email), '/invitation/'), who);
	return member;
}

/** Creates the account of an invitation's link and lands on the territory's home, signed in. */
export async function acceptInvitation(page: Page, link: string, who: Credentials): Promise<void> {
	await page.goto(link);
	await page.getByLabel('Nom et prénom').fill(who.name);
	await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
	await page.getByLabel('Confirmez le mot de passe').fill(who.password);
	await Promise.all([page.waitForURL((url) => url.pathname === T), page.getByRole('button', { name: 'Créer mon compte' }).click()]);
}
