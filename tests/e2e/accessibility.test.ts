import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './support/checks';
import { startApp, type App } from './support/start';
import { COORDINATOR, T, createCoordinator, fillActivityForm, parisDate, recordActivity } from './support/app';

const DEMO_BANNER = 'Données de démonstration';

/** The demo lives in its own territory: its pages say so, and no other page does. */
const DEMO = '/t/demo';

async function expectNoDemoBanner(page: Page): Promise<void> {
	expect(await page.locator('.demo-banner').count(), `a "${DEMO_BANNER}" banner outside the demo territory, on ${page.url()}`).toBe(0);
}

async function expectDemoBanner(page: Page): Promise<void> {
	const banner = page.locator('.demo-banner');
	expect(await banner.count(), `no "${DEMO_BANNER}" banner on ${page.url()}`).toBe(1);
	expect(await banner.isVisible()).toBe(true);
	expect(await banner.textContent()).toContain(DEMO_BANNER);
}

async function open(page: Page, path: string, status = 200): Promise<Response> {
	const response = await page.goto(path, { waitUntil: 'networkidle' });
	expect(response, `no response for ${path}`).not.toBeNull();
	expect(response!.status(), `HTTP status of ${path}`).toBe(status);
	return response!;
}

/** Submits the form that `button` belongs to and waits for the re-rendered page with its errors. */
async function submitExpectingErrors(page: Page, buttonName: string): Promise<void> {
	const response = page.waitForResponse((r) => r.request().method() === 'POST');
	await page.getByRole('button', { name: buttonName, exact: true }).click();
	expect((await response).status(), 'a refused form answers 400').toBe(400);
	await page.waitForLoadState('networkidle');
	expect(await page.locator('.field-error').count(), 'the refused form shows its field errors').toBeGreaterThan(0);
}

/**
 * Every page, as an anonymous visitor and as a signed-in coordinator, with the demo data set loaded
 * (so the figures, charts and tables are full): zero WCAG 2.1 AA violation reported by axe.
 */
