/**
 * The demo's fictional portraits (issue #9, point 9): without real videos a real territory shows
 * its library empty; the demo territory shows a few portraits of invented women, in invented
 * firms, with generated placeholder media (a poster card and a 4-second video saying so), each
 * flagged `demo` so that every page shows the « Démonstration » badge. The media are stored under
 * DATA_DIR through the same file store as uploads (random names, type read from the bytes,
 * SHA-256 as ETag), so the video (ranges), poster and captions are served exactly as a real
 * portrait's. The rows are written by the platform itself (no audit entry, as the demo's activities).
 */
import fs from 'node:fs';
import { PORTRAIT_LIMITS, POSTER_TYPES, VIDEO_TYPES } from '../../domain/portraits';
import type { Db } from '../db/client';
import { removeStored, storeBytes, type StoredFile } from '../files/disk-store';
import { insertOrganisation, listOrganisations } from '../organisations/organisations.repository';
import { insertPortrait, listPortraitRows } from '../portraits/portraits.repository';
import { portraitsDir } from '../portraits/portraits.usecases';
import type { TerritoryScope } from '../shared/scope';

/** Invented firms, named as such in the directory of the demo territory. */
const DEMO_FIRMS = {
	glass: { name: 'Verrerie du Haut-Pont (entreprise fictive)', commune: '62525' },
	maintenance: { name: 'Maintenance industrielle de la Lys (entreprise fictive)', commune: '62014' },
	metal: { name: 'Chaudronnerie des Monts (entreprise fictive)', commune: '59295' }
} as const;

/** Length of the placeholder videos (scripts/draw-demo-portraits.mjs). */
const SECONDS = 4;

/**
 * The portraits: `media` is their key in demo-portraits.media.ts, whose drawings carry the same
 * first name and job. Tags are the job families of the demo's trainings, as the public reads them.
 */
export const DEMO_PORTRAITS = [
	{
		media: 'camille',
		title: 'Portrait de démonstration : piloter une ligne de verre',
		firstName: 'Camille',
		job: 'Conductrice de ligne de production',
		firm: 'glass',
		sector: 'Verre',
		trainingPath: 'Bac pro Pilote de ligne de production, puis un CDI après son alternance (parcours fictif)',
		quote: 'Je surveille le four et la ligne, et je règle les machines quand le verre change. (Citation inventée pour la démonstration.)',
		tags: ['conduite de ligne', 'verrerie']
	},
	{
		media: 'yasmine',
		title: 'Portrait de démonstration : la maintenance au quotidien',
		firstName: 'Yasmine',
		job: 'Technicienne de maintenance',
		firm: 'maintenance',
		sector: 'Maintenance industrielle',
		trainingPath: 'BTS Maintenance des systèmes de production en apprentissage (parcours fictif)',
		quote: 'Quand une machine s’arrête, c’est à moi de comprendre pourquoi. (Citation inventée pour la démonstration.)',
		tags: ['maintenance', 'automatisme et robotique']
	},
	{
		media: 'manon',
		title: 'Portrait de démonstration : souder et former le métal',
		firstName: 'Manon',
		job: 'Chaudronnière soudeuse',
		firm: 'metal',
		sector: 'Métallurgie',
		trainingPath: 'Bac pro Technicien en chaudronnerie industrielle (parcours fictif)',
		quote: 'J’aime voir une pièce naître d’une simple tôle. (Citation inventée pour la démonstration.)',
		tags: ['soudure et chaudronnerie']
	},
	{
		media: 'aicha',
		title: 'Portrait de démonstration : garantir la qualité',
		firstName: 'Aïcha',
		job: 'Technicienne qualité',
		firm: 'glass',
		sector: 'Verre',
		trainingPath: 'BTS Conception des processus de réalisation de produits (parcours fictif)',
		quote: 'Je mesure, je contrôle, et je fais progresser toute l’équipe. (Citation inventée pour la démonstration.)',
		tags: ['qualité', 'verrerie']
	}
] as const;

const captions = (p: (typeof DEMO_PORTRAITS)[number]) => `WEBVTT

00:00:00.000 --> 00:00:02.000
[Portrait de démonstration : ${p.firstName} est un personnage fictif.]

00:00:02.000 --> 00:00:04.000
[Vidéo générée, sans son : elle remplace un vrai portrait filmé.]
`;

