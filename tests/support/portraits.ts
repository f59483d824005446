import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/lib/server/db/client';
import { storeStream } from '../../src/lib/server/files/disk-store';
import { NO_MEDIA_TOOLS } from '../../src/lib/server/files/media-tools';
import type { Actor, TerritoryScope } from '../../src/lib/server/shared/scope';
import {
	attachVideo,
	createPortrait,
	portraitsDir,
	publishPortrait,
	setCaptions,
	setConsent,
	setTranscript,
	uploadPoster
} from '../../src/lib/server/portraits/portraits.usecases';

/** A real 3-second WebM (VP8 + Vorbis, 160×90, made with ffmpeg's test pattern) and the same as MP4. */
export const PORTRAIT_WEBM = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/portrait.webm');
export const VIDEO_LIMITS = { maxBytes: 10 * 1024 * 1024, types: ['video/mp4', 'video/webm'] };
export const PNG = Uint8Array.from([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89
]);
export const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const VTT = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nJe conduis une ligne de production de verre.\n';
export const file = (bytes: Uint8Array<ArrayBuffer>, name: string, type: string) => new File([bytes], name, { type });

/**
 * A portrait with everything publication needs (video, poster, captions, transcript, signed
 * consent covering `scopes` until `expiresOn`), written through the use cases; files go under
 * DATA_DIR. `publishAt`: published then.
 */
export async function completePortrait(
	db: Db,
	scope: TerritoryScope,
	actor: Actor,
	options: { scopes?: string[]; signedOn?: string; expiresOn?: string; today?: string; publishAt?: Date } = {}
) {
	const portrait = await createPortrait(db, scope, actor, {
		title: 'Conductrice de ligne',
		firstName: 'Sabrina',
		job: 'Conductrice de ligne',
		tags: 'verrerie, conduite de ligne',
		durationSeconds: '0:03'
	});
	const stored = await storeStream(fs.createReadStream(PORTRAIT_WEBM), portraitsDir(scope), VIDEO_LIMITS);
	await attachVideo(db, scope, actor, portrait.id, stored, NO_MEDIA_TOOLS);
	await uploadPoster(db, scope, actor, portrait.id, file(PNG, 'affiche.png', 'image/png'));
	await setCaptions(db, scope, actor, portrait.id, { text: VTT, file: null });
	await setTranscript(db, scope, actor, portrait.id, { transcript: 'Je conduis une ligne de production de verre.' });
	await setConsent(
		db,
		scope,
		actor,
		portrait.id,
		{ signedOn: options.signedOn ?? '2026-01-05', scopes: options.scopes ?? ['website', 'screenings'], expiresOn: options.expiresOn ?? '2027-01-05' },
		file(PDF, 'consentement.pdf', 'application/pdf'),
		options.today
	);
	if (options.publishAt) await publishPortrait(db, scope, actor, portrait.id, options.publishAt);
	return portrait;
}
