import fs from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/start';
import {
	COORDINATOR,
	T,
	createCoordinator,
	fillActivityForm,
	frenchNumber,
	parisDate,
	parseCsv,
	readIndicatorTotal,
	recordActivity,
	signIn
} from './support/app';

/**
 * One coordinator's first day on a brand-new installation: the steps share one server,
 * one database and one signed-in browser context, in order.
 */
describe('a coordinator records what happened on the ground and the indicator follows', () => {
	let app: App;
	let context: BrowserContext;
	let page: Page;
	let totalBefore = 0;
	let recordedId = 0;
	const pastDate = parisDate(-40);
	const title = 'Intervention au lycée Ribot — atelier métiers de l’industrie';

	beforeAll(async () => {
		app = await startApp();
		({ context, page } = await app.newPage());
	});

	afterAll(async () => {
		await app?.stop();
	});

	it('the first coordinator creates her account from the one-time setup link and is signed in', async () => {
		await createCoordinator(page, app.server.setupLink);
		// Straight after creating her account she turns on two-step verification, then lands on the home
		// page: with one territory, `/` is that territory's home.
		expect(new URL(page.url()).pathname).toBe(T);
		await expect.poll(() => page.getByText(`Session ouverte : ${COORDINATOR.name}`).isVisible()).toBe(true);
		expect(await page.getByRole('button', { name: 'Se déconnecter' }).isVisible()).toBe(true);
	});

	it('the setup link works only once', async () => {
		const { context: other, page: visitor } = await app.newPage();
		try {
			await visitor.goto(app.server.setupLink);
			expect(await visitor.getByRole('alert').textContent()).toContain('invalide, déjà utilisé ou expiré');
			expect(await visitor.getByRole('button', { name: 'Créer le compte' }).count()).toBe(0);
		} finally {
			await other.close();
		}
	});

	it('a done activity in Saint-Omer with 12 girls and 3 teachers adds exactly 15 participations to the indicator', async () => {
		totalBefore = await readIndicatorTotal(page);

		recordedId = await recordActivity(page, {
			title,
			date: pastDate,
			status: 'done',
			communeCode: '62765',
			audiences: { 'girls.lycee_pro': 12, 'teachers.unspecified': 3 },
			notes: 'Deux classes de première.'
		});
		expect(recordedId).toBeGreaterThan(0);
		expect(await page.getByRole('status').filter({ hasText: 'Action enregistrée' }).isVisible()).toBe(true);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
		const facts = page.locator('dl.facts');
		expect(await facts.textContent()).toContain('Saint-Omer');
		expect(await facts.textContent()).toContain('Réalisée');

		expect(await readIndicatorTotal(page)).toBe(totalBefore + 15);
	});

	it('the total links to the activities behind it, and their CSV export adds up to the total', async () => {
		await page.goto(`${T}/indicateur`);
		const total = frenchNumber(await page.getByTestId('participations-total').textContent());
		await Promise.all([page.waitForURL((url) => url.pathname === `${T}/actions`), page.getByTestId('participations-total').click()]);
		expect(new URL(page.url()).searchParams.get('status')).toBe('done');
		const row = page.locator('table.data tbody tr').filter({ has: page.getByRole('link', { name: title }) });
		expect(await row.count()).toBe(1);
		expect(await row.textContent()).toContain('Saint-Omer');
		expect(frenchNumber(await row.locator('td.num').textContent())).toBe(15);

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter en CSV' }).click()]);
		expect(download.suggestedFilename()).toBe('actions-flandre-saint-omer.csv');
		const csv = parseCsv(await fs.readFile((await download.path())!, 'utf8'));
		const [header, ...rows] = csv;
		const col = header!.indexOf('Participations');
		expect(col, `no "Participations" column in ${JSON.stringify(header)}`).toBeGreaterThanOrEqual(0);
		const sum = rows.reduce((n, r) => n + Number(r[col]), 0);
		expect(sum).toBe(total);
		expect(rows.some((r) => r[0] === String(recordedId) && r[2] === title && r[col] === '15')).toBe(true);
	});

	it('a negative count and a done activity dated in the future are refused with French messages next to the fields, and nothing is recorded', async () => {
		const totalBeforeRefusal = await readIndicatorTotal(page);
		await page.goto(`${T}/actions?status=done`);
		const listedBefore = await page.locator('table.data tbody tr').count();

		await page.goto(`${T}/actions/nouvelle`);
		await fillActivityForm(page, {
			title: 'Forum de l’orientation (saisie erronée)',
			date: parisDate(30),
			status: 'done',
			audiences: { 'girls.college': -4, 'boys.college': 10 }
		});
		const response = page.waitForResponse((r) => r.request().method() === 'POST');
		await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
		expect((await response).status()).toBe(400);
		await page.waitForLoadState('load');

		expect(new URL(page.url()).pathname).toBe(`${T}/actions/nouvelle`);
		expect(await page.getByRole('alert').textContent()).toContain('Le formulaire contient des erreurs');

		// The date's message sits in the date field and is announced with it.
		const date = page.getByLabel('Date', { exact: true });
		expect(await date.getAttribute('aria-invalid')).toBe('true');
		const dateError = page.locator('.field', { has: date }).locator('.field-error');
		expect(await dateError.textContent()).toBe('Une action réalisée ne peut pas avoir lieu dans le futur.');
		expect(await date.getAttribute('aria-describedby')).toContain((await dateError.getAttribute('id'))!);

		// The negative count's message sits in the same grid cell as the count.
		const girls = page.getByLabel('Filles — Collège');
		expect(await girls.getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('td', { has: girls }).locator('.field-error').textContent()).toBe('Saisissez un nombre entier, 0 ou plus.');
		expect(await page.getByLabel('Garçons — Collège').getAttribute('aria-invalid')).toBeNull();

		// What was typed is kept, so the coordinator only fixes the two fields.
		expect(await page.getByLabel('Intitulé').inputValue()).toBe('Forum de l’orientation (saisie erronée)');
		expect(await page.getByLabel('Garçons — Collège').inputValue()).toBe('10');

		expect(await readIndicatorTotal(page)).toBe(totalBeforeRefusal);
		await page.goto(`${T}/actions`);
		expect(await page.getByRole('link', { name: 'Forum de l’orientation (saisie erronée)' }).count()).toBe(0);
		await page.goto(`${T}/actions?status=done`);
		expect(await page.locator('table.data tbody tr').count()).toBe(listedBefore);
	});

	it('two people editing the same activity: the second save is refused with what changed, and nothing is overwritten', async () => {
		const second = await context.newPage();
		try {
			await page.goto(`${T}/actions/${recordedId}`);
			await second.goto(`${T}/actions/${recordedId}`);
			await page.getByLabel('Intitulé').fill('Intervention au lycée Ribot — version de Camille');
			await Promise.all([page.waitForURL(/saved=1$/), page.getByRole('button', { name: 'Enregistrer', exact: true }).click()]);
			await second.getByLabel('Intitulé').fill('Intervention au lycée Ribot — version écrasante');
			const response = second.waitForResponse((r) => r.request().method() === 'POST');
			await second.getByRole('button', { name: 'Enregistrer', exact: true }).click();
			expect((await response).status()).toBe(409);
			await second.waitForLoadState('load');
			const alert = await second.locator('.error-summary').allTextContents();
			expect(alert.join(' ')).toContain('quelqu’un d’autre a modifié ces champs');
			expect(alert.join(' ')).toContain('version de Camille');
			await page.goto(`${T}/actions/${recordedId}`);
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Intervention au lycée Ribot — version de Camille');
		} finally {
			await second.close();
		}
	});

	it('an anonymous visitor who opens the new-activity form is sent to the sign-in page', async () => {
		const { context: anonymous, page: visitor } = await app.newPage();
		try {
			await visitor.goto(`${T}/actions/nouvelle`);
			const url = new URL(visitor.url());
			expect(url.pathname).toBe('/connexion');
			expect(url.searchParams.get('redirect')).toBe(`${T}/actions/nouvelle`);
			expect(await visitor.getByRole('button', { name: 'Se connecter' }).isVisible()).toBe(true);
			expect(await visitor.getByLabel('Intitulé').count()).toBe(0);
		} finally {
			await anonymous.close();
		}
	});

	it('an anonymous visitor cannot record an activity by posting the form directly', async () => {
		const { context: anonymous } = await app.newPage();
		try {
			const response = await anonymous.request.post(`${T}/actions/nouvelle`, {
				form: { title: 'Intrusion', initiativeId: '1', type: 'forum', date: parisDate(-3), status: 'done', communeCode: '62765', 'aud.girls.college': '50' },
				headers: { origin: app.server.baseURL, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status()).toBe(303);
			expect(response.headers()['location']).toMatch(/^\/connexion\?redirect=/);
			expect(await readIndicatorTotal(page)).toBe(totalBefore + 15);
		} finally {
			await anonymous.close();
		}
	});

	it('without JavaScript, the coordinator can still sign in and record an activity', async () => {
		const { context: noJs, page: plain } = await app.newPage({ javaScriptEnabled: false });
		try {
			const before = await readIndicatorTotal(page);
			await signIn(plain);
			await plain.goto(`${T}/actions/nouvelle`);
			expect(new URL(plain.url()).pathname).toBe(`${T}/actions/nouvelle`);
			await fillActivityForm(plain, {
				title: 'Visite d’usine sans JavaScript',
				date: parisDate(-10),
				status: 'done',
				type: 'company_visit',
				communeCode: '62765',
				audiences: { 'women.job_seekers': 7 }
			});
			await Promise.all([
				plain.waitForURL(new RegExp(`${T}/actions/\\d+\\?saved=1$`)),
				plain.getByRole('button', { name: 'Enregistrer', exact: true }).click()
			]);
			expect(await plain.getByRole('status').filter({ hasText: 'Action enregistrée' }).isVisible()).toBe(true);
			expect(await readIndicatorTotal(plain)).toBe(before + 7);
		} finally {
			await noJs.close();
		}
	});

	it('signing out ends the session: the form asks to sign in again', async () => {
		await page.goto(`${T}/actions`);
		// Signed out, she is sent to `/`, which is the only territory's home.
		await Promise.all([page.waitForURL((url) => url.pathname === T), page.getByRole('button', { name: 'Se déconnecter' }).click()]);
		expect(await page.getByRole('link', { name: 'Se connecter' }).isVisible()).toBe(true);
		await page.goto(`${T}/actions/nouvelle`);
		expect(new URL(page.url()).pathname).toBe('/connexion');
		void context;
	});
});
