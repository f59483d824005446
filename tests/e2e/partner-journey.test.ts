import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastMail, linkIn } from '../support/outbox';
import { startApp, type App } from './support/start';
import { T, createCoordinator, fillActivityForm, parisDate } from './support/app';

const PARTNER = { name: 'Léa Martin', email: 'lea.martin@capital-filles.example', password: 'Marraines et filleules 2026' };
const OTHER = { slug: 'pays-de-lumbres-test', epci: '200069037' };

/**
 * A coordinator invites a partner; the partner signs in, records an activity for her
 * initiative, and is refused for another initiative and for another territory.
 */
describe('a partner works for her own initiatives only', () => {
	let app: App;
	let coordinator: { context: BrowserContext; page: Page };
	let partner: { context: BrowserContext; page: Page };
	let invitationLink = '';

	beforeAll(async () => {
		app = await startApp({ cli: [['territory', 'create', '--slug', OTHER.slug, '--name', 'Territoire voisin (test)', '--epci', OTHER.epci]] });
		coordinator = await app.newPage();
		partner = await app.newPage();
		await createCoordinator(coordinator.page, app.server.setupLink);
	});

	afterAll(async () => {
		await app?.stop();
	});

	it('the coordinator invites a partner of Capital Filles by e-mail', async () => {
		const page = coordinator.page;
		await page.goto(`${T}/membres`);
		await page.getByLabel('Adresse e-mail').fill(PARTNER.email);
		await page.getByLabel('Rôle').selectOption('partner');
		const capital = page.getByLabel('Structure');
		const value = await capital.locator('option', { hasText: 'Capital Filles' }).getAttribute('value');
		await capital.selectOption(value!);
		await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
		expect(await page.getByRole('status').textContent()).toContain(`Invitation envoyée à ${PARTNER.email}`);
		// The pending invitation names her organisation, as the members' table does.
		const pending = page.getByRole('listitem').filter({ hasText: `${PARTNER.email} — ` });
		expect(await pending.textContent()).toContain('Partenaire (Capital Filles) — ');
		const mail = await lastMail(app.server.dataDir, PARTNER.email);
		// The invitation says who invites, to which territory and as what (wording changed with the invitation e-mails).
		expect(mail).toContain(
			'vous invite à rejoindre l’espace « Territoire d’industrie Flandre – Pays de Saint-Omer » sur Mixité Industrie, avec le rôle « Partenaire » pour Capital Filles.'
		);
		invitationLink = linkIn(mail, '/invitation/');
	});

	it('the partner creates her account from the link and lands on her territory', async () => {
		const page = partner.page;
		await page.goto(invitationLink);
		expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(PARTNER.email);
		await page.getByLabel('Nom et prénom').fill(PARTNER.name);
		await page.getByLabel('Mot de passe', { exact: true }).fill(PARTNER.password);
		await page.getByLabel('Confirmez le mot de passe').fill(PARTNER.password);
		await Promise.all([page.waitForURL((url) => url.pathname === T), page.getByRole('button', { name: 'Créer mon compte' }).click()]);
		expect(await page.getByText(`Session ouverte : ${PARTNER.name}`).isVisible()).toBe(true);
	});

	it('she signs out and signs in again with her password', async () => {
		const page = partner.page;
		await page.getByRole('button', { name: 'Se déconnecter' }).click();
		await page.goto('/connexion');
		await page.getByLabel('Adresse e-mail').fill(PARTNER.email);
		await page.getByLabel('Mot de passe').fill(PARTNER.password);
		await Promise.all([page.waitForURL((url) => url.pathname !== '/connexion'), page.getByRole('button', { name: 'Se connecter' }).click()]);
		expect(await page.getByText(`Session ouverte : ${PARTNER.name}`).isVisible()).toBe(true);
	});

	it('she records an activity for the Capital Filles initiative, the only one offered to her', async () => {
		const page = partner.page;
		await page.goto(`${T}/actions/nouvelle`);
		const options = await page.getByLabel('Initiative', { exact: true }).locator('option:not([value=""])').allTextContents();
		expect(options).toEqual(['Convention Capital Filles']);
		await fillActivityForm(page, { title: 'Atelier marraines – filleules', date: parisDate(-10), audiences: { 'girls.lycee_pro': 14 } });
		await Promise.all([page.waitForURL(/\/actions\/\d+\?saved=1$/), page.getByRole('button', { name: 'Enregistrer', exact: true }).click()]);
		expect(await page.getByRole('status').textContent()).toContain('Action enregistrée');
	});

	it('a forged form for an initiative her organisation does not take part in is refused and records nothing', async () => {
		const page = partner.page;
		await page.goto(`${T}/actions`);
		const before = await page.locator('table.data tbody tr').count();
		const response = await page.request.post(`${T}/actions/nouvelle`, {
			headers: { origin: app.server.baseURL, accept: 'text/html' },
			form: { title: 'Intrusion', initiativeId: '1', type: 'school_visit', date: parisDate(-3), status: 'done', communeCode: '62765', 'aud.girls.college': '5' }
		});
		expect(response.status()).toBe(400);
		expect(await response.text()).toContain('Votre organisation ne participe pas à cette initiative.');
		await page.goto(`${T}/actions`);
		expect(await page.locator('table.data tbody tr').count()).toBe(before);
	});

	it('another territory’s back office answers 404 to her, without revealing anything', async () => {
		const page = partner.page;
		for (const path of [`/t/${OTHER.slug}/actions`, `/t/${OTHER.slug}/actions/nouvelle`, `/t/${OTHER.slug}/membres`]) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(404);
		}
		const forged = await page.request.post(`/t/${OTHER.slug}/actions/nouvelle`, {
			headers: { origin: app.server.baseURL, accept: 'text/html' },
			form: { title: 'Intrusion', initiativeId: '5', type: 'school_visit', date: parisDate(-3), status: 'done', communeCode: '62765', 'aud.girls.college': '5' }
		});
		expect(forged.status()).toBe(404);
	});

	it('the coordinator sees the partner’s activity and its history', async () => {
		const page = coordinator.page;
		await page.goto(`${T}/actions`);
		await Promise.all([page.waitForURL(/\/actions\/\d+$/), page.getByRole('link', { name: 'Atelier marraines – filleules' }).click()]);
		await page.getByRole('heading', { name: 'Historique des modifications' }).waitFor();
		expect(await page.locator('ol.audit').textContent()).toContain(PARTNER.email);
	});
});
