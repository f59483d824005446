import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { lastMail, linkIn } from '../support/outbox';
import { pdfText } from '../support/pdf';
import { COORDINATOR, T, createCoordinator, frenchNumber, parisDate, recordActivity, signIn, type Credentials } from './support/app';
import { expectNoAxeViolations, expectNoSidewaysScroll, submitExpecting, unexpectedErrors } from './support/checks';
import { watchErrors } from './support/crawl';
import { startApp, type App } from './support/start';

const ADMIN: Credentials = { name: 'Alex Martin', email: 'alex.martin@example.org', password: 'Mixite-admin-2026!' };
const SECOND = { slug: 'cote-d-opale', name: 'Territoire d’industrie Côte d’Opale', sirens: '246200729, 246200380' };
const S = `/t/${SECOND.slug}`;
const SECTIONS = ['Constat(s)', 'Réalisation(s)', 'Obstacle(s)', 'Objectif(s)', 'Parties prenantes', 'Indicateur(s)'];

/**
 * Issue #7, done when: a platform admin creates a second territory from two EPCIs and invites its
 * coordinator, who already works in the first territory and now holds both memberships; she starts
 * her plan from the Saint-Omer sheet in the catalogue, names a lead organisation and a partner,
 * records a first activity of an allowed type, and the second territory's public sheet shows it;
 * the Saint-Omer sheet's PDF holds the six section titles and the live figure; ending her membership
 * in one territory leaves the other untouched. In Chromium, JavaScript on, on a laptop and a phone.
 */
