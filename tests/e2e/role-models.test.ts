import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastMail, linkIn } from '../support/outbox';
import { expectNoAxeViolations, expectNoSidewaysScroll, screenshot, submitExpecting } from './support/checks';
import { waitForHydration } from './support/crawl';
import { ROOT } from './support/server';
import { startApp, type App } from './support/start';
import { T, createCoordinator } from './support/app';

/** A coordinator creates a role model's profile: refused with French messages next to the fields, then saved. */
describe('a coordinator records a role model', () => {
	let app: App;
	let coordinator: { context: BrowserContext; page: Page };
	let profileUrl = '';

	beforeAll(async () => {
		app = await startApp({ startTimeout: 300_000 });
		coordinator = await app.newPage();
		await createCoordinator(coordinator.page, app.server.setupLink);
	}, 400_000);

	afterAll(async () => {
		await app?.stop();
	});

	it('wrong values are refused next to their fields, what was typed and ticked stays', async () => {
		const page = coordinator.page;
		await page.goto(`${T}/intervenantes/nouvelle`);
		await page.getByLabel('Prénom').fill('Sophie');
		await page.getByLabel('Adresse e-mail').fill('sophie.lefebvre');
		await page.getByLabel('Langues parlées').fill('français');
		await page.getByRole('checkbox', { name: 'Verr’Elles' }).check();
		await submitExpecting(page, 'Créer le profil', 400);
		await expect.poll(() => page.locator('#f-lastName-error').textContent()).toBe('Ce champ est obligatoire.');
		expect(await page.locator('#f-email-error').textContent()).toBe('Saisissez une adresse e-mail valide.');
		expect(await page.locator('#f-languages-error').textContent()).toContain('codes de langue à deux lettres');
		expect(await page.getByLabel('Prénom').inputValue()).toBe('Sophie');
		expect(await page.getByRole('checkbox', { name: 'Verr’Elles' }).isChecked()).toBe(true);
		await expectNoAxeViolations(page);
	});

	it('right values create the profile, shown with its network on the list', async () => {
		const page = coordinator.page;
		await page.getByLabel('Nom', { exact: true }).fill('Lefebvre');
		await page.getByLabel('Adresse e-mail').fill('sophie.lefebvre@arc.example');
		await page.getByLabel('Langues parlées').fill('fr, en');
		await page.getByLabel('Métier').fill('Ingénieure procédés verre');
		await page.getByRole('checkbox', { name: 'Filles', exact: true }).check();
		await Promise.all([page.waitForURL(/\/intervenantes\/\d+\?created=1$/), page.getByRole('button', { name: 'Créer le profil' }).click()]);
		profileUrl = new URL(page.url()).pathname;
		expect(await page.getByRole('status').first().textContent()).toContain('Profil créé.');
		await page.goto(`${T}/intervenantes`);
		const row = page.getByRole('row', { name: /Sophie Lefebvre/ });
		expect(await row.textContent()).toContain('Verr’Elles');
	});

	it('without JavaScript every availability field is there, each label naming its kind, and a weekly slot is added', async () => {
		const { context, page } = await app.newPage({ javaScriptEnabled: false, storageState: await coordinator.context.storageState() });
		await page.goto(profileUrl);
		for (const label of [
			'Jour (chaque semaine)',
			'Date (date ponctuelle)',
			'Heure de début (chaque semaine ou date ponctuelle)',
			'Heure de fin (chaque semaine ou date ponctuelle)',
			'Du (absence)',
			'Au (absence)'
		])
			expect(await page.getByLabel(label, { exact: true }).isVisible(), label).toBe(true);
		await page.getByLabel('Type', { exact: true }).selectOption('weekly');
		await page.getByLabel('Jour (chaque semaine)').selectOption('2');
		await page.getByLabel('Heure de début (chaque semaine ou date ponctuelle)').fill('14:00');
		await page.getByLabel('Heure de fin (chaque semaine ou date ponctuelle)').fill('17:00');
		await Promise.all([page.waitForURL(/slot=added#disponibilites$/), page.getByRole('button', { name: 'Ajouter', exact: true }).click()]);
		expect(await page.locator('#disponibilites li').first().textContent()).toContain('Chaque mardi de 14:00 à 17:00');
		await context.close();
	});

	it('with JavaScript only the chosen kind’s fields show; a period away ending before it starts is refused in its section, next to the field, and the page comes back there', async () => {
		const page = coordinator.page;
		await page.setViewportSize({ width: 390, height: 800 });
		await page.goto(profileUrl);
		await waitForHydration(page);
		const visible = async (label: string) => page.getByLabel(label, { exact: true }).isVisible();
		expect([await visible('Jour'), await visible('Heure de début'), await visible('Du'), await visible('Date')]).toEqual([true, true, false, false]);
		await page.getByLabel('Type', { exact: true }).selectOption('away');
		expect([await visible('Jour'), await visible('Heure de début'), await visible('Du'), await visible('Au')]).toEqual([false, false, true, true]);
		await page.getByLabel('Du', { exact: true }).fill('2027-03-20');
		await page.getByLabel('Au', { exact: true }).fill('2027-03-10');
		await submitExpecting(page, 'Ajouter', 400);
		expect(new URL(page.url()).hash).toBe('#disponibilites');
		expect(await page.locator('#slot-toDate-error').textContent()).toBe('La fin de l’absence doit suivre son début.');
		// One refusal on the page, in the availability section, on screen; the kind and what was typed stay.
		expect(await page.locator('.error-summary').count()).toBe(1);
		expect(await page.locator('#disponibilites .error-summary').count()).toBe(1);
		await expect
			.poll(() =>
				page.locator('#disponibilites .error-summary').evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < innerHeight)
			)
			.toBe(true);
		expect(await page.getByLabel('Type', { exact: true }).inputValue()).toBe('away');
		expect(await page.getByLabel('Du', { exact: true }).inputValue()).toBe('2027-03-20');
		expect(await visible('Jour')).toBe(false);
		await screenshot(page, 'availability-refused-390');
		await expectNoAxeViolations(page);
		expect(await page.locator('#disponibilites .slots li').count()).toBe(1);
	});

	it('the profile page reads well at 390 px and 1280 px, axe clean', async () => {
		const page = coordinator.page;
		for (const width of [390, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(profileUrl);
			await expectNoSidewaysScroll(page, `role-model-${width}`);
			await expectNoAxeViolations(page);
		}
	});

	const SOPHIE = { email: 'sophie.lefebvre@arc.example', password: 'Verrelles-profil-2026!' };
	let sophie: { context: BrowserContext; page: Page };

	it('her invitation calls her « intervenante » in the territory’s space; she signs up with her name already filled in and lands on her interventions', async () => {
		const page = coordinator.page;
		await page.goto(profileUrl);
		await page.getByRole('button', { name: 'L’inviter par e-mail' }).click();
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Invitation envoyée à ${SOPHIE.email}`);
		const mail = await lastMail(app.server.dataDir, SOPHIE.email);
		expect(mail.replace(/\s+/g, ' ')).toContain(
			'vous invite à rejoindre l’espace « Territoire d’industrie Flandre – Pays de Saint-Omer » sur Mixité Industrie, avec le rôle « Intervenante ».'
		);
		expect(mail).not.toContain('Rôle modèle');
		sophie = await app.newPage();
		const her = sophie.page;
		await her.goto(linkIn(mail, '/invitation/'));
		expect(await her.locator('main').textContent()).toContain(
			'dans l’espace « Territoire d’industrie Flandre – Pays de Saint-Omer » de Mixité Industrie, avec le rôle « Intervenante »'
		);
		expect(await her.getByLabel('Nom et prénom').inputValue()).toBe('Sophie Lefebvre');
		for (const width of [390, 1280]) {
			await her.setViewportSize({ width, height: 900 });
			await expectNoSidewaysScroll(her, `invitation-role-model-${width}`);
		}
		await expectNoAxeViolations(her);
		await her.getByLabel('Mot de passe', { exact: true }).fill(SOPHIE.password);
		await her.getByLabel('Confirmez le mot de passe').fill(SOPHIE.password);
		await Promise.all([her.waitForURL((url) => url.pathname === `${T}/mes-interventions`), her.getByRole('button', { name: 'Créer mon compte' }).click()]);
		// Her profile is linked already: the proposals waiting for her answer come first.
		expect(await her.getByRole('heading', { level: 2 }).first().textContent()).toBe('À répondre');
	});

	it('on her own page she reads « vous », sees her networks as text, and makes her profile public from the top of the page', async () => {
		const her = sophie.page;
		await her.setViewportSize({ width: 390, height: 900 });
		await her.goto(`${T}/mon-profil`);
		const main = her.locator('main');
		expect(await main.textContent()).not.toContain('où elle peut intervenir');
		expect(await her.getByRole('group', { name: 'Intercommunalités où vous pouvez intervenir' }).count()).toBe(1);
		expect(await her.locator('summary').filter({ hasText: 'Communes où vous pouvez intervenir' }).count()).toBe(1);
		expect(await her.getByText('Communes où vous pouvez intervenir', { exact: true }).filter({ visible: true }).count()).toBe(1);
		// Her networks: read, not ticked (the coordination attests them).
		expect(await her.getByRole('checkbox', { name: 'Verr’Elles' }).count()).toBe(0);
		expect(await main.textContent()).toContain('Verr’Elles');
		// « Profil public » comes before the profile form and says what becomes public.
		const consentBox = her.getByRole('checkbox', { name: /J’accepte que ces informations soient publiées/ });
		expect((await consentBox.boundingBox())!.y).toBeLessThan((await her.getByLabel('Prénom').boundingBox())!.y);
		expect(await her.locator('#profil-public').textContent()).toContain('vos prénom et nom, votre photo (si vous en ajoutez une), votre métier');
		expect(await her.locator('#profil-public').textContent()).toContain('à tout moment');
		await consentBox.check();
		await Promise.all([her.waitForURL(/consent=on#profil-public$/), her.getByRole('button', { name: 'Enregistrer mon choix' }).click()]);
		expect(await her.locator('#profil-public [role="status"]').textContent()).toBe('Votre profil est maintenant public.');
		expect(await her.locator('#profil-public').textContent()).toMatch(/Consentement donné le \d{1,2} \S+ \d{4}/);
		for (const width of [390, 1280]) {
			await her.setViewportSize({ width, height: 900 });
			await her.goto(`${T}/mon-profil`);
			await expectNoSidewaysScroll(her, `mon-profil-${width}`);
			await expectNoAxeViolations(her);
		}
		await her.getByRole('link', { name: 'Voir ma page publique' }).click();
		await her.waitForURL(/\/temoins\/\d+$/);
		expect(await her.getByRole('heading', { level: 1 }).textContent()).toBe('Sophie Lefebvre');
	});

	it('her public page opens on her initials beside her name, job and network, the request form one click away; once she sends a photo, the photo takes their place', async () => {
		const her = sophie.page;
		const publicPage = new URL(her.url()).pathname;
		const visitor = await app.newPage();
		const page = visitor.page;
		for (const width of [390, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(publicPage);
			const header = page.getByRole('region', { name: 'Sophie Lefebvre' });
			expect(await header.getByRole('heading', { level: 1 }).textContent()).toBe('Sophie Lefebvre');
			expect(await header.locator('.witness-initials').textContent()).toBe('SL');
			expect(await header.locator('.witness-initials').isVisible()).toBe(true);
			expect(await header.getByRole('img').count()).toBe(0);
			expect(await header.textContent()).toContain('Ingénieure procédés verre');
			expect(await header.getByRole('list', { name: 'Membre de' }).getByRole('listitem').allTextContents()).toEqual(['Verr’Elles']);
			expect(await page.getByRole('region', { name: 'Rencontrer Sophie' }).getByRole('link', { name: 'Demander une intervention' }).getAttribute('href')).toBe(
				`${T}/demander`
			);
			expect(await page.getByRole('main').getByRole('link', { name: '← Toutes les femmes qui témoignent' }).getAttribute('href')).toBe(`${T}/temoins`);
			expect(await page.locator('main').textContent()).not.toContain(SOPHIE.email);
			await expectNoSidewaysScroll(page, `witness-initials-${width}`);
			await expectNoAxeViolations(page);
		}
		await her.goto(`${T}/mon-profil`);
		await her.getByLabel('Photo (JPEG, PNG ou WebP, 2 Mo au plus)').setInputFiles(path.join(ROOT, 'static', 'icons', 'icon-192.png'));
		await Promise.all([her.waitForURL(/photo=saved/), her.getByRole('button', { name: 'Envoyer la photo' }).click()]);
		for (const width of [390, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(publicPage);
			const photo = page.getByRole('region', { name: 'Sophie Lefebvre' }).getByRole('img', { name: 'Photo de Sophie Lefebvre' });
			expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
			expect(await page.locator('.witness-initials').count()).toBe(0);
			await expectNoSidewaysScroll(page, `witness-photo-${width}`);
			await expectNoAxeViolations(page);
		}
		await visitor.context.close();
	});
});
