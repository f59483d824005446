import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	screenshot as shoot,
	unexpectedErrors as unexpected,
	submitExpecting as submit
} from './support/checks';
import { startApp, type App } from './support/start';
import { COORDINATOR, createCoordinator, signIn, type Credentials } from './support/app';
import { lastMail, linkIn } from '../support/outbox';
import { watchErrors } from './support/crawl';

const ADMIN: Credentials = { name: 'Alex Martin', email: 'alex.martin@example.org', password: 'Mixite-admin-2026!' };

/**
 * The territories' administration, as a platform administrator in a real browser: the list with its
 * figures, creating a territory from its EPCIs (French errors next to the fields), inviting its
 * coordination, renaming, archiving (every write refused) and restoring; on a phone and a laptop,
 * JavaScript on and off, in French and in English, with no console error and no axe violation.
 */
describe('territories administration', () => {
	let app: App;

	beforeAll(async () => {
		app = await startApp({ startTimeout: 300_000 });
		// The first account (setup link) is a coordinator; the administrator's link comes from the CLI.
		const cli = await runCli(['user', 'create', '--admin'], { DATA_DIR: app.server.dataDir });
		const link = /(http:\/\/\S+\/installation\/[\w-]{40,})/.exec(cli.stdout)?.[1];
		expect(link, cli.stdout + cli.stderr).toBeDefined();
		const { context, page } = await app.newPage();
		await createCoordinator(page, link!, ADMIN);
		await context.close();
	}, 400_000);

	afterAll(async () => {
		await app?.stop();
	});

	it('at 1280 px with JavaScript: create (refusals next to the fields first), invite, rename, archive — writes refused — and restore', async () => {
		const { context, page } = await app.newPage({ viewport: { width: 1280, height: 900 } });
		const errors = watchErrors(page);
		await signIn(page, ADMIN);
		await page.goto('/');
		await page.getByRole('link', { name: 'Administration des territoires' }).click();
		await page.waitForURL('**/admin/territoires');
		const row = page.getByRole('row', { name: /Flandre – Pays de Saint-Omer/ });
		expect(await row.getByRole('cell').nth(0).textContent()).toBe('0');
		expect(await row.textContent()).toContain('Actif');
		await expectNoAxeViolations(page);
		await shoot(page, 'admin-territoires-1280');

		const fill = async (name: string, slug: string, sirens: string) => {
			await page.getByLabel('Nom du territoire').fill(name);
			await page.getByLabel('Adresse du territoire').fill(slug);
			await page.getByLabel('SIREN des intercommunalités (EPCI)').fill(sirens);
		};
		await fill('Audomarois et Flandre', 'audomarois-flandre', '200069037, 12345');
		await submit(page, 'Créer le territoire', 400);
		expect(await page.locator('#f-epciSirens-error').textContent()).toBe('« 12345 » n’est pas un SIREN : il faut 9 chiffres.');
		// What was typed comes back.
		expect(await page.getByLabel('Nom du territoire').inputValue()).toBe('Audomarois et Flandre');
		await expectNoAxeViolations(page);
		await shoot(page, 'admin-territoires-refused-1280');
		await fill('Audomarois et Flandre', 'audomarois-flandre', '200069037 999999999');
		await submit(page, 'Créer le territoire', 400);
		expect(await page.locator('#f-epciSirens-error').textContent()).toBe('Aucune intercommunalité ne porte le SIREN 999999999 dans la liste officielle.');
		await fill('Audomarois et Flandre', 'flandre-saint-omer', '200069037');
		await submit(page, 'Créer le territoire', 400);
		expect(await page.locator('#f-slug-error').textContent()).toBe('Cette adresse est déjà celle d’un autre territoire.');

		await fill('Audomarois et Flandre', 'audomarois-flandre', '200069037, 200040947');
		await Promise.all([
			page.waitForURL('**/admin/territoires/audomarois-flandre?created=1'),
			page.getByRole('button', { name: 'Créer le territoire' }).click()
		]);
		expect(await page.getByRole('status').first().textContent()).toContain('Territoire « Audomarois et Flandre » créé.');
		expect(await page.getByText('103 communes').isVisible()).toBe(true);
		await expectNoAxeViolations(page);
		await shoot(page, 'admin-territoire-1280');

		await page.getByLabel('Adresse e-mail').fill('claire.dupont@example.org');
		await submit(page, 'Envoyer l’invitation', 200);
		expect(await page.getByText('Invitation envoyée à claire.dupont@example.org.').isVisible()).toBe(true);

		await page.getByLabel('Nom du territoire').fill('Pays de Saint-Omer et Cœur de Flandre');
		await submit(page, 'Renommer le territoire', 200);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pays de Saint-Omer et Cœur de Flandre');

		await submit(page, 'Archiver le territoire', 200);
		expect(await page.getByText('Territoire archivé : il est désormais en lecture seule.').isVisible()).toBe(true);
		await expectNoAxeViolations(page);
		// Read-only: the pages still open, a write is refused with the French message and changes nothing.
		await page.goto('/t/audomarois-flandre/plan');
		expect(await page.getByText('Territoire archivé : consultation seule').isVisible()).toBe(true);
		await page.getByLabel('Début du plan').fill('2026-09-01');
		await page.getByLabel('Fin du plan').fill('2028-08-31');
		await submit(page, 'Enregistrer', 409);
		expect(await page.getByRole('alert').textContent()).toContain('Ce territoire est archivé');
		await page.goto('/t/audomarois-flandre/plan');
		expect(await page.getByLabel('Début du plan').inputValue()).toBe('');
		await expectNoAxeViolations(page);
		await page.goto('/admin/territoires');
		expect(await page.getByRole('row', { name: /Pays de Saint-Omer et Cœur de Flandre/ }).textContent()).toContain('Archivé');

		await page.goto('/admin/territoires/audomarois-flandre');
		await submit(page, 'Restaurer le territoire', 200);
		expect(await page.getByText('Territoire restauré').isVisible()).toBe(true);
		await page.goto('/t/audomarois-flandre/plan');
		await page.getByLabel('Début du plan').fill('2026-09-01');
		await page.getByLabel('Fin du plan').fill('2028-08-31');
		// Restored, the plan editor saves again (and sends back to the saved section).
		await submit(page, 'Enregistrer', 303);
		expect(await page.getByLabel('Début du plan').inputValue()).toBe('2026-09-01');

		// The public API lists it with its figure, last activity and archived flag.
		const api = (await (await fetch(`${app.server.baseURL}/api/v1/territories`)).json()) as {
			data: { slug: string; archived: boolean; participations: number }[];
		};
		expect(api.data.find((t) => t.slug === 'audomarois-flandre')).toMatchObject({ archived: false, participations: 0, lastActivityOn: null });
		expect(unexpected(errors)).toEqual([]);
		await context.close();
	}, 300_000);

	it('the coordinator of one territory, invited into a second one, accepts while signed in and moves between her two territories', async () => {
		const { context, page } = await app.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		const errors = watchErrors(page);
		// She has an account, as the coordinator of the first territory.
		await createCoordinator(page, app.server.setupLink, COORDINATOR);
		const admin = await app.newPage({ viewport: { width: 1280, height: 900 } });
		await signIn(admin.page, ADMIN);
		await admin.page.goto('/admin/territoires');
		await admin.page.getByLabel('Nom du territoire').fill('Pays de Lumbres');
		await admin.page.getByLabel('Adresse du territoire').fill('pays-de-lumbres');
		await admin.page.getByLabel('SIREN des intercommunalités (EPCI)').fill('246201016');
		await Promise.all([
			admin.page.waitForURL('**/admin/territoires/pays-de-lumbres?created=1'),
			admin.page.getByRole('button', { name: 'Créer le territoire' }).click()
		]);
		await admin.page.getByLabel('Adresse e-mail').fill(COORDINATOR.email);
		const since = Date.now();
		await submit(admin.page, 'Envoyer l’invitation', 200);
		await admin.context.close();
		const invitation = await lastMail(app.server.dataDir, COORDINATOR.email, { since });
		const link = linkIn(invitation, '/invitation/');
		expect(invitation).toContain('Vous avez déjà un compte');

		await page.goto(new URL(link).pathname);
		await expectNoAxeViolations(page);
		await shoot(page, 'invitation-accept-390');
		await Promise.all([page.waitForURL('**/t/pays-de-lumbres'), page.getByRole('button', { name: 'Accepter l’invitation' }).click()]);
		await page.getByRole('link', { name: 'Mes territoires' }).click();
		await page.waitForURL((url) => url.pathname === '/');
		const mine = page.getByRole('region', { name: 'Mes territoires' });
		expect(await mine.getByRole('link').allTextContents()).toEqual(['Pays de Lumbres', 'Territoire d’industrie Flandre – Pays de Saint-Omer']);
		expect(await mine.textContent()).toContain('Coordination');
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);
		await shoot(page, 'home-my-territories-390');
		await mine.getByRole('link', { name: 'Territoire d’industrie Flandre – Pays de Saint-Omer' }).click();
		await page.waitForURL('**/t/flandre-saint-omer');
		expect(unexpected(errors)).toEqual([]);
		await context.close();
	}, 300_000);

	it('at 390 px, in English: the list and a territory’s page fit the phone, without axe violations', async () => {
		const { context, page } = await app.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		const errors = watchErrors(page);
		await signIn(page, ADMIN);
		await page.goto('/admin/territoires');
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);
		await shoot(page, 'admin-territoires-390');
		await context.addCookies([{ name: 'lang', value: 'en', url: app.server.baseURL }]);
		await page.goto('/admin/territoires');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Territory administration');
		await page.getByLabel('Address of the territory').fill('Pas Valide');
		await submit(page, 'Create the territory', 400);
		expect(await page.locator('#f-slug-error').textContent()).toContain('lowercase letters');
		expect(await page.locator('#f-epciSirens-error').textContent()).toBe('Enter the SIREN of at least one intermunicipal body.');
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);
		await shoot(page, 'admin-territoires-refused-390-en');
		await page.goto('/admin/territoires/flandre-saint-omer');
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);
		await shoot(page, 'admin-territoire-390-en');
		expect(unexpected(errors)).toEqual([]);
		await context.close();
	}, 300_000);

	it('without JavaScript the forms work: a refusal shows its message next to the field, a creation lands on the territory’s page', async () => {
		const { context, page } = await app.newPage({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
		await signIn(page, ADMIN);
		await page.goto('/admin/territoires');
		await page.getByLabel('Nom du territoire').fill('Cœur de Flandre');
		await page.getByLabel('Adresse du territoire').fill('coeur-de-flandre');
		await page.getByLabel('SIREN des intercommunalités (EPCI)').fill('2000409');
		await submit(page, 'Créer le territoire', 400);
		expect(await page.locator('#f-epciSirens-error').textContent()).toBe('« 2000409 » n’est pas un SIREN : il faut 9 chiffres.');
		await page.getByLabel('SIREN des intercommunalités (EPCI)').fill('200040947');
		await Promise.all([page.waitForURL('**/admin/territoires/coeur-de-flandre?created=1'), page.getByRole('button', { name: 'Créer le territoire' }).click()]);
		expect(await page.getByText('50 communes').isVisible()).toBe(true);
		await context.close();
	}, 300_000);
});
