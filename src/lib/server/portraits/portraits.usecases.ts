/**
 * The portraits library: the coordination adds a portrait, its video (streamed to disk), poster,
 * captions, transcript and the filmed person's consent, then publishes it. What the public reaches
 * (online portraits, plays, screenings) is portraits.public.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { consentCovers, isOnline, missingForPublication, PORTRAIT_LIMITS, POSTER_TYPES } from '../../domain/portraits';
import { can } from '../accounts/permissions';
import { entityHistory, recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { mediaDir, removeStored, storeBytes, StoreRefusedError, type StoredFile } from '../files/disk-store';
import { extractPoster, probeDuration, type MediaTools } from '../files/media-tools';
import { ValidationError } from '../shared/errors';
import { parseWith } from '../shared/form';
import { todayInParis } from '../shared/paris-time';
import type { Actor, TerritoryScope } from '../shared/scope';
import { fieldError, PortraitNotFoundError } from './portraits.errors';
import { mayManagePortraits } from './portraits.policy';
import * as repo from './portraits.repository';
import type { PortraitRow } from './portraits.repository';
import { captionsProblem, consentSchema, portraitInputSchema, transcriptSchema } from './portraits.schemas';

const ENTITY = 'portrait';
const MB = 1024 * 1024;
export const VIDEO_MAX_BYTES = Number(process.env.VIDEO_MAX_MB ?? 500) * MB;
export const portraitsDir = (scope: TerritoryScope) => mediaDir('portraits', scope.territoryId);

function requireManager(actor: Actor, scope: TerritoryScope) {
	if (!mayManagePortraits(actor.principal, scope.territoryId)) throw new PortraitNotFoundError();
}

async function managed(db: Db, scope: TerritoryScope, actor: Actor, id: number, forUpdate = false): Promise<PortraitRow> {
	requireManager(actor, scope);
	const found = await repo.findPortrait(db, scope, id, { forUpdate });
	if (!found) throw new PortraitNotFoundError();
	return found.portrait;
}

/** What the audit keeps of a portrait: its text fields and the state of its pieces, never file names. */
function snapshot(p: PortraitRow) {
	return {
		title: p.title,
		firstName: p.firstName,
		job: p.job,
		organisationId: p.organisationId,
		sector: p.sector,
		trainingPath: p.trainingPath,
		quote: p.quote,
		tags: p.tags,
		durationSeconds: p.durationSeconds
	};
}

async function checkFirm(db: Db, scope: TerritoryScope, organisationId: number | null) {
	if (organisationId !== null && !(await repo.organisationExists(db, scope, organisationId))) throw fieldError('organisationId', 'validation.enum');
}

export type PortraitStatus = 'online' | 'draft' | 'consent_ended' | 'consent_withdrawn';

export function portraitStatus(p: PortraitRow, today: string): PortraitStatus {
	if (p.consentWithdrawnAt) return 'consent_withdrawn';
	if (isOnline(p, today)) return 'online';
	if (p.consentExpiresOn !== null && p.consentExpiresOn < today) return 'consent_ended';
	return 'draft';
}

/** The coordination's library: every portrait with its state, what it lacks, its plays and screenings. */
export async function listPortraits(db: Db, scope: TerritoryScope, actor: Actor, today = todayInParis()) {
	requireManager(actor, scope);
	const [rows, plays, screenings] = await Promise.all([
		repo.listPortraitRows(db, scope),
		repo.playsByPortrait(db, scope),
		repo.screeningsByPortrait(db, scope)
	]);
	return rows.map(({ portrait, firm }) => ({
		id: portrait.id,
		title: portrait.title,
		firstName: portrait.firstName,
		job: portrait.job,
		firm,
		demo: portrait.demo,
		status: portraitStatus(portrait, today),
		missing: missingForPublication(portrait, today),
		consentExpiresOn: portrait.consentExpiresOn,
		plays: plays.get(portrait.id) ?? 0,
		screenings: screenings.get(portrait.id) ?? 0
	}));
}

export async function portraitFormOptions(db: Db, scope: TerritoryScope, actor: Actor) {
	requireManager(actor, scope);
	return { firms: await repo.listFirmOptions(db, scope) };
}

