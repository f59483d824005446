import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { createCoordinator, signIn, T, type Credentials } from './support/app';
import { expectNoSidewaysScroll, screenshot } from './support/checks';
import { inviteMember, startApp, type App, type Member } from './support/start';
import { square } from '../support/geojson';

const ADMIN: Credentials = { name: 'Alex Martin', email: 'alex.martin@example.org', password: 'Mixite-admin-2026!' };
const PARTNER: Member = {
	name: 'Lina Partenaire',
	email: 'lina.partenaire@example.org',
	password: 'Mixite-partner-2026!',
	role: 'partner',
	organisation: 'Capital Filles'
};

const file = (name: string, json: unknown) => ({ name, mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(json)) });

/** Every cell of the table ends within the screen: nothing is cut off at its right edge. */
async function expectTableOnScreen(page: Page, width: number) {
	const rights = await page.locator('table.stack-table td').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().right));
	expect(rights.length).toBeGreaterThan(0);
	for (const right of rights) expect(right).toBeLessThanOrEqual(width);
}

/**
 * What a new user's trial found on the administration pages (trial 2): the administrator's link
 * says what it creates; API tokens explain both roles and the organisation, and the new token has
 * a copy button; the members' and tokens' tables fit a phone; the commune-outline check reads
 * in correct French, warns when it finds problems and accepts a single Feature.
 */
describe('administration pages after trial 2', () => {
	let app: App;
	let adminLink = '';
	/** The coordinator, signed in once (each sign-in waits for a fresh TOTP code). */
	let coordinator: Page;

	beforeAll(async () => {
		app = await startApp({ startTimeout: 300_000 });
		const cli = await runCli(['user', 'create', '--admin'], { DATA_DIR: app.server.dataDir });
		adminLink = /(http:\/\/\S+\/installation\/[\w-]{40,})/.exec(cli.stdout)?.[1] ?? '';
		expect(adminLink, cli.stdout + cli.stderr).not.toBe('');
		const { context, page } = await app.newPage();
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		coordinator = page;
		await createCoordinator(page, app.server.setupLink);
		// A partner with an account, so that the members' table has a « Retirer du territoire » button.
		const partner = await inviteMember(app, page, PARTNER);
		await partner.context.close();
	}, 400_000);

	afterAll(async () => {
		await app?.stop();
	});

	it('the link of `mixite user create --admin` opens a page that says it creates a platform administrator', async () => {
		const { context, page } = await app.newPage({ viewport: { width: 390, height: 844 } });
		await page.goto(adminLink);
		expect(await page.locator('h1').textContent()).toBe('Créer un compte d’administration de la plateforme');
		expect(await page.title()).toContain('Créer un compte d’administration de la plateforme');
		await screenshot(page, 'installation-admin-390');
		await createCoordinator(page, adminLink, ADMIN);
		await context.close();
	});

	for (const width of [390, 1280]) {
		it(`API tokens at ${width} px: both roles explained, the organisation’s reason given, a coordination token copied with its button, the table on screen`, async () => {
			const page = coordinator;
			await page.setViewportSize({ width, height: 900 });
			await page.goto(`${T}/jetons`);
			const intro = await page.locator('main').textContent();
			expect(intro).toContain('jeton de coordination, que seule la coordination peut créer');
			expect(intro).toContain('jeton en lecture seule');
			const organisation = page.getByLabel('Organisation', { exact: true });
			expect(await organisation.locator('option').first().textContent()).toBe('— Choisissez —');
			expect(await page.locator('#f-organisationId-hint').textContent()).toContain('Tout jeton en a une, même de coordination');

			await page.getByLabel('Nom du jeton').fill(`Tableau de bord ${width}`);
			await page.getByLabel('Le jeton agit pour').selectOption('coordinator');
			const first = await organisation.locator('option').nth(1).getAttribute('value');
			await organisation.selectOption(first!);
			await page.getByRole('button', { name: 'Créer un jeton' }).click();
			const token = await page.getByLabel('Nouveau jeton').inputValue();
			expect(token).toMatch(/^mxi_/);
			await page.getByRole('button', { name: 'Copier le jeton' }).click();
			await page.getByText('Jeton copié.').waitFor();
			expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

			await expectNoSidewaysScroll(page, `jetons-${width}`);
			await expectTableOnScreen(page, width);
			const revoke = await page
				.getByRole('button', { name: /^Révoquer le jeton/ })
				.first()
				.boundingBox();
			expect(revoke!.x + revoke!.width).toBeLessThanOrEqual(width);
		});

		it(`members at ${width} px: « Vérification en deux étapes », and every column and « Retirer du territoire » on screen`, async () => {
			const page = coordinator;
			await page.setViewportSize({ width, height: 900 });
			await page.goto(`${T}/membres`);
			const headers = await page.locator('table.stack-table th').allTextContents();
			expect(headers).toContain('Vérification en deux étapes');
			expect(headers).not.toContain('2FA');
			await expectNoSidewaysScroll(page, `membres-${width}`);
			await expectTableOnScreen(page, width);
			const remove = await page.getByRole('button', { name: `Retirer du territoire : ${PARTNER.name}` }).boundingBox();
			expect(remove!.x + remove!.width).toBeLessThanOrEqual(width);
		});
	}

	it('commune outlines at 390 px: a check with problems warns in correct French, names 10 missing communes and folds the rest; a single Feature imports', async () => {
		const { context, page } = await app.newPage({ viewport: { width: 390, height: 844 } });
		await signIn(page, ADMIN);
		await page.goto('/admin/territoires/flandre-saint-omer');
		await page
			.getByLabel('Fichier GeoJSON')
			.setInputFiles(file('mixte.geojson', { type: 'FeatureCollection', features: [square('62765', 2.25, 50.75), square('75056', 2.35, 48.85)] }));
		await page.getByRole('button', { name: 'Vérifier sans importer' }).click();
		const report = page.getByTestId('outline-report');
		await report.waitFor();
		const text = (await report.textContent()) ?? '';
		expect(text).toContain('2 entités lues');
		expect(text).toContain('1 commune du territoire reconnue');
		expect(text).toContain('1 code hors du territoire\u00a0: 75056');
		expect(text).toContain('146 communes du territoire sans contour, dont');
		expect(text).toContain('choisissez-le à nouveau');
		expect(await report.getAttribute('class')).toContain('warning');
		// Ten named, the 136 others behind a closed <details>.
		expect(await report.locator(':scope > ul.missing > li').count()).toBe(10);
		expect(await report.locator('details summary').textContent()).toBe('Voir les 136 autres communes sans contour');
		expect(await report.locator('details').getAttribute('open')).toBeNull();
		await expectNoSidewaysScroll(page, 'outlines-check-390');

		await page.getByLabel('Fichier GeoJSON').setInputFiles(file('saint-omer.geojson', square('62765', 2.25, 50.75)));
		await page.getByRole('button', { name: 'Importer', exact: true }).click();
		await page.getByText('Contours importés.').waitFor();
		expect(await page.getByTestId('outline-report').textContent()).toContain('1 entité lue');
		await screenshot(page, 'outlines-feature-390');
		await context.close();
	});
});
