/**
 * What the public reaches of the portraits (the gallery, a portrait's page and media while it is
 * online, its plays as indirect exposure) and the screenings recorded by prescribers. The
 * coordination's library is portraits.usecases.ts.
 */
import fs from 'node:fs';
import { consentCovers, isOnline } from '../../domain/portraits';
import { activityInputSchema } from '../activities/activities.schemas';
import { createActivity } from '../activities/activities.usecases';
import type { Db } from '../db/client';
import { storedPath } from '../files/disk-store';
import { ValidationError, type FieldErrors } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import { todayInParis } from '../shared/paris-time';
import type { Actor, TerritoryScope } from '../shared/scope';
import { PortraitNotFoundError } from './portraits.errors';
import { mayManagePortraits } from './portraits.policy';
import { presentPortraitCard, presentPortraitPage } from './portraits.presenters';
import * as repo from './portraits.repository';
import { screeningPortraitsSchema, type GalleryFilters } from './portraits.schemas';
import { portraitsDir } from './portraits.usecases';

/** The public gallery: online portraits only, filtered by tag, sector or firm, with the filters' choices. */
export async function publicGallery(db: Db, scope: TerritoryScope, filters: GalleryFilters, today = todayInParis()) {
	const online = (await repo.listPublishedRows(db, scope)).filter((r) => isOnline(r.portrait, today));
	const shown = online.filter(
		({ portrait }) =>
			(!filters.tag || portrait.tags.includes(filters.tag)) &&
			(!filters.sector || portrait.sector === filters.sector) &&
			(!filters.firm || portrait.organisationId === filters.firm)
	);
	const firms = new Map(online.filter((r) => r.portrait.organisationId !== null && r.firm).map((r) => [r.portrait.organisationId!, r.firm!]));
	return {
		portraits: shown.map(presentPortraitCard),
		total: online.length,
		choices: {
			tags: [...new Set(online.flatMap((r) => r.portrait.tags))].sort((a, b) => a.localeCompare(b, 'fr')),
			sectors: [...new Set(online.map((r) => r.portrait.sector).filter((s): s is string => Boolean(s)))].sort((a, b) => a.localeCompare(b, 'fr')),
			firms: [...firms.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'))
		}
	};
}

/** The newest online portraits (the home page shows three). */
export async function latestPortraits(db: Db, scope: TerritoryScope, count: number, today = todayInParis()) {
	return (await repo.listPublishedRows(db, scope))
		.filter((r) => isOnline(r.portrait, today))
		.slice(0, count)
		.map(presentPortraitCard);
}

/**
 * A portrait's page: online for everyone; the coordination also sees it offline (a preview, said
 * so on the page). Anything else is a 404, as if it never existed.
 */
export async function portraitPage(db: Db, scope: TerritoryScope, actor: Actor | null, id: number, today = todayInParis()) {
	const found = await repo.findPortrait(db, scope, id);
	if (!found) throw new PortraitNotFoundError();
	const online = isOnline(found.portrait, today);
	const manager = actor !== null && mayManagePortraits(actor.principal, scope.territoryId);
	if (!online && !manager) throw new PortraitNotFoundError();
	return { ...presentPortraitPage(found), online, manager };
}

export type PortraitMedia = 'video' | 'poster' | 'captions' | 'consentForm';

/**
 * A portrait's file for delivery: video, poster and captions while it is online (or to the
 * coordination); the signed consent form to the coordination only. Null: a 404.
 */
export async function portraitFile(db: Db, scope: TerritoryScope, actor: Actor | null, id: number, media: PortraitMedia, today = todayInParis()) {
	const found = await repo.findPortrait(db, scope, id);
	if (!found) return null;
	const p = found.portrait;
	const manager = actor !== null && mayManagePortraits(actor.principal, scope.territoryId);
	const online = isOnline(p, today);
	if (!manager && (media === 'consentForm' || !online)) return null;
	const dir = portraitsDir(scope);
	// Kept by browsers but asked again each time (a 304 costs nothing): a withdrawn consent hides them at once.
	const cacheControl = manager && !online ? 'private, no-store' : 'public, no-cache';
	if (media === 'captions') return p.captions === null ? null : { kind: 'text' as const, text: p.captions, cacheControl };
	const file = media === 'video' ? p.videoFile : media === 'poster' ? p.posterFile : p.consentFormFile;
	const full = storedPath(dir, file);
	if (!full) return null;
	const stat = await fs.promises.stat(full).catch(() => null);
	if (!stat) return null;
	const type = media === 'video' ? p.videoType! : media === 'poster' ? p.posterType! : 'application/pdf';
	const hash = media === 'video' ? p.videoHash! : media === 'poster' ? p.posterHash! : `${stat.size}-${stat.mtimeMs}`;
	return { kind: 'file' as const, path: full, type, size: stat.size, hash, cacheControl: media === 'consentForm' ? 'private, no-store' : cacheControl };
}

/** One play of an online portrait, counted for its day (indirect exposure); nothing about the viewer. */
export async function recordPlay(db: Db, scope: TerritoryScope, id: number, today = todayInParis()): Promise<boolean> {
	const found = await repo.findPortrait(db, scope, id);
	if (!found || !isOnline(found.portrait, today)) return false;
	await repo.addPlay(db, scope, id, today);
	return true;
}

/** Indirect exposure: plays of the public videos, in all and between two days; never added to participations. */
export async function indirectExposure(db: Db, scope: TerritoryScope, range: { from?: string; to?: string } = {}) {
	const plays = await repo.playsByPortrait(db, scope, range);
	return { plays: [...plays.values()].reduce((a, b) => a + b, 0) };
}

/** The portraits a screening may show today: those whose consent covers screenings. */
async function screenable(db: Db, scope: TerritoryScope, today: string) {
	return (await repo.listPortraitRows(db, scope)).filter((r) => r.portrait.videoFile !== null && consentCovers(r.portrait, 'screenings', today));
}

export async function screeningChoices(db: Db, scope: TerritoryScope, today = todayInParis()) {
	return (await screenable(db, scope, today)).map((r) => ({
		id: r.portrait.id,
		title: r.portrait.title,
		firstName: r.portrait.firstName,
		job: r.portrait.job
	}));
}

/**
 * A screening: an activity of the portraits' initiative (type « projection »), with its audience
 * by audience × level as any activity, and the portraits shown, written in one transaction. Who
 * may record it is the activities' rule (activity.create and the initiative's reach).
 */
export async function recordScreening(db: Db, scope: TerritoryScope, actor: Actor, raw: Record<string, unknown>, today = todayInParis()) {
	const chosen = screeningPortraitsSchema.safeParse(raw.portraitIds);
	const allowed = new Set((await screenable(db, scope, today)).map((r) => r.portrait.id));
	const portraitIds = chosen.success ? chosen.data : [];
	let problems: FieldErrors | null = !chosen.success
		? { portraitIds: toFieldErrors(chosen.error)._form ?? { key: 'portraits.screening_portraits_required' as const } }
		: portraitIds.some((pid) => !allowed.has(pid))
			? { portraitIds: { key: 'portraits.screening_portrait_unavailable' as const } }
			: null;
	if (raw.type !== 'screening') problems = { ...(problems ?? {}), type: { key: 'validation.enum' } };
	if (problems) {
		// Every error at once: the activity's own checks, and the portraits'.
		const activity = activityInputSchema(today).safeParse(raw);
		throw new ValidationError({ ...(activity.success ? {} : toFieldErrors(activity.error)), ...problems });
	}
	return createActivity(db, scope, actor, raw, { today, link: (tx, activityId) => repo.linkScreening(tx, scope, activityId, portraitIds) });
}