export async function createPortrait(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	requireManager(actor, scope);
	const input = parseWith(portraitInputSchema, raw);
	return db.transaction(async (tx) => {
		await checkFirm(tx, scope, input.organisationId);
		const row = await repo.insertPortrait(tx, scope, input);
		await recordAudit(tx, scope, actor, { action: 'create', entityType: ENTITY, entityId: row.id, after: snapshot(row) });
		return row;
	});
}

export async function updatePortrait(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown) {
	requireManager(actor, scope);
	const input = parseWith(portraitInputSchema, raw);
	await db.transaction(async (tx) => {
		const before = await managed(tx, scope, actor, id, true);
		await checkFirm(tx, scope, input.organisationId);
		// A duration read from the video is kept when nothing is typed.
		const values = { ...input, durationSeconds: input.durationSeconds ?? before.durationSeconds };
		const after = await repo.updatePortraitRow(tx, scope, id, values);
		await recordAudit(tx, scope, actor, { action: 'update', entityType: ENTITY, entityId: id, before: snapshot(before), after: snapshot(after!) });
	});
}

/** The editor page: the portrait, its state, what it lacks before publication, its counts and history. */
export async function portraitEditor(db: Db, scope: TerritoryScope, actor: Actor, id: number, today = todayInParis()) {
	const portrait = await managed(db, scope, actor, id);
	const [options, plays, screenings, history] = await Promise.all([
		portraitFormOptions(db, scope, actor),
		repo.playsByPortrait(db, scope),
		repo.screeningsByPortrait(db, scope),
		can(actor.principal, 'audit.read', scope.territoryId) ? entityHistory(db, scope, ENTITY, id) : Promise.resolve(null)
	]);
	return {
		portrait: {
			id: portrait.id,
			title: portrait.title,
			firstName: portrait.firstName,
			job: portrait.job,
			organisationId: portrait.organisationId,
			sector: portrait.sector,
			trainingPath: portrait.trainingPath,
			quote: portrait.quote,
			tags: portrait.tags,
			durationSeconds: portrait.durationSeconds,
			video: portrait.videoFile ? { type: portrait.videoType, size: portrait.videoSize } : null,
			poster: portrait.posterFile !== null,
			captions: portrait.captions,
			transcript: portrait.transcript,
			consent: {
				signedOn: portrait.consentSignedOn,
				scopes: portrait.consentScopes,
				expiresOn: portrait.consentExpiresOn,
				form: portrait.consentFormFile !== null,
				withdrawnAt: portrait.consentWithdrawnAt?.toISOString() ?? null
			},
			publishedAt: portrait.publishedAt?.toISOString() ?? null,
			demo: portrait.demo
		},
		status: portraitStatus(portrait, today),
		missing: missingForPublication(portrait, today),
		plays: plays.get(id) ?? 0,
		screenings: screenings.get(id) ?? 0,
		options,
		history,
		videoMaxMegabytes: Math.round(VIDEO_MAX_BYTES / MB)
	};
}

const refusalKey = {
	video: { empty: 'portraits.video_required', too_large: 'portraits.video_too_large', type: 'portraits.video_type' },
	poster: { empty: 'portraits.poster_required', too_large: 'portraits.poster_too_large', type: 'portraits.poster_type' },
	consentForm: { empty: 'portraits.consent_form_required', too_large: 'portraits.consent_form_too_large', type: 'portraits.consent_form_type' }
} as const;

/** A refused file as the French message next to its field. */
export function fileRefusal(field: keyof typeof refusalKey, e: unknown): unknown {
	if (!(e instanceof StoreRefusedError)) return e;
	const max =
		field === 'video' ? Math.round(VIDEO_MAX_BYTES / MB) : field === 'poster' ? PORTRAIT_LIMITS.posterMegabytes : PORTRAIT_LIMITS.consentFormMegabytes;
	return fieldError(field, refusalKey[field][e.reason], { max });
}

/**
 * The video has been streamed to disk (`stored`, checked by its bytes): it replaces the previous
 * one. Its duration is read with ffprobe and, without a poster, one is taken from it with ffmpeg,
 * when the machine has them. A stored file no row names any more is removed.
 */
