import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenLegacyRows, LEGACY_MISTAKES, legacyDoneParticipations, legacyRows, legacyWorkbook } from '../support/legacy-spreadsheet';
import { T, createCoordinator, readIndicatorTotal, signIn } from './support/app';
import { expectNoAxeViolations, expectNoSidewaysScroll, screenshot, submitExpecting } from './support/checks';
import { startApp, type App } from './support/start';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The visible text of an element, its spaces (non-breaking ones too) made plain. */
const plain = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** A coordinator imports a legacy spreadsheet through the page: problems first, then the fixed file, once. */
describe('the import of a legacy spreadsheet of activities', () => {
	let app: App;
	let page: Page;
	let dir: string;
	const files: { broken: string; fixed: string; lines: number[] } = { broken: '', fixed: '', lines: [] };

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-import-e2e-'));
		const broken = await legacyWorkbook(brokenLegacyRows());
		const fixed = await legacyWorkbook(legacyRows());
		files.broken = path.join(dir, 'suivi-actions-2025.xlsx');
		files.fixed = path.join(dir, 'suivi-actions-2025-corrige.xlsx');
		fs.writeFileSync(files.broken, broken.bytes);
		fs.writeFileSync(files.fixed, fixed.bytes);
		files.lines = broken.lines;
		app = await startApp();
		({ page } = await app.newPage());
		await createCoordinator(page, app.server.setupLink);
	});

	afterAll(async () => {
		await app?.stop();
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});

	/** Chooses the file and presses the button; waits for the streamed answer to be shown. */
	async function send(file: string | null, button: RegExp) {
		if (file) await page.getByLabel('Fichier XLSX ou CSV').setInputFiles(file);
		const answered = page.waitForResponse((r) => r.url().endsWith('/actions/importer/envoi') && r.request().method() === 'POST');
		await page.getByRole('button', { name: button }).click();
		expect((await answered).status()).toBe(200);
		await page.getByRole('heading', { name: 'Résultat' }).or(page.locator('.error-summary')).first().waitFor();
		await expect.poll(() => page.locator('#upload-progress').count()).toBe(0);
	}

	it('the broken file is refused by line and column in French; the fixed one is imported once and raises the indicator by exactly its sum', async () => {
		const before = await readIndicatorTotal(page);
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${T}/actions`);
		await page.getByRole('link', { name: 'Importer un tableau (XLSX, CSV)' }).click();
		await page.waitForURL(`**${T}/actions/importer`);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Importer un tableau d’actions');

		await send(files.broken, /^Vérifier le fichier$/);
		const problems = page.locator('table:has(caption:text("Problèmes par ligne")) tbody tr');
		const shown = await problems.evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
		for (const mistake of LEGACY_MISTAKES) {
			const row = shown.find(([line, column]) => line === String(files.lines[mistake.row]) && column === mistake.column);
			expect(row, `${mistake.column}, line ${files.lines[mistake.row]}`).toBeDefined();
			expect(row![2]).toMatch(mistake.message);
		}
		expect(plain(await page.locator('.import-result').textContent())).toContain(
			`Problèmes à corriger dans le fichier : ${LEGACY_MISTAKES.length}. Rien n’a été importé.`
		);
		// The columns as written, with what they were recognised as.
		expect(await page.getByLabel('Contenu de la colonne « Lieu »').inputValue()).toBe('commune');
		expect(await page.getByLabel('Contenu de la colonne « Nb Filles »').inputValue()).toBe('girls');
		expect(await page.getByRole('button', { name: /^Importer \d+ actions$/ }).count()).toBe(0);
		await expectNoSidewaysScroll(page, 'activity-import-problems-390');
		await expectNoAxeViolations(page);
		expect(await readIndicatorTotal(page)).toBe(before);

		await page.goto(`${T}/actions/importer`);
		await send(files.fixed, /^Vérifier le fichier$/);
		expect(plain(await page.locator('.import-result').textContent())).toContain(
			`Le fichier est prêt. Actions à créer : 9 ; participations comptées : ${legacyDoneParticipations()}.`
		);
		expect(plain(await page.locator('.import-result').textContent())).toMatch(
			/Lignes ignorées : ligne \d+ \(vide\), ligne \d+ \(vide\), ligne \d+ \(TOTAL\)\./
		);
		const preview = page.locator('table:has(caption:text("Aperçu des actions")) tbody tr');
		expect(await preview.count()).toBe(9);
		expect(plain(await preview.first().textContent())).toContain('Filles 14 (Collège)');
		await expectNoSidewaysScroll(page, 'activity-import-ready-390');
		await expectNoAxeViolations(page);
		await page.setViewportSize({ width: 1280, height: 900 });
		await screenshot(page, 'activity-import-ready-1280');

		await send(null, /^Importer 9 actions$/);
		expect(plain(await page.getByRole('status').filter({ hasText: 'Import terminé' }).textContent())).toBe(
			'Import terminé : 9 actions créées ; déjà importées auparavant : 0.'
		);
		await page.getByRole('link', { name: 'Voir l’indicateur' }).click();
		await page.waitForURL(`**${T}/indicateur`);
		expect(await readIndicatorTotal(page)).toBe(before + legacyDoneParticipations());
	});

	it('the same file sent again is said, in French, to be already imported before any commit is offered, and committing it anyway adds nothing', async () => {
		const before = await readIndicatorTotal(page);
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${T}/actions/importer`);
		await send(files.fixed, /^Vérifier le fichier$/);
		expect(plain(await page.locator('.import-result').textContent())).toContain('Actions déjà importées, laissées telles quelles : 9.');
		expect(plain(await page.locator('.import-result').textContent())).toContain('Toutes les actions valides du fichier sont déjà importées');
		expect(await page.getByRole('button', { name: /^Importer \d+ actions$/ }).count()).toBe(0);
		await expectNoSidewaysScroll(page, 'activity-import-again-390');
		// The activities list on a phone: each activity a card whose every line, participations included, is on the screen.
		await page.goto(`${T}/actions`);
		const card = page.locator('table.stack-table tbody tr').first();
		const count = card.locator('td[data-label^="Participations"]');
		expect(await count.isVisible()).toBe(true);
		expect((await count.boundingBox())!.x + (await count.boundingBox())!.width).toBeLessThanOrEqual(390);
		expect(await card.locator('td[data-label^="Statut"]').isVisible()).toBe(true);
		expect(await card.locator('td[data-label^="Statut"]').evaluate((td) => getComputedStyle(td, '::before').content)).toMatch(/^"Statut\s*:\s*"$/);
		// In a card the figure follows its label like the other fields; in the table (1280 px) the column of figures stays aligned right.
		const align = () => count.evaluate((td) => getComputedStyle(td).textAlign);
		expect(await align()).not.toBe('right');
		await expectNoSidewaysScroll(page, 'activities-list-390');
		await page.setViewportSize({ width: 1280, height: 900 });
		expect(await align()).toBe('right');
		expect(await page.locator('table.stack-table thead th.num').evaluate((th) => getComputedStyle(th).textAlign)).toBe('right');
		await screenshot(page, 'activities-list-1280');
		await page.setViewportSize({ width: 390, height: 844 });
		// The commit the page no longer offers, posted anyway (an action is reachable without its button): it creates nothing.
		const forced = await page.request.post(`${T}/actions/importer?/commit`, {
			multipart: { file: { name: path.basename(files.fixed), mimeType: XLSX, buffer: fs.readFileSync(files.fixed) } },
			headers: { origin: app.server.baseURL, accept: 'text/html' }
		});
		expect(forced.status()).toBe(200);
		expect(plain(await forced.text())).toContain('déjà importées auparavant : 9.');
		expect(await readIndicatorTotal(page)).toBe(before);
	});

	it('a file of another kind, or none, is refused in French next to the field, with JavaScript or without', async () => {
		const before = await readIndicatorTotal(page);
		const notes = path.join(dir, 'compte-rendu.pdf');
		fs.writeFileSync(notes, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64)]));
		await page.goto(`${T}/actions/importer`);
		await send(notes, /^Vérifier le fichier$/);
		expect(await page.locator('#f-file-error').textContent()).toContain('ni un classeur Excel (.xlsx) ni un CSV');

		const { context, page: plainPage } = await app.newPage({ javaScriptEnabled: false });
		try {
			await signIn(plainPage);
			await plainPage.goto(`${T}/actions/importer`);
			await submitExpecting(plainPage, 'Vérifier le fichier', 400);
			expect(await plainPage.locator('#f-file-error').textContent()).toBe('Choisissez un fichier XLSX ou CSV.');
			await plainPage.getByLabel('Fichier XLSX ou CSV').setInputFiles(files.broken);
			await submitExpecting(plainPage, 'Vérifier le fichier', 200);
			const problems = plainPage.locator('table:has(caption:text("Problèmes par ligne")) tbody tr');
			expect(await problems.count()).toBeGreaterThanOrEqual(LEGACY_MISTAKES.length);
			expect(plain(await problems.first().textContent())).toContain('Commune inconnue du territoire : « Saint-Omr ». Communes proches : « Saint-Omer ».');
			expect(await plainPage.locator('progress').count()).toBe(0);
		} finally {
			await context.close();
		}
		expect(await readIndicatorTotal(page)).toBe(before);
	});

	it('the journal names the import by its file and reads its details in French, at 390 px and 1280 px', async () => {
		for (const width of [390, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(`${T}/journal`);
			const entry = page.locator('ol.audit > li').filter({ hasText: 'Import d’un tableau d’actions' });
			expect(await entry.count()).toBe(1);
			const text = plain(await entry.textContent());
			expect(text).toContain('Import d’un tableau d’actions « suivi-actions-2025-corrige.xlsx »');
			const details = (await entry.locator('.audit-changes > li').allTextContents()).map(plain);
			expect(details.slice(0, 4)).toEqual([
				'Fichier : suivi-actions-2025-corrige.xlsx',
				expect.stringMatching(/^Lignes : \d+$/),
				'Actions créées : 9',
				'Doublons : 0'
			]);
			expect(details).toContain(`Participations : ${plain(new Intl.NumberFormat('fr-FR').format(legacyDoneParticipations()))}`);
			expect(details).toContainEqual(expect.stringMatching(/^Actions n° : \d+–\d+$/));
			// No code name of a field anywhere in the journal (« rows : 5 », « activityIds : 1–5 », « importKey »).
			expect(plain(await page.locator('main').textContent())).not.toMatch(/\b(rows|created|duplicates|participations|activityIds|importKey|file) :/);
			expect(text).not.toContain('« n° ');
			await expectNoSidewaysScroll(page, `journal-import-${width}`);
			await screenshot(page, `journal-import-${width}`);
		}
		await expectNoAxeViolations(page);
	});

	it('the template downloaded from the page is an XLSX workbook whose first sheet, sent back as is, has no row to import', async () => {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${T}/actions/importer`);
		const downloading = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Télécharger un modèle de tableau (XLSX)' }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(/^modele-import-actions-.+\.xlsx$/);
		const template = path.join(dir, download.suggestedFilename());
		await download.saveAs(template);
		expect([...fs.readFileSync(template).subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
		await send(template, /^Vérifier le fichier$/);
		expect(plain(await page.locator('.import-result').textContent())).toContain('Aucune ligne d’action sous les en-têtes');
		expect(await page.getByRole('button', { name: /^Importer \d+ action/ }).count()).toBe(0);
		await expectNoSidewaysScroll(page, 'activity-import-template-390');
	});
});