const transcript = (p: (typeof DEMO_PORTRAITS)[number]) =>
	`Portrait de démonstration. ${p.firstName}, ${p.job.toLocaleLowerCase('fr')}, est un personnage inventé pour le jeu de démonstration ; ` +
	`la vidéo est une image générée de ${SECONDS} secondes, sans son ni parole. ${p.quote}`;

function addDays(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** The invented firms, created once in the territory (the demo's role models work there too). */
export async function ensureDemoFirms(db: Db, scope: TerritoryScope): Promise<Record<keyof typeof DEMO_FIRMS, number>> {
	const existing = await listOrganisations(db, scope);
	const ids = {} as Record<keyof typeof DEMO_FIRMS, number>;
	for (const [key, firm] of Object.entries(DEMO_FIRMS) as [keyof typeof DEMO_FIRMS, (typeof DEMO_FIRMS)[keyof typeof DEMO_FIRMS]][]) {
		const found = existing.find((o) => o.name === firm.name);
		const row =
			found ??
			(await insertOrganisation(db, scope, {
				name: firm.name,
				kind: 'firm',
				communeCode: null,
				parentId: null,
				description: 'Entreprise fictive du jeu de démonstration, créée pour ses portraits.'
			}));
		ids[key] = row.id;
	}
	return ids;
}

/**
 * Adds the fictional portraits, online today: published, consent signed two months ago for the
 * website and screenings, ending in five years. Only ever called on the demo territory. Files
 * written before a failure are removed.
 */
export async function addDemoPortraits(db: Db, scope: TerritoryScope, today: string): Promise<number> {
	// Loaded only here: the ~190 KB of embedded media stay out of the server's memory otherwise.
	const { DEMO_PORTRAIT_MEDIA } = await import('./demo-portraits.media');
	const dir = portraitsDir(scope);
	const written: StoredFile[] = [];
	try {
		const firms = await ensureDemoFirms(db, scope);
		for (const [index, p] of DEMO_PORTRAITS.entries()) {
			const media = DEMO_PORTRAIT_MEDIA[p.media]!;
			const video = await storeBytes(Buffer.from(media.video, 'base64'), dir, { maxBytes: 5 * 1024 * 1024, types: VIDEO_TYPES });
			written.push(video);
			const poster = await storeBytes(Buffer.from(media.poster, 'base64'), dir, {
				maxBytes: PORTRAIT_LIMITS.posterMegabytes * 1024 * 1024,
				types: POSTER_TYPES
			});
			written.push(poster);
			const signedOn = addDays(today, -60);
			await insertPortrait(db, scope, {
				title: p.title,
				firstName: p.firstName,
				job: p.job,
				organisationId: firms[p.firm],
				sector: p.sector,
				trainingPath: p.trainingPath,
				quote: p.quote,
				tags: [...p.tags],
				videoFile: video.file,
				videoType: video.type,
				videoSize: video.size,
				videoHash: video.hash,
				posterFile: poster.file,
				posterType: poster.type,
				posterHash: poster.hash,
				durationSeconds: SECONDS,
				captions: captions(p),
				transcript: transcript(p),
				consentSignedOn: signedOn,
				consentScopes: ['website', 'screenings'],
				consentExpiresOn: addDays(today, 5 * 365),
				// The first one is the newest: the gallery and the home page show them in this order.
				publishedAt: new Date(`${addDays(signedOn, 7 - index)}T10:00:00Z`),
				demo: true
			});
		}
	} catch (e) {
		for (const f of written) await removeStored(dir, f.file);
		throw e;
	}
	return DEMO_PORTRAITS.length;
}

/**
 * The files of a territory's portraits (video, poster, signed form), listed before the territory is
 * deleted. Only the files its rows name: never a folder by its number (a test database's territory
 * 2 must not empty a real DATA_DIR's).
 */
export async function demoPortraitFiles(db: Db, scope: TerritoryScope): Promise<string[]> {
	const rows = await listPortraitRows(db, scope);
	return rows.flatMap(({ portrait: p }) => [p.videoFile, p.posterFile, p.consentFormFile].filter((f): f is string => f !== null));
}

/** Removes those files once the rows are gone, then the territory's folder if nothing else is in it. */
export async function removeDemoPortraitFiles(scope: TerritoryScope, files: string[]): Promise<void> {
	const dir = portraitsDir(scope);
	for (const file of files) await removeStored(dir, file);
	await fs.promises.rmdir(dir).catch(() => undefined);
}
