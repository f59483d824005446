import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR, createCoordinator, frenchNumber, parisDate, readIndicatorTotal, T } from './support/app';
import { expectNoAxeViolations, expectNoSidewaysScroll, screenshot } from './support/checks';
import { ROOT } from './support/server';
import { startApp, type App } from './support/start';

/*
 * Issue #9, done when: a coordinator uploads a portrait with captions and publishes it; the public
 * plays it through range requests; a screening of it to 12 women job seekers raises the indicator
 * by 12, while the public play raises the indirect-exposure figure and not the indicator; a
 * portrait whose consent has expired is no longer reachable.
 */

const WEBM = path.join(ROOT, 'tests', 'fixtures', 'portrait.webm');
const VTT = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nJe conduis une ligne de production de verre.\n';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-portraits-e2e-'));
const notAVideo = path.join(work, 'portrait.mp4');
const consentPdf = path.join(work, 'consentement.pdf');
fs.writeFileSync(notAVideo, 'Ceci est un texte, pas une vidéo, malgré son nom.');
fs.writeFileSync(consentPdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function readExposure(page: Page): Promise<number> {
	await page.goto(`${T}/indicateur`);
	return frenchNumber(await page.getByTestId('indirect-exposure').textContent());
}

describe('video portraits: from the upload to the public play and the screening in the accounting', () => {
	let app: App;
	let coordinator: Page;

	/** The open API's indicator (no token): participations and, beside them, the plays of the portraits. */
	async function readApi(): Promise<{ participations: number; plays: number }> {
		const body = (await (await fetch(`${app.server.baseURL}/api/v1/territories${T.slice(2)}/indicator`)).json()) as {
			data: { participations: number; indirectExposure: { plays: number } };
		};
		return { participations: body.data.participations, plays: body.data.indirectExposure.plays };
	}

	beforeAll(async () => {
		app = await startApp();
		({ page: coordinator } = await app.newPage());
		await createCoordinator(coordinator, app.server.setupLink, COORDINATOR);
	}, 300_000);

	afterAll(async () => {
		await app?.stop();
		fs.rmSync(work, { recursive: true, force: true });
	});

	it('upload with captions, publish, public play with ranges, screening of 12, expired consent unreachable', { timeout: 600_000 }, async () => {
		// No invented content: the default territory's library is empty, with the way to fill it.
		await coordinator.goto(`${T}/portraits`);
		await expect.poll(() => coordinator.locator('main').textContent()).toContain('La bibliothèque est vide');
		await coordinator.getByRole('link', { name: 'Ajouter un portrait' }).click();
		await coordinator.waitForURL(/\/portraits\/nouveau$/);

		// Wrong, then right.
		await coordinator.getByLabel('Durée (minutes:secondes)').fill('deux minutes');
		await coordinator.getByRole('button', { name: 'Créer le portrait' }).click();
		await expect.poll(() => coordinator.locator('.field-error').allTextContents()).toContain('Saisissez une durée comme 2:05 ou 125 (secondes).');
		await coordinator.getByLabel('Titre').fill('Conduire une ligne de verre');
		await coordinator.getByLabel('Prénom (tel que la personne a accepté d’être nommée)').fill('Sabrina');
		await coordinator.getByLabel('Métier', { exact: true }).fill('Conductrice de ligne');
		await coordinator.getByLabel('Entreprise').selectOption({ label: 'Arc France' });
		await coordinator.getByLabel('Secteur').fill('Verre');
		await coordinator.getByLabel('Familles de métiers (séparées par des virgules)').fill('conduite de ligne, verrerie');
		await coordinator.getByLabel('Durée (minutes:secondes)').fill('');
		await Promise.all([
			coordinator.waitForURL(/\/portraits\/\d+\/modifier\?saved=created/),
			coordinator.getByRole('button', { name: 'Créer le portrait' }).click()
		]);
		const editor = coordinator.url().split('?')[0]!;
		const publicPage = editor.replace(/\/modifier$/, '');

		// A text file named .mp4 is refused by its bytes, next to the field; then the real video, with its progress.
		const videoField = coordinator.getByLabel(/Fichier vidéo \(MP4 ou WebM/);
		await videoField.setInputFiles(notAVideo);
		await coordinator.getByRole('button', { name: 'Envoyer la vidéo' }).click();
		await expect.poll(() => coordinator.locator('#video .field-error').textContent()).toContain('n’est pas une vidéo MP4 ou WebM');
		await videoField.setInputFiles(WEBM);
		await Promise.all([coordinator.waitForURL(/\?video=ok/), coordinator.getByRole('button', { name: 'Envoyer la vidéo' }).click()]);
		await expect.poll(() => coordinator.locator('[role=status]').first().textContent()).toContain('Vidéo enregistrée');

		// Captions: wrong, then right; the transcript; the consent with its signed form.
		await coordinator.getByLabel('Ou collez le contenu WebVTT').fill('Bonjour à toutes');
		await coordinator.getByRole('button', { name: 'Enregistrer les sous-titres' }).click();
		await expect.poll(() => coordinator.locator('#f-captions-error').textContent()).toContain('doit commencer par « WEBVTT »');
		await coordinator.getByLabel('Ou collez le contenu WebVTT').fill(VTT);
		await Promise.all([coordinator.waitForURL(/saved=captions/), coordinator.getByRole('button', { name: 'Enregistrer les sous-titres' }).click()]);
		await coordinator.getByLabel('Texte intégral de la vidéo').fill('Je conduis une ligne de production de verre chez Arc France.');
		await Promise.all([coordinator.waitForURL(/saved=transcript/), coordinator.getByRole('button', { name: 'Enregistrer la transcription' }).click()]);
		await coordinator.getByLabel('Signé le').fill(parisDate(-30));
		await coordinator.getByLabel('Site web public').check();
		await coordinator.getByLabel('Projections (écoles, agences, salons)').check();
		await coordinator.getByLabel('Valable jusqu’au').fill(parisDate(335));
		await coordinator.getByLabel(/Formulaire signé \(PDF/).setInputFiles(consentPdf);
		await Promise.all([coordinator.waitForURL(/saved=consent/), coordinator.getByRole('button', { name: 'Enregistrer le consentement' }).click()]);

		// The poster was taken from the video by ffmpeg (installed by the test command): nothing is missing.
		await Promise.all([coordinator.waitForURL(/saved=published/), coordinator.getByRole('button', { name: 'Publier sur le site' }).click()]);
		expect(await coordinator.getByText('État : En ligne').count()).toBe(1);
		await screenshot(coordinator, 'portrait-editor-1280');

		const participationsBefore = await readIndicatorTotal(coordinator);
		const exposureBefore = await readExposure(coordinator);
		const apiBefore = await readApi();

		// The public, on a phone, without an account: gallery, portrait page, the player with its captions track and the transcript beside.
		const { page: visitor } = await app.newPage(390);
		await visitor.goto(`${T}/portraits`);
		await expectNoSidewaysScroll(visitor, 'portraits-gallery-390');
		await expectNoAxeViolations(visitor);
		// What the player asks for, from the moment the page opens.
		const videoAnswers: { status: number; range: string | null }[] = [];
		visitor.on('response', (r) => {
			if (new URL(r.url()).pathname.endsWith('/video')) videoAnswers.push({ status: r.status(), range: r.request().headers()['range'] ?? null });
		});
		await visitor.getByRole('link', { name: 'Voir le portrait de Sabrina' }).click();
		await visitor.waitForURL(publicPage);
		await expect.poll(() => visitor.locator('h1').textContent()).toBe('Conduire une ligne de verre');
		expect(await visitor.locator('video track[kind=captions][srclang=fr]').count()).toBe(1);
		expect(await visitor.getByRole('heading', { name: 'Transcription' }).count()).toBe(1);
		await expectNoSidewaysScroll(visitor, 'portrait-page-390');
		await expectNoAxeViolations(visitor);

		// Range requests, as a player makes them.
		const videoUrl = `${app.server.baseURL}${new URL(publicPage).pathname}/video`;
		const size = fs.statSync(WEBM).size;
		const part = await fetch(videoUrl, { headers: { range: 'bytes=0-99' } });
		expect([part.status, part.headers.get('content-range'), part.headers.get('accept-ranges'), part.headers.get('content-type')]).toEqual([
			206,
			`bytes 0-99/${size}`,
			'bytes',
			'video/webm'
		]);
		expect((await part.arrayBuffer()).byteLength).toBe(100);
		expect((await fetch(videoUrl, { headers: { range: `bytes=${size}-` } })).status).toBe(416);
		const etag = part.headers.get('etag')!;
		expect((await fetch(videoUrl, { headers: { 'if-none-match': etag } })).status).toBe(304);

		// She plays it: the browser fetches ranges (206) and the page counts one play, without cookies.
		const counted = visitor.waitForResponse((r) => r.url().endsWith('/lecture') && r.status() === 204);
		await visitor.evaluate(async () => {
			const video = document.querySelector('video')!;
			video.muted = true;
			await video.play();
		});
		const beacon = await counted;
		expect(videoAnswers.length, 'the player fetched the video').toBeGreaterThan(0);
		expect(videoAnswers.every((a) => a.status === 206 && a.range?.startsWith('bytes='))).toBe(true);
		expect(await beacon.request().headerValue('cookie')).toBeNull();
		await expect.poll(() => readExposure(coordinator)).toBe(exposureBefore + 1);
		expect(await readIndicatorTotal(coordinator)).toBe(participationsBefore);
		// The open API gives the same two figures, side by side: the play, not a participation.
		expect(await readApi()).toEqual({ participations: apiBefore.participations, plays: apiBefore.plays + 1 });

		// A screening to 12 women job seekers, recorded by the coordinator: the indicator rises by 12.
		await coordinator.goto(`${T}/portraits/projection`);
		await coordinator.getByRole('button', { name: 'Enregistrer la projection' }).click();
		await expect.poll(() => coordinator.locator('#f-portraitIds-error').textContent()).toBe('Cochez au moins un portrait projeté.');
		await coordinator.getByLabel(/Conduire une ligne de verre/).check();
		await coordinator.getByLabel('Commune').selectOption('62765');
		await coordinator.locator('input[name="aud.women.job_seekers"]').fill('12');
		await Promise.all([coordinator.waitForURL(/\/actions\/\d+\?saved=1$/), coordinator.getByRole('button', { name: 'Enregistrer la projection' }).click()]);
		expect(await readIndicatorTotal(coordinator)).toBe(participationsBefore + 12);
		expect(await readExposure(coordinator)).toBe(exposureBefore + 1);

		// The consent ended yesterday (a consent recorded late): offline at once, unreachable for the public.
		await coordinator.goto(editor);
		await coordinator.getByLabel('Signé le').fill(parisDate(-400));
		await coordinator.getByLabel('Valable jusqu’au').fill(parisDate(-1));
		await Promise.all([coordinator.waitForURL(/saved=consent/), coordinator.getByRole('button', { name: 'Enregistrer le consentement' }).click()]);
		expect(await coordinator.getByText('État : Consentement expiré').count()).toBe(1);
		expect((await visitor.goto(publicPage))?.status()).toBe(404);
		expect((await fetch(videoUrl, { headers: { range: 'bytes=0-99' } })).status).toBe(404);
		await visitor.goto(`${T}/portraits`);
		await expect.poll(() => visitor.locator('main').textContent()).toContain('Aucun portrait n’est encore en ligne.');
		await screenshot(visitor, 'portraits-gallery-empty-390');
	});
});