export async function attachVideo(db: Db, scope: TerritoryScope, actor: Actor, id: number, stored: StoredFile, tools: MediaTools) {
	const dir = portraitsDir(scope);
	try {
		await managed(db, scope, actor, id);
	} catch (e) {
		await removeStored(dir, stored.file);
		throw e;
	}
	const videoPath = path.join(dir, stored.file);
	const duration = await probeDuration(tools, videoPath);
	let poster: StoredFile | null = null;
	const frame = path.join(dir, `.frame-${randomUUID()}.jpg`);
	if (await extractPoster(tools, videoPath, frame)) {
		poster = await storeBytes(await fs.promises.readFile(frame), dir, { maxBytes: PORTRAIT_LIMITS.posterMegabytes * MB, types: POSTER_TYPES }).catch(
			() => null
		);
		await fs.promises.rm(frame, { force: true });
	}
	const replaced = await db.transaction(async (tx) => {
		const before = await managed(tx, scope, actor, id, true);
		const keepPoster = before.posterFile !== null;
		await repo.updatePortraitRow(tx, scope, id, {
			videoFile: stored.file,
			videoType: stored.type,
			videoSize: stored.size,
			videoHash: stored.hash,
			durationSeconds: duration ?? before.durationSeconds,
			...(poster && !keepPoster ? { posterFile: poster.file, posterType: poster.type, posterHash: poster.hash } : {})
		});
		await recordAudit(tx, scope, actor, {
			action: 'video_upload',
			entityType: ENTITY,
			entityId: id,
			before: before.videoFile ? { videoType: before.videoType, videoSize: before.videoSize } : { video: null },
			after: { videoType: stored.type, videoSize: stored.size, durationSeconds: duration ?? before.durationSeconds }
		});
		return { video: before.videoFile, unusedPoster: keepPoster ? (poster?.file ?? null) : null };
	});
	await removeStored(dir, replaced.video);
	await removeStored(dir, replaced.unusedPoster);
	return { durationSeconds: duration, posterFromVideo: poster !== null && replaced.unusedPoster === null };
}

/** A poster image (JPEG, PNG, WebP by its bytes, 5 MB at most) replaces the previous one. */
export async function uploadPoster(db: Db, scope: TerritoryScope, actor: Actor, id: number, upload: File | null) {
	await managed(db, scope, actor, id);
	const dir = portraitsDir(scope);
	const bytes = upload && upload.size > 0 ? new Uint8Array(await upload.arrayBuffer()) : new Uint8Array();
	const stored = await storeBytes(bytes, dir, { maxBytes: PORTRAIT_LIMITS.posterMegabytes * MB, types: POSTER_TYPES }).catch((e: unknown) => {
		throw fileRefusal('poster', e);
	});
	const previous = await db.transaction(async (tx) => {
		const before = await managed(tx, scope, actor, id, true);
		await repo.updatePortraitRow(tx, scope, id, { posterFile: stored.file, posterType: stored.type, posterHash: stored.hash });
		await recordAudit(tx, scope, actor, {
			action: 'poster_upload',
			entityType: ENTITY,
			entityId: id,
			after: { posterType: stored.type, posterSize: stored.size }
		});
		return before.posterFile;
	});
	await removeStored(dir, previous);
}

/** WebVTT captions, from a .vtt file or pasted: checked (signature, at least one timed cue). */
export async function setCaptions(db: Db, scope: TerritoryScope, actor: Actor, id: number, input: { text: string; file: File | null }) {
	await managed(db, scope, actor, id);
	const text =
		input.file && input.file.size > 0
			? input.file.size > PORTRAIT_LIMITS.captionsBytes
				? 'x'.repeat(PORTRAIT_LIMITS.captionsBytes + 1)
				: await input.file.text()
			: input.text;
	const problem = captionsProblem(text);
	if (problem) throw fieldError('captions', problem, { max: Math.round(PORTRAIT_LIMITS.captionsBytes / 1024) });
	const captions = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	await db.transaction(async (tx) => {
		const before = await managed(tx, scope, actor, id, true);
		await repo.updatePortraitRow(tx, scope, id, { captions });
		await recordAudit(tx, scope, actor, {
			action: 'captions',
			entityType: ENTITY,
			entityId: id,
			before: { captions: before.captions !== null },
			after: { captions: true }
		});
	});
}

export async function setTranscript(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown) {
	await managed(db, scope, actor, id);
	const { transcript } = parseWith(transcriptSchema, raw);
	await db.transaction(async (tx) => {
		const before = await managed(tx, scope, actor, id, true);
		await repo.updatePortraitRow(tx, scope, id, { transcript });
		await recordAudit(tx, scope, actor, {
			action: 'transcript',
			entityType: ENTITY,
			entityId: id,
			before: { transcript: before.transcript !== null },
			after: { transcript: true }
		});
	});
}