describe('every page meets WCAG 2.1 AA, and only the demo territory shows the demo banner', () => {
	let app: App;
	let anonymous: { context: BrowserContext; page: Page };
	let coordinator: { context: BrowserContext; page: Page };
	let activityId = 0;

	beforeAll(async () => {
		app = await startApp({ demo: true });
		anonymous = await app.newPage();
		coordinator = await app.newPage();
	});

	afterAll(async () => {
		await app?.stop();
	});

	describe('an anonymous visitor', () => {
		it('the setup page, before the link is used', async () => {
			await open(anonymous.page, new URL(app.server.setupLink).pathname);
			expect(await anonymous.page.getByRole('button', { name: 'Créer le compte' }).isVisible()).toBe(true);
			await expectNoDemoBanner(anonymous.page);
			await expectNoAxeViolations(anonymous.page);
		});

		it('the setup page, after a refused submission (short, mismatched passwords)', async () => {
			const page = anonymous.page;
			await open(page, new URL(app.server.setupLink).pathname);
			await page.getByLabel('Nom et prénom').fill('Camille Durand');
			await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
			await page.getByLabel('Mot de passe', { exact: true }).fill('court');
			await page.getByLabel('Confirmez le mot de passe').fill('différent');
			await submitExpectingErrors(page, 'Créer le compte');
			await expectNoDemoBanner(page);
			await expectNoAxeViolations(page);
		});

		it('the home page', async () => {
			await open(anonymous.page, '/');
			await expectNoDemoBanner(anonymous.page);
			await expectNoAxeViolations(anonymous.page);
		});

		it('the sign-in page', async () => {
			await open(anonymous.page, '/connexion');
			await expectNoDemoBanner(anonymous.page);
			await expectNoAxeViolations(anonymous.page);
		});

		it('the sign-in page, after a refused submission', async () => {
			const page = anonymous.page;
			await open(page, '/connexion');
			await page.getByLabel('Adresse e-mail').fill('');
			await page.getByLabel('Mot de passe').fill('');
			await submitExpectingErrors(page, 'Se connecter');
			await expectNoDemoBanner(page);
			await expectNoAxeViolations(page);
		});

		it('the territory’s action plan', async () => {
			await open(anonymous.page, T);
			await expectNoDemoBanner(anonymous.page);
			await expectNoAxeViolations(anonymous.page);
		});

		it('the demo territory’s action plan', async () => {
			await open(anonymous.page, DEMO);
			await expectDemoBanner(anonymous.page);
			await expectNoAxeViolations(anonymous.page);
		});

		it('the demo territory’s indicator, full of demo figures', async () => {
			await open(anonymous.page, `${DEMO}/indicateur`);
			expect(await anonymous.page.getByTestId('participations-total').textContent()).not.toBe('0');
			await expectDemoBanner(anonymous.page);
			await expectNoAxeViolations(anonymous.page);
		});

		it('the real territory’s indicator holds none of the demo figures', async () => {
			await open(anonymous.page, `${T}/indicateur`);
			expect(await anonymous.page.getByTestId('participations-total').textContent()).toBe('0');
			await expectNoDemoBanner(anonymous.page);
			await expectNoAxeViolations(anonymous.page);
		});

		it('the activity records are not public: the list sends an anonymous visitor to sign in', async () => {
			await open(anonymous.page, `${T}/actions`);
			expect(new URL(anonymous.page.url()).pathname).toBe('/connexion');
			await expectNoDemoBanner(anonymous.page);
			await expectNoAxeViolations(anonymous.page);
		});
	});

	describe('the signed-in coordinator', () => {
		beforeAll(async () => {
			await createCoordinator(coordinator.page, app.server.setupLink, COORDINATOR);
			activityId = await recordActivity(coordinator.page, {
				title: 'Atelier « Les métiers de l’industrie au féminin »',
				date: parisDate(-20),
				audiences: { 'girls.lycee_pro': 12, 'teachers.unspecified': 3 }
			});
		});

		it('the home page', async () => {
			await open(coordinator.page, '/');
			await expectNoDemoBanner(coordinator.page);
			await expectNoAxeViolations(coordinator.page);
		});

		it('the territory’s action plan', async () => {
			await open(coordinator.page, T);
			await expectNoDemoBanner(coordinator.page);
			await expectNoAxeViolations(coordinator.page);
		});

		it('the indicator', async () => {
			await open(coordinator.page, `${T}/indicateur`);
			await expectNoDemoBanner(coordinator.page);
			await expectNoAxeViolations(coordinator.page);
		});

		it('the indicator for one school year and one initiative', async () => {
			const year = parisDate(0).slice(5, 7) >= '09' ? Number(parisDate(0).slice(0, 4)) : Number(parisDate(0).slice(0, 4)) - 1;
			await open(coordinator.page, `${T}/indicateur?schoolYear=${year - 1}-${year}&initiativeId=1`);
			await expectNoDemoBanner(coordinator.page);
			await expectNoAxeViolations(coordinator.page);
		});

		it('the activity list', async () => {
			await open(coordinator.page, `${T}/actions`);
			await expectNoDemoBanner(coordinator.page);
			await expectNoAxeViolations(coordinator.page);
		});

		it('the activity list, filtered down to nothing', async () => {
			await open(coordinator.page, `${T}/actions?from=2001-01-01&to=2001-01-31`);
			expect(await coordinator.page.getByText('Aucune action ne correspond à ces critères.').isVisible()).toBe(true);
			await expectNoDemoBanner(coordinator.page);
			await expectNoAxeViolations(coordinator.page);
		});

		it('the new-activity form', async () => {
			await open(coordinator.page, `${T}/actions/nouvelle`);
			await expectNoDemoBanner(coordinator.page);
			await expectNoAxeViolations(coordinator.page);
		});

		it('the new-activity form, after a refused submission (negative count, done in the future)', async () => {
			const page = coordinator.page;
			await open(page, `${T}/actions/nouvelle`);
			await fillActivityForm(page, { title: 'Forum', date: parisDate(30), audiences: { 'girls.college': -2 } });
			await submitExpectingErrors(page, 'Enregistrer');
			await expectNoDemoBanner(page);
			await expectNoAxeViolations(page);
		});

		it('after a refused submission, every field marked invalid points to its own error message', async () => {
			const page = coordinator.page;
			await open(page, `${T}/actions/nouvelle`);
			await fillActivityForm(page, { title: '', date: parisDate(30), audiences: { 'girls.college': -2, 'boys.lycee_pro': '2.5' } });
			await submitExpectingErrors(page, 'Enregistrer');
			const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((fields) =>
				fields.map((field) => {
					const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
					const messages = ids.map((id) => document.getElementById(id)).filter((el) => el?.classList.contains('field-error'));
					return { field: field.getAttribute('name'), message: messages.map((m) => m!.textContent?.trim()).join(' ') };
				})
			);
			expect(invalid.map((f) => f.field)).toEqual(expect.arrayContaining(['title', 'aud.girls.college', 'aud.boys.lycee_pro']));
			const unannounced = invalid.filter((f) => !f.message);
			expect(unannounced, `invalid fields whose error message is not linked with aria-describedby: ${JSON.stringify(unannounced)}`).toEqual([]);
		});

		it('an activity’s page, with its edit and cancel forms', async () => {
			await open(coordinator.page, `${T}/actions/${activityId}?saved=1`);
			expect(await coordinator.page.getByRole('heading', { name: 'Modifier l’action' }).isVisible()).toBe(true);
			await expectNoDemoBanner(coordinator.page);
			await expectNoAxeViolations(coordinator.page);
		});

		it('an activity’s page, after a refused edit', async () => {
			const page = coordinator.page;
			await open(page, `${T}/actions/${activityId}`);
			await page.getByLabel('Intitulé').fill('');
			await submitExpectingErrors(page, 'Enregistrer');
			await expectNoDemoBanner(page);
			await expectNoAxeViolations(page);
		});

		it('an activity’s page, after a cancellation refused for want of a reason', async () => {
			const page = coordinator.page;
			await open(page, `${T}/actions/${activityId}`);
			await submitExpectingErrors(page, 'Annuler l’action');
			await expectNoDemoBanner(page);
			await expectNoAxeViolations(page);
		});

		it('the plan period form', async () => {
			await open(coordinator.page, `${T}/plan`);
			await expectNoDemoBanner(coordinator.page);
			await expectNoAxeViolations(coordinator.page);
		});

		it('the plan period form, after a refused submission (end before start)', async () => {
			const page = coordinator.page;
			await open(page, `${T}/plan`);
			await page.getByLabel('Début du plan').fill('2026-06-30');
			await page.getByLabel('Fin du plan').fill('2025-09-01');
			await submitExpectingErrors(page, 'Enregistrer');
			await expectNoDemoBanner(page);
			await expectNoAxeViolations(page);
		});
	});

	describe('error pages', () => {
		it('an unknown address answers a 404 page', async () => {
			await open(anonymous.page, '/page-qui-n-existe-pas', 404);
			expect(await anonymous.page.locator('html').getAttribute('lang')).toBe('fr');
			expect(await anonymous.page.getByRole('heading', { level: 1 }).textContent()).toBe('Page introuvable');
			await expectNoDemoBanner(anonymous.page);
			await expectNoAxeViolations(anonymous.page);
		});

		it('an unknown territory answers the site’s own 404 page, in French', async () => {
			await open(anonymous.page, '/t/territoire-inconnu', 404);
			expect(await anonymous.page.locator('html').getAttribute('lang')).toBe('fr');
			expect(await anonymous.page.getByRole('heading', { level: 1 }).textContent()).toBe('Page introuvable');
			expect(await anonymous.page.getByRole('link', { name: 'Retour à l’accueil' }).count()).toBe(1);
			await expectNoDemoBanner(anonymous.page);
			await expectNoAxeViolations(anonymous.page);
		});

		it('an unknown activity answers a 404 page', async () => {
			await open(coordinator.page, `${T}/actions/999999`, 404);
			expect(await coordinator.page.getByRole('heading', { level: 1 }).textContent()).toBe('Page introuvable');
			await expectNoDemoBanner(coordinator.page);
			await expectNoAxeViolations(coordinator.page);
		});
	});

	describe('accounts and trust pages', () => {
		it('the personal-data register, the forgotten-password and new-password pages, and a used or unknown link', async () => {
			for (const path of [
				'/donnees-personnelles',
				'/mot-de-passe-oublie',
				'/mot-de-passe/nouveau?token=inconnu',
				'/verifier-email?token=inconnu',
				'/invitation/inconnue',
				'/connexion/2fa'
			]) {
				await open(anonymous.page, path);
				await expectNoDemoBanner(anonymous.page);
				await expectNoAxeViolations(anonymous.page);
			}
		});

		it('the new-password page after a refused submission', async () => {
			const page = anonymous.page;
			await open(page, '/mot-de-passe/nouveau?token=inconnu');
			await page.getByLabel('Mot de passe', { exact: true }).fill('court');
			await page.getByLabel('Confirmez le mot de passe').fill('autre');
			await submitExpectingErrors(page, 'Enregistrer le mot de passe');
			await expectNoAxeViolations(page);
		});

		it('members, API tokens, the audit trail and the account pages of the coordinator', async () => {
			for (const path of [`${T}/membres`, `${T}/jetons`, `${T}/journal`, '/compte', '/compte/securite']) {
				await open(coordinator.page, path);
				await expectNoDemoBanner(coordinator.page);
				await expectNoAxeViolations(coordinator.page);
			}
		});

		it('the invitation form after a refused submission', async () => {
			const page = coordinator.page;
			await open(page, `${T}/membres`);
			await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
			await submitExpectingErrors(page, 'Envoyer l’invitation');
			await expectNoAxeViolations(page);
		});

		it('agreements: the list, the new-agreement form refused and accepted, and an agreement’s page', async () => {
			const page = coordinator.page;
			await open(page, `${T}/conventions`);
			await expectNoAxeViolations(page);
			await open(page, `${T}/conventions/nouvelle`);
			await submitExpectingErrors(page, 'Enregistrer');
			await expectNoAxeViolations(page);
			await page.getByLabel('Intitulé').fill('Convention de partenariat Capital Filles');
			await page.getByLabel('Objet').fill('Marrainage de lycéennes par des femmes de l’industrie');
			await page.getByLabel('Capital Filles', { exact: true }).check();
			await Promise.all([page.waitForURL(/\/conventions\/\d+\?saved=1$/), page.getByRole('button', { name: 'Enregistrer', exact: true }).click()]);
			await page.waitForLoadState('networkidle');
			await expectNoDemoBanner(page);
			await expectNoAxeViolations(page);
		});
	});
});