describe('a second territory builds its plan from the Saint-Omer sheet', () => {
	let app: App;

	beforeAll(async () => {
		app = await startApp({ startTimeout: 300_000 });
		const cli = await runCli(['user', 'create', '--admin'], { DATA_DIR: app.server.dataDir });
		const link = /(http:\/\/\S+\/installation\/[\w-]{40,})/.exec(cli.stdout)?.[1];
		expect(link, cli.stdout + cli.stderr).toBeDefined();
		const admin = await app.newPage();
		await createCoordinator(admin.page, link!, ADMIN);
		await admin.context.close();
	}, 400_000);

	afterAll(async () => {
		await app?.stop();
	});

	it('from the admin’s creation to the second public sheet, the PDF and the end of one membership', { timeout: 600_000 }, async () => {
		// The coordinator of Saint-Omer, with a first activity there (the live figure of its sheet).
		const claire = await app.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		const errors = watchErrors(claire.page);
		await createCoordinator(claire.page, app.server.setupLink, COORDINATOR);
		await recordActivity(claire.page, {
			title: 'Forum des métiers de l’industrie',
			date: parisDate(-20),
			audiences: { 'girls.college': 31, 'boys.college': 6 }
		});

		// 1. The platform admin creates the second territory from two EPCIs and invites Claire.
		const admin = await app.newPage({ viewport: { width: 1280, height: 900 } });
		const adminErrors = watchErrors(admin.page);
		await signIn(admin.page, ADMIN);
		await admin.page.goto('/admin/territoires');
		await admin.page.getByLabel('Nom du territoire').fill(SECOND.name);
		await admin.page.getByLabel('Adresse du territoire').fill(SECOND.slug);
		await admin.page.getByLabel('SIREN des intercommunalités (EPCI)').fill(SECOND.sirens);
		await Promise.all([
			admin.page.waitForURL(`**/admin/territoires/${SECOND.slug}?created=1`),
			admin.page.getByRole('button', { name: 'Créer le territoire' }).click()
		]);
		expect(await admin.page.getByText('43 communes').isVisible()).toBe(true);
		await admin.page.getByLabel('Adresse e-mail').fill(COORDINATOR.email);
		const since = Date.now();
		await submitExpecting(admin.page, 'Envoyer l’invitation', 200);

		// 2. Claire, already signed in, accepts: she now holds both memberships.
		const invitation = linkIn(await lastMail(app.server.dataDir, COORDINATOR.email, { since }), '/invitation/');
		await claire.page.goto(new URL(invitation).pathname);
		await Promise.all([claire.page.waitForURL(`**${S}`), claire.page.getByRole('button', { name: 'Accepter l’invitation' }).click()]);
		await claire.page.goto('/');
		const mine = claire.page.getByRole('region', { name: 'Mes territoires' });
		expect((await mine.getByRole('link').allTextContents()).sort()).toEqual([SECOND.name, 'Territoire d’industrie Flandre – Pays de Saint-Omer'].sort());

		// 3. She starts her plan from the Saint-Omer sheet, found in the catalogue.
		await claire.page.goto('/plans?q=Saint-Omer');
		await claire.page.getByRole('link', { name: new RegExp(`Partir de ce plan pour ${SECOND.name}`) }).click();
		await claire.page.waitForURL(`**${S}/partir?source=flandre-saint-omer`);
		await expectNoAxeViolations(claire.page);
		await expectNoSidewaysScroll(claire.page, 'journey-partir-390');
		await claire.page.getByRole('button', { name: 'Partir de ce plan' }).click();
		await claire.page.getByTestId('copy-done').waitFor();
		// Initiatives come as drafts, without organisations; figures never travel.
		const copied = (await (await fetch(`${app.server.baseURL}/api/v1/territories/${SECOND.slug}/sheet`)).json()) as {
			data: { achievements: { name: string; status: string; lead: string[]; partners: string[] }[]; indicator: { participations: number } };
		};
		expect(copied.data.achievements.map((i) => i.name)).toContain('Réseau Verr’Elles');
		expect(new Set(copied.data.achievements.map((i) => i.status))).toEqual(new Set(['planned']));
		expect(copied.data.achievements.flatMap((i) => [...i.lead, ...i.partners])).toEqual([]);
		expect(copied.data.indicator.participations).toBe(0);

		// 4. She names a lead organisation and a partner for the Verr'Elles initiative.
		for (const [name, kind] of [
			['Verrerie du Boulonnais', 'firm'],
			['Association Femmes et Métiers', 'association']
		] as const) {
			await claire.page.goto(`${S}/organisations/nouvelle`);
			await claire.page.getByLabel('Nom', { exact: true }).fill(name);
			await claire.page.getByLabel('Type de structure').selectOption(kind);
			await Promise.all([claire.page.waitForURL(/created=1/), claire.page.getByRole('button', { name: 'Créer l’organisation' }).click()]);
		}
		await claire.page.goto(`${S}/plan`);
		await claire.page
			.getByRole('link', { name: /— Réseau Verr’Elles$/ })
			.first()
			.click();
		await claire.page.waitForURL(`**${S}/plan/initiatives/*`);
		await claire.page.getByLabel('Organisation pilote').selectOption({ label: 'Verrerie du Boulonnais' });
		await claire.page.getByRole('group', { name: 'Organisations partenaires' }).getByLabel('Association Femmes et Métiers').check();
		await claire.page.getByLabel('Situation').selectOption('running');
		await Promise.all([claire.page.waitForURL(/saved=1/), claire.page.getByRole('button', { name: 'Enregistrer l’initiative' }).click()]);
		await expectNoAxeViolations(claire.page);
		await expectNoSidewaysScroll(claire.page, 'journey-initiative-390');

		// 5. A first activity, of a type the initiative offers: the form offers only those.
		await claire.page.goto(`${S}/actions/nouvelle`);
		await claire.page.getByLabel('Initiative', { exact: true }).selectOption({ label: 'Réseau Verr’Elles' });
		const offered = await claire.page
			.getByLabel('Type d’action')
			.locator('option:not([value=""])')
			.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
		expect(offered.sort()).toEqual(['company_visit', 'forum', 'network_event', 'school_visit', 'workshop']);
		await claire.page.getByLabel('Intitulé').fill('Intervention au collège Angellier');
		await claire.page.getByLabel('Type d’action').selectOption('school_visit');
		await claire.page.getByLabel('Date', { exact: true }).fill(parisDate(-3));
		await claire.page.getByLabel('Statut').selectOption('done');
		await claire.page.getByLabel('Commune').selectOption({ label: 'Boulogne-sur-Mer' });
		await claire.page.locator('input[name="aud.girls.college"]').fill('17');
		await claire.page.locator('input[name="aud.boys.college"]').fill('9');
		await Promise.all([
			claire.page.waitForURL(new RegExp(`${S}/actions/\\d+\\?saved=1$`)),
			claire.page.getByRole('button', { name: 'Enregistrer', exact: true }).click()
		]);

		// 6. The second territory's public sheet shows it, to a visitor.
		const visitor = await app.newPage({ viewport: { width: 1280, height: 900 } });
		await visitor.page.goto(`${S}/fiche`);
		for (const title of SECTIONS) expect(await visitor.page.getByRole('heading', { name: title, exact: true }).count(), title).toBe(1);
		const sheet = await visitor.page.locator('main').textContent();
		expect(sheet).toContain('Verrerie du Boulonnais');
		expect(frenchNumber(await visitor.page.getByTestId('sheet-participations').textContent())).toBe(26);
		await expectNoAxeViolations(visitor.page);
		await expectNoSidewaysScroll(visitor.page, 'journey-second-sheet-1280');

		// 7. The Saint-Omer sheet as a PDF, read back: six section titles and today's figure (37), not the second territory's.
		const pdf = await fetch(`${app.server.baseURL}${T}/fiche.pdf`);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toContain('application/pdf');
		const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
		for (const title of SECTIONS) expect(text, title).toContain(title);
		expect(text).toMatch(/\b37\b/);
		expect(text).not.toContain('Verrerie du Boulonnais');

		expect(unexpectedErrors(errors), 'console errors before the end of the membership').toEqual([]);

		// 8. The admin ends Claire's membership in Saint-Omer: her Côte d'Opale membership is untouched.
		await admin.page.goto(`${T}/membres`);
		const ended = admin.page.waitForResponse((r) => r.request().method() === 'POST');
		await admin.page.getByRole('button', { name: new RegExp(`^Retirer du territoire\\s*:\\s*${COORDINATOR.name}$`) }).click();
		expect((await ended).status()).toBe(200);
		expect((await claire.page.goto(`${T}/actions`))?.status()).toBe(404);
		const response = await claire.page.goto(`${S}/actions`);
		expect(response?.status()).toBe(200);
		expect(await claire.page.getByText('Intervention au collège Angellier').count()).toBe(1);
		await claire.page.goto('/');
		expect(await claire.page.getByRole('region', { name: 'Mes territoires' }).getByRole('link').allTextContents()).toEqual([SECOND.name]);

		// Chromium logs the 404 of the territory she left; nothing else.
		expect(unexpectedErrors(errors).filter((e) => !e.includes(`${T}/actions: Failed to load resource: the server responded with a status of 404`))).toEqual([]);
		expect(unexpectedErrors(adminErrors)).toEqual([]);
		await Promise.all([claire.context.close(), admin.context.close(), visitor.context.close()]);
	});
});