/**
 * The filmed person's consent: signed on, scopes, end, and the signed form (a PDF, required the
 * first time). A new consent replaces a withdrawn one. A portrait whose new consent no longer
 * covers the website is taken offline in the same transaction.
 */
export async function setConsent(
	db: Db,
	scope: TerritoryScope,
	actor: Actor,
	id: number,
	raw: Record<string, unknown>,
	form: File | null,
	today = todayInParis()
) {
	const current = await managed(db, scope, actor, id);
	const input = parseWith(consentSchema(today), raw);
	const dir = portraitsDir(scope);
	const hasFile = form !== null && form.size > 0;
	if (!hasFile && current.consentFormFile === null) throw fieldError('consentForm', 'portraits.consent_form_required');
	const stored = hasFile
		? await storeBytes(new Uint8Array(await form.arrayBuffer()), dir, {
				maxBytes: PORTRAIT_LIMITS.consentFormMegabytes * MB,
				types: ['application/pdf']
			}).catch((e: unknown) => {
				throw fileRefusal('consentForm', e);
			})
		: null;
	const previous = await db.transaction(async (tx) => {
		const before = await managed(tx, scope, actor, id, true);
		const next = { consentSignedOn: input.signedOn, consentScopes: input.scopes, consentExpiresOn: input.expiresOn, consentWithdrawnAt: null };
		const offline = before.publishedAt !== null && !consentCovers(next, 'website', today);
		await repo.updatePortraitRow(tx, scope, id, {
			...next,
			...(stored ? { consentFormFile: stored.file } : {}),
			...(offline ? { publishedAt: null } : {}),
			expiryWarnedFor: null
		});
		await recordAudit(tx, scope, actor, {
			action: 'consent',
			entityType: ENTITY,
			entityId: id,
			before: { consentSignedOn: before.consentSignedOn, consentScopes: before.consentScopes, consentExpiresOn: before.consentExpiresOn },
			after: { consentSignedOn: input.signedOn, consentScopes: input.scopes, consentExpiresOn: input.expiresOn, ...(offline ? { published: false } : {}) }
		});
		return stored ? before.consentFormFile : null;
	});
	await removeStored(dir, previous);
}

/** Withdrawal: the portrait goes offline at once, and stays so until a new consent is recorded. */
export async function withdrawConsent(db: Db, scope: TerritoryScope, actor: Actor, id: number, now = new Date()) {
	await db.transaction(async (tx) => {
		const before = await managed(tx, scope, actor, id, true);
		if (before.consentWithdrawnAt) return;
		await repo.updatePortraitRow(tx, scope, id, { consentWithdrawnAt: now, publishedAt: null });
		await recordAudit(tx, scope, actor, {
			action: 'consent_withdraw',
			entityType: ENTITY,
			entityId: id,
			before: { published: before.publishedAt !== null },
			after: { consentWithdrawnAt: now, published: false }
		});
	});
}

/** Publication: only with its video, poster, captions, transcript and a consent covering the website today. */
export async function publishPortrait(db: Db, scope: TerritoryScope, actor: Actor, id: number, now = new Date()) {
	const today = todayInParis(now);
	await db.transaction(async (tx) => {
		const before = await managed(tx, scope, actor, id, true);
		const missing = missingForPublication(before, today);
		if (missing.length) throw new ValidationError({ _form: { key: 'portraits.publish_missing' } });
		if (before.publishedAt) return;
		await repo.updatePortraitRow(tx, scope, id, { publishedAt: now });
		await recordAudit(tx, scope, actor, { action: 'publish', entityType: ENTITY, entityId: id, before: { published: false }, after: { published: true } });
	});
}

export async function unpublishPortrait(db: Db, scope: TerritoryScope, actor: Actor, id: number) {
	await db.transaction(async (tx) => {
		const before = await managed(tx, scope, actor, id, true);
		if (!before.publishedAt) return;
		await repo.updatePortraitRow(tx, scope, id, { publishedAt: null });
		await recordAudit(tx, scope, actor, { action: 'unpublish', entityType: ENTITY, entityId: id, before: { published: true }, after: { published: false } });
	});
}
