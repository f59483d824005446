import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectNoSidewaysScroll, screenshot, submitExpecting } from './support/checks';
import { startApp, type App } from './support/start';
import { T, createCoordinator } from './support/app';

/** The visible text of an element, its spaces (non-breaking ones too) made plain. */
const plain = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** « Métiers et formations »: a coordinator adds trainings (a wrong value first), anyone finds them by job, level and commune. */
describe('the territory’s trainings and the jobs they lead to', () => {
	let app: App;
	let page: Page;
	let visitor: { context: BrowserContext; page: Page };
	let reader: Page;

	beforeAll(async () => {
		app = await startApp();
		({ page } = await app.newPage());
		await createCoordinator(page, app.server.setupLink);
		// A visitor without JavaScript: the filters are a plain GET form.
		visitor = await app.newPage({ javaScriptEnabled: false });
		// A visitor with JavaScript, for the checks that run in the page (axe, the page's width).
		({ page: reader } = await app.newPage());
	});

	afterAll(async () => {
		await app?.stop();
	});

	async function addSchool(name: string, uai: string, commune: string) {
		await page.goto(`${T}/organisations/nouvelle`);
		await page.getByLabel('Nom', { exact: true }).fill(name);
		await page.getByLabel('Type de structure').selectOption('school');
		await page.getByLabel('UAI (établissements scolaires)').fill(uai);
		await page.getByLabel('Commune', { exact: true }).selectOption(commune);
		await page.getByRole('button', { name: 'Créer l’organisation' }).click();
		await page.waitForURL(/\/organisations\/\d+/);
	}

	it('a coordinator adds a training, refused with a share of 120 % and a javascript: link, then saved; the public page shows it on a phone and a desktop', async () => {
		await addSchool('Lycée Alexandre Ribot', '0620108F', '62765');
		await page.goto(`${T}/metiers-formations`);
		expect(plain(await page.locator('main').textContent())).toContain('Aucune formation n’est encore présentée pour ce territoire.');
		await page.getByRole('link', { name: 'Ajouter une formation' }).click();
		await page.waitForURL(`**${T}/metiers-formations/nouvelle`);

		await page.getByLabel('Intitulé de la formation').fill('Bac pro Pilote de ligne de production');
		await page.getByLabel('Établissement', { exact: true }).selectOption({ label: 'Lycée Alexandre Ribot (0620108F)' });
		await page.getByLabel('Niveau', { exact: true }).selectOption({ label: 'Bac pro' });
		await page.getByLabel('Conduite de ligne').check();
		await page.getByLabel('Maintenance').check();
		await page.getByLabel('Formation en apprentissage').check();
		await page.getByLabel('Part de filles (%)').fill('120');
		await page.getByLabel('Année scolaire de la mesure').fill('2024-2025');
		await page.getByLabel('Page de la formation sur le site de l’établissement').fill('javascript:alert(1)');
		await submitExpecting(page, 'Ajouter la formation', 400);
		expect(await page.locator('#f-girlsShare-error').textContent()).toBe('Indiquez un pourcentage entier entre 0 et 100, par exemple 12.');
		expect(await page.locator('#f-url-error').textContent()).toBe('Saisissez une adresse web commençant par https:// ou http://.');
		// What was typed and ticked comes back.
		expect(await page.getByLabel('Intitulé de la formation').inputValue()).toBe('Bac pro Pilote de ligne de production');
		expect(await page.getByLabel('Maintenance').isChecked()).toBe(true);
		expect(await page.getByLabel('Formation en apprentissage').isChecked()).toBe(true);
		expect(await page.getByLabel('Part de filles (%)').getAttribute('aria-invalid')).toBe('true');
		await page.setViewportSize({ width: 390, height: 900 });
		await expectNoSidewaysScroll(page, 'trainings-form-refused-390');
		await expectNoAxeViolations(page);
		await page.setViewportSize({ width: 1280, height: 900 });

		await page.getByLabel('Part de filles (%)').fill('12');
		await page.getByLabel('Page de la formation sur le site de l’établissement').fill('https://lycee-ribot.example.org/bac-pro-pilote');
		await page.getByRole('button', { name: 'Ajouter la formation' }).click();
		await page.waitForURL(/\/metiers-formations\/\d+\?created=1/);
		expect(await page.getByRole('status').textContent()).toBe('La formation est ajoutée.');

		// The public page, seen by a visitor who is not signed in.
		await reader.goto(`${T}/metiers-formations`);
		const card = reader.getByTestId('family-line_operation').getByTestId('training');
		const text = plain(await card.textContent());
		for (const part of ['Bac pro Pilote de ligne de production', 'Lycée Alexandre Ribot · UAI 0620108F', 'Bac pro', 'En apprentissage', 'Saint-Omer']) {
			expect(text).toContain(part);
		}
		expect(plain(await card.getByTestId('girls-share').textContent())).toBe('12 % de filles en 2024-2025');
		expect(await card.getByRole('link', { name: /sur le site de l’établissement/ }).getAttribute('href')).toBe(
			'https://lycee-ribot.example.org/bac-pro-pilote'
		);
		// It leads to two jobs: it shows under both.
		expect(await reader.getByTestId('family-maintenance').getByTestId('training').count()).toBe(1);
		// The visitor is offered no edit.
		expect(await reader.getByRole('link', { name: /^Modifier/ }).count()).toBe(0);
		for (const width of [390, 1280]) {
			await reader.setViewportSize({ width, height: 900 });
			await reader.reload();
			await expectNoSidewaysScroll(reader, `trainings-public-${width}`);
			await expectNoAxeViolations(reader);
		}
	});

	it('the filters by job, level and commune work without JavaScript', async () => {
		await addSchool('Lycée verrier d’Arques', '0620109G', '62040');
		await page.goto(`${T}/metiers-formations/nouvelle`);
		await page.getByLabel('Intitulé de la formation').fill('CAP Arts et techniques du verre');
		await page.getByLabel('Établissement', { exact: true }).selectOption({ label: 'Lycée verrier d’Arques (0620109G)' });
		await page.getByLabel('Niveau', { exact: true }).selectOption({ label: 'CAP' });
		await page.getByLabel('Verrerie').check();
		await page.getByRole('button', { name: 'Ajouter la formation' }).click();
		await page.waitForURL(/\/metiers-formations\/\d+\?created=1/);

		const v = visitor.page;
		await v.setViewportSize({ width: 390, height: 900 });
		await v.goto(`${T}/metiers-formations`);
		expect(await v.getByTestId('trainings-count').textContent()).toBe('2 formations');
		const titles = async () => (await v.getByTestId('training').locator('h3').allTextContents()).sort();
		await v.getByLabel('Métier').selectOption({ label: 'Verrerie' });
		await v.getByRole('button', { name: 'Filtrer' }).click();
		await v.waitForURL(/family=glassmaking/);
		expect(await titles()).toEqual(['CAP Arts et techniques du verre']);
		expect(plain(await v.getByTestId('training').getByTestId('girls-share').textContent())).toBe('Part de filles non connue');
		await screenshot(v, 'trainings-filtered-390');

		await v.getByRole('link', { name: 'Tout afficher' }).click();
		await v.waitForURL(new RegExp(`${T}/metiers-formations$`));
		await v.getByLabel('Niveau').selectOption({ label: 'Bac pro' });
		await v.getByRole('button', { name: 'Filtrer' }).click();
		await v.waitForURL(/level=bac_pro/);
		expect(await titles()).toEqual(['Bac pro Pilote de ligne de production', 'Bac pro Pilote de ligne de production']);

		await v.goto(`${T}/metiers-formations`);
		await v.getByLabel('Commune').selectOption({ label: 'Arques' });
		await v.getByRole('button', { name: 'Filtrer' }).click();
		await v.waitForURL(/commune=62040/);
		expect(await titles()).toEqual(['CAP Arts et techniques du verre']);
		expect(await v.getByLabel('Commune').inputValue()).toBe('62040');
	});

	it('a coordinator deletes a training after confirming, and it leaves the public page', async () => {
		await page.goto(`${T}/metiers-formations`);
		await page.getByRole('link', { name: 'Modifier « CAP Arts et techniques du verre »' }).click();
		await page.waitForURL(/\/metiers-formations\/\d+$/);
		await page.setViewportSize({ width: 390, height: 900 });
		await expectNoSidewaysScroll(page, 'trainings-edit-390');
		await expectNoAxeViolations(page);
		await page.getByText('Supprimer la formation', { exact: true }).last().click();
		await page.getByRole('button', { name: 'Oui, supprimer « CAP Arts et techniques du verre »' }).click();
		await page.waitForURL(/\/metiers-formations\?deleted=1/);
		expect(await page.getByRole('status').first().textContent()).toBe('La formation est supprimée.');
		await visitor.page.goto(`${T}/metiers-formations`);
		expect(await visitor.page.getByTestId('trainings-count').textContent()).toBe('1 formation');
		expect(await visitor.page.getByRole('heading', { name: 'CAP Arts et techniques du verre' }).count()).toBe(0);
	});
});
