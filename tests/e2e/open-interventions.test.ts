import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastMail, linkIn } from '../support/outbox';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './support/checks';
import { startApp, type App } from './support/start';
import { COORDINATOR, T, createCoordinator, parisDate, sendInterventionRequest, signIn } from './support/app';

/*
 * Issue #8 point 6: a school finds the request form from the territory's pages; the coordinator
 * opens the intervention to volunteers with one place; the public list shows it with its place
 * left; a role model signs in and takes the last place in one click; the next visitor sees « Complet ».
 */

const SPEAKER = { name: 'Nadia Benali', email: 'nadia.benali@arc.example', password: 'Verrelles-e2e-2026!' };
const DAY = parisDate(14);

describe('interventions open to volunteers', () => {
	let app: App;
	let coordinator: Page;

	beforeAll(async () => {
		app = await startApp();
		({ page: coordinator } = await app.newPage());
		await createCoordinator(coordinator, app.server.setupLink, COORDINATOR);
	}, 300_000);

	afterAll(async () => {
		await app?.stop();
	});

	it(
		'the public list shows the place left on a phone; a role model takes the last place in one click; the next visitor sees « Complet »',
		{ timeout: 600_000 },
		async () => {
			// The coordinator records a role model and invites her; she creates her account from the e-mail.
			await coordinator.goto(`${T}/intervenantes/nouvelle`);
			await coordinator.locator('[name=firstName]').fill('Nadia');
			await coordinator.locator('[name=lastName]').fill('Benali');
			await coordinator.locator('[name=email]').fill(SPEAKER.email);
			await coordinator.getByRole('checkbox', { name: 'Verr’Elles' }).check();
			await Promise.all([coordinator.waitForURL(/\/intervenantes\/\d+/), coordinator.locator('form button[type=submit]').last().click()]);
			const since = Date.now();
			await coordinator.getByRole('button', { name: 'L’inviter par e-mail' }).click();
			await coordinator.waitForLoadState('networkidle');
			const invitation = await lastMail(app.server.dataDir, SPEAKER.email, { since, timeoutMs: 30_000 });
			const { page: speaker } = await app.newPage();
			await speaker.goto(linkIn(invitation, '/invitation/'));
			await speaker.getByLabel('Nom et prénom').fill(SPEAKER.name);
			await speaker.getByLabel('Mot de passe', { exact: true }).fill(SPEAKER.password);
			await speaker.getByLabel('Confirmez le mot de passe').fill(SPEAKER.password);
			await Promise.all([
				speaker.waitForURL((url) => url.pathname === `${T}/mes-interventions`),
				speaker.getByRole('button', { name: 'Créer mon compte' }).click()
			]);
			await speaker.context().clearCookies();

			// A teacher finds the request form from the territory's home page, without an account.
			const { page: school, context: schoolContext } = await app.newPage({ viewport: { width: 390, height: 844 } });
			await school.goto(T);
			await Promise.all([school.waitForURL(`**${T}/demander`), school.getByRole('link', { name: 'Demander une intervention' }).first().click()]);
			await sendInterventionRequest(school, { organisation: 'Collège Jean Monnet', email: 'claire.martin@college-monnet.example' });
			await schoolContext.close();

			// The coordinator qualifies it for one speaker and opens it to volunteers.
			await coordinator.goto(`${T}/demandes`);
			await coordinator
				.getByRole('link', { name: /Collège Jean Monnet/ })
				.first()
				.click();
			await coordinator.waitForURL(/\/demandes\/\d+/);
			await coordinator.getByLabel('Réseau').selectOption({ label: 'Verr’Elles' });
			await coordinator.getByLabel('Date', { exact: true }).fill(DAY);
			await coordinator.getByLabel('Début (heure de Paris)').fill('10:00');
			await coordinator.getByLabel('Fin (heure de Paris)').fill('11:30');
			await coordinator.getByLabel('Lieu').fill('Collège Jean Monnet, salle 12');
			await coordinator.getByLabel('Intervenantes : au moins').fill('1');
			await coordinator.getByLabel('Intervenantes : au plus').fill('1');
			await coordinator.getByLabel('Ouverte aux volontaires').check();
			await coordinator.getByRole('button', { name: 'Qualifier' }).click();
			await coordinator.waitForLoadState('networkidle');

			// A visitor on a phone: the card with its date and its place left, a way to sign in; axe clean.
			const { page: visitor, context: visitorContext } = await app.newPage({ viewport: { width: 390, height: 844 } });
			await visitor.goto(T);
			await Promise.all([visitor.waitForURL(`**${T}/interventions-ouvertes`), visitor.getByRole('link', { name: 'Interventions ouvertes' }).first().click()]);
			const card = visitor.getByTestId('open-intervention').filter({ hasText: 'Collège Jean Monnet' });
			await expect.poll(() => card.textContent()).toContain('1 place restante');
			expect(await card.textContent()).toContain('de 10:00 à 11:30');
			for (const hidden of ['Claire Martin', 'claire.martin', 'salle 12']) expect(await card.textContent()).not.toContain(hidden);
			expect(await card.getByRole('link', { name: 'Se connecter pour prendre une place' }).count()).toBe(1);
			await expectNoSidewaysScroll(visitor, 'open-interventions-390');
			await expectNoAxeViolations(visitor);
			await visitorContext.close();

			// The role model signs in and takes the place in one click.
			await speaker.setViewportSize({ width: 390, height: 844 });
			await signIn(speaker, SPEAKER);
			await speaker.goto(`${T}/interventions-ouvertes`);
			const mine = speaker.getByTestId('open-intervention').filter({ hasText: 'Collège Jean Monnet' });
			const taken = Date.now();
			await Promise.all([speaker.waitForResponse((r) => r.request().method() === 'POST'), mine.getByRole('button', { name: 'Je prends une place' }).click()]);
			await speaker.waitForLoadState('networkidle');
			await expect
				.poll(async () => (await speaker.getByRole('status').first().textContent()) ?? '')
				.toContain('vous avez une place et l’intervention est confirmée');
			expect(await mine.textContent()).toContain('Vous êtes inscrite');
			expect(await mine.textContent()).toContain('Complet');
			await expectNoAxeViolations(speaker);
			// The confirmation with its invitation reaches her.
			expect(await lastMail(app.server.dataDir, SPEAKER.email, { since: taken, timeoutMs: 30_000 })).toContain('text/calendar');

			// The next visitor sees « Complet ».
			const { page: next, context: nextContext } = await app.newPage({ viewport: { width: 390, height: 844 } });
			await next.goto(`${T}/interventions-ouvertes`);
			const full = next.getByTestId('open-intervention').filter({ hasText: 'Collège Jean Monnet' });
			expect(await full.textContent()).toContain('Complet');
			expect(await full.textContent()).not.toContain('place restante');
			await expectNoAxeViolations(next);
			await nextContext.close();
		}
	);
});
