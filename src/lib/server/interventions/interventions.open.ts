/**
 * Interventions open to volunteers: the public list and calendar (places left, « Complet »), and a
 * signed-in role model taking a place in one click, or a place on the waiting list when full.
 */
import * as repo from './interventions.repository';
import { calendarHost } from '../calendar/calendar.usecases';
import { buildCalendar, interventionUid, type CalendarEvent } from '../calendar/ics';
import { type Principal } from '../accounts/permissions';
import { recordAudit } from '../audit/audit.repository';
import { isRoleModelIn } from '../role-models/role-models.policy';
import { myRoleModelProfile } from '../role-models/role-models.usecases';
import { type Db } from '../db/client';
import { translator, type Locale, type MessageKey } from '../../i18n';
import { ValidationError } from '../shared/errors';
import { parisParts } from '../shared/paris-time';
import { type Actor, type TerritoryScope } from '../shared/scope';
import { listCommunes, findTerritoryById } from '../territories/territories.repository';
import { RequestNotFoundError } from './interventions.errors';
import { recipientsOf, sendKind } from './interventions.mail';
import { applyMove, roleModelBy, systemBy } from './interventions.workflow';

/** States in which a volunteer may still take a place. */
export const OPEN_STATES = ['qualified', 'proposed', 'confirmed'] as const;

/** One open intervention as anyone may read it: the organisation (a public body), never its contact. */
export interface OpenIntervention {
	id: number;
	kindFr: string;
	kindEn: string;
	organisationName: string;
	commune: string;
	startsAt: string;
	endsAt: string | null;
	/** Paris day (YYYY-MM-DD), month (YYYY-MM) and times (HH:MM). */
	date: string;
	month: string;
	startTime: string;
	endTime: string | null;
	audience: string;
	level: string;
	expectedSize: number;
	capacityMax: number;
	placesLeft: number;
	full: boolean;
	waiting: number;
}

/** The upcoming interventions open to volunteers of the territory, soonest first. */
export async function listOpenInterventions(db: Db, scope: TerritoryScope, now = new Date()): Promise<OpenIntervention[]> {
	const rows = await repo.listOpenRequests(db, scope, OPEN_STATES, now);
	if (!rows.length) return [];
	const counts = await repo.countSpeakersByStatus(
		db,
		scope,
		rows.map((r) => r.id)
	);
	const countOf = (requestId: number, status: string) => counts.find((c) => c.requestId === requestId && c.status === status)?.count ?? 0;
	const kinds = new Map((await repo.listKinds(db)).map((k) => [k.code, k]));
	const communes = new Map((await listCommunes(db, scope)).map((c) => [c.codeInsee, c.name]));
	return rows.map((r) => {
		const start = parisParts(r.startsAt!);
		const accepted = countOf(r.id, 'accepted');
		const placesLeft = Math.max(0, r.capacityMax - accepted);
		return {
			id: r.id,
			kindFr: kinds.get(r.kindCode)?.labelFr ?? r.kindCode,
			kindEn: kinds.get(r.kindCode)?.labelEn ?? r.kindCode,
			organisationName: r.organisationName,
			commune: communes.get(r.communeCode) ?? r.communeCode,
			startsAt: r.startsAt!.toISOString(),
			endsAt: r.endsAt?.toISOString() ?? null,
			date: start.date,
			month: start.date.slice(0, 7),
			startTime: start.time,
			endTime: r.endsAt ? parisParts(r.endsAt).time : null,
			audience: r.audience,
			level: r.level,
			expectedSize: r.expectedSize,
			capacityMax: r.capacityMax,
			placesLeft,
			full: placesLeft === 0,
			waiting: countOf(r.id, 'waitlisted')
		};
	});
}

export type PlaceStatus = 'accepted' | 'waitlisted';

/**
 * The public page: the open interventions, and for a signed-in role model of the territory, where
 * she stands on each (a place, the waiting list). Anyone else (anonymous, or without a profile)
 * sees the list only.
 */
export async function openInterventionsPage(db: Db, scope: TerritoryScope, principal: Principal | null, now = new Date()) {
	const items = await listOpenInterventions(db, scope, now);
	const profile = principal ? await repo.findProfileOfUser(db, scope, principal.userId) : null;
	const mine: Record<number, PlaceStatus> = {};
	if (profile?.active) {
		for (const r of await repo.listRequestsOfProfile(db, scope, profile.id)) {
			if (r.speakerStatus === 'accepted' || r.speakerStatus === 'waitlisted') mine[r.request.id] = r.speakerStatus;
		}
	}
	// A role model whose account is not linked to her profile yet is linked when she takes a place.
	const roleModel = profile ? profile.active : principal !== null && isRoleModelIn(principal, scope.territoryId);
	return { items, roleModel, mine };
}

/**
 * A signed-in role model takes a place: accepted while places are left, else on the waiting list.
 * A second click says where she already stands. When the places taken reach the minimum, the
 * intervention is confirmed through the workflow (everyone gets the invitation with its .ics);
 * joining one already confirmed, she gets her own. A profile-less account (partner, funder) or an
 * unknown request is a 404 (a form without a request id: a French message); a request not open, past or closed is refused in French.
 */
export async function takePlace(db: Db, scope: TerritoryScope, actor: Actor, requestId: number | null, now = new Date()) {
	if (requestId === null) throw new ValidationError({ _form: { key: 'open.refused.unknown' } });
	// Her account meets her profile (same e-mail) the first time she acts as a role model.
	if (!(await repo.findProfileOfUser(db, scope, actor.userId))) await myRoleModelProfile(db, scope, actor);
	return db.transaction(async (tx) => {
		const profile = await repo.findProfileOfUser(tx, scope, actor.userId);
		if (!profile || !profile.active) throw new RequestNotFoundError();
		const request = await repo.findRequest(tx, scope, 'all', requestId, { forUpdate: true });
		if (!request) throw new RequestNotFoundError();
		if (!request.openToVolunteers) throw new ValidationError({ _form: { key: 'open.refused.not_open' } });
		if (!request.startsAt || request.startsAt.getTime() <= now.getTime()) throw new ValidationError({ _form: { key: 'open.refused.past' } });
		if (!(OPEN_STATES as readonly string[]).includes(request.state)) throw new ValidationError({ _form: { key: 'open.refused.closed' } });
		const speakers = await repo.listSpeakers(tx, scope, request.id);
		const me = speakers.find((s) => s.profileId === profile.id);
		if (me && (me.status === 'accepted' || me.status === 'waitlisted'))
			return { status: me.status as PlaceStatus, already: true, confirmed: request.state === 'confirmed' };
		const accepted = speakers.filter((s) => s.status === 'accepted').length;
		const status: PlaceStatus = accepted >= request.capacityMax ? 'waitlisted' : 'accepted';
		await repo.upsertSpeakerStatus(tx, scope, request.id, profile.id, status, now);
		// Had she been proposed it, her answer links are spent: she answered here.
		await repo.closeAnswerLinks(tx, scope, request.id, profile.id, now);
		const by = roleModelBy(profile.id, actor.userId);
		await recordAudit(tx, scope, by.actor, {
			action: 'take_place',
			entityType: 'intervention_request',
			entityId: request.id,
			before: { profileId: profile.id, status: me?.status ?? null },
			after: { profileId: profile.id, status }
		});
		if (status === 'accepted' && accepted + 1 >= request.capacityMin && request.state !== 'confirmed') {
			await applyMove(tx, scope, request, request.state === 'proposed' ? 'confirm' : 'fill', systemBy(), { now, note: null });
			return { status, already: false, confirmed: true };
		}
		if (status === 'accepted' && request.state === 'confirmed') {
			// Joining a confirmed intervention: her own invitation, and the requester learns who comes.
			await sendKind(tx, scope, request, 'confirmation', [{ email: profile.email, profileId: profile.id }], null, now);
			await sendKind(tx, scope, request, 'speakers_changed', await recipientsOf(tx, scope, request, 'requester', []), null, now);
		}
		return { status, already: false, confirmed: request.state === 'confirmed' };
	});
}

/**
 * The public iCalendar feed of the open interventions: each event keeps the UID of the
 * intervention's invitations, its title says the places left or « Complet ».
 */
export async function openInterventionsIcs(db: Db, scope: TerritoryScope, locale: Locale = 'fr', now = new Date()): Promise<string> {
	const t = translator(locale);
	const territory = await findTerritoryById(db, scope.territoryId);
	const items = await listOpenInterventions(db, scope, now);
	const requests = new Map((await repo.listOpenRequests(db, scope, OPEN_STATES, now)).map((r) => [r.id, r]));
	const host = calendarHost();
	const events: CalendarEvent[] = items.map((i) => {
		const start = new Date(i.startsAt);
		const places = i.full ? t('open.full') : t(`open.places_left.${i.placesLeft === 1 ? 'one' : 'other'}` as MessageKey, { count: i.placesLeft });
		return {
			uid: interventionUid(i.id, host),
			sequence: requests.get(i.id)?.icalSequence ?? 0,
			start,
			end: i.endsAt ? new Date(i.endsAt) : new Date(start.getTime() + 2 * 3_600_000),
			summary: `${locale === 'en' ? i.kindEn : i.kindFr} — ${i.organisationName} (${places})`,
			description: t('open.ics.description', {
				audience: t(`audience.${i.audience}` as MessageKey),
				level: t(`level.${i.level}` as MessageKey),
				size: i.expectedSize
			}),
			location: i.commune
		};
	});
	return buildCalendar({ name: t('open.ics.name', { territory: territory?.name ?? '' }), events });
}

/**
 * A role model gives back her place (or leaves the waiting list) before the date. The first woman
 * on the waiting list then gets the place: her invitation when the intervention is confirmed, or
 * the confirmation of everyone when her place reaches the minimum.
 */
export async function releasePlace(db: Db, scope: TerritoryScope, actor: Actor, requestId: number | null, now = new Date()) {
	if (requestId === null) throw new ValidationError({ _form: { key: 'open.refused.unknown' } });
	return db.transaction(async (tx) => {
		const profile = await repo.findProfileOfUser(tx, scope, actor.userId);
		if (!profile) throw new RequestNotFoundError();
		const request = await repo.findRequest(tx, scope, 'all', requestId, { forUpdate: true });
		if (!request) throw new RequestNotFoundError();
		if (!request.startsAt || request.startsAt.getTime() <= now.getTime()) throw new ValidationError({ _form: { key: 'open.refused.past' } });
		if (!(OPEN_STATES as readonly string[]).includes(request.state)) throw new ValidationError({ _form: { key: 'open.refused.closed' } });
		const speakers = await repo.listSpeakers(tx, scope, request.id);
		const me = speakers.find((s) => s.profileId === profile.id);
		if (!me || (me.status !== 'accepted' && me.status !== 'waitlisted')) return { released: false, promoted: null };
		await repo.setSpeakerStatus(tx, scope, request.id, profile.id, 'withdrawn', now);
		const by = roleModelBy(profile.id, actor.userId);
		await recordAudit(tx, scope, by.actor, {
			action: 'release_place',
			entityType: 'intervention_request',
			entityId: request.id,
			before: { profileId: profile.id, status: me.status },
			after: { profileId: profile.id, status: 'withdrawn' }
		});
		if (me.status !== 'accepted') return { released: true, promoted: null };
		// Confirmed, she had the invitation in her calendar: its cancellation, for her only.
		if (request.state === 'confirmed') await sendKind(tx, scope, request, 'place_released', [{ email: me.email, profileId: me.profileId }], null, now);
		// The first on the waiting list (the earliest to have joined it) gets the place.
		const next = speakers
			.filter((s) => s.status === 'waitlisted')
			.sort((a, b) => (a.answeredAt?.getTime() ?? 0) - (b.answeredAt?.getTime() ?? 0) || a.id - b.id)[0];
		if (next) {
			await repo.setSpeakerStatus(tx, scope, request.id, next.profileId, 'accepted', now);
			await recordAudit(tx, scope, systemBy().actor, {
				action: 'promote_waitlisted',
				entityType: 'intervention_request',
				entityId: request.id,
				before: { profileId: next.profileId, status: 'waitlisted' },
				after: { profileId: next.profileId, status: 'accepted' }
			});
		}
		const accepted = speakers.filter((s) => s.status === 'accepted').length - (next ? 0 : 1);
		if (request.state === 'confirmed') {
			if (accepted < request.capacityMin) {
				// Too few left: no longer confirmed; the coordination looks for someone else, the requester is told.
				await applyMove(tx, scope, request, 'reopen', systemBy(), { now, note: null });
			} else {
				if (next) await sendKind(tx, scope, request, 'confirmation', [{ email: next.email, profileId: next.profileId }], null, now);
				await sendKind(tx, scope, request, 'speakers_changed', await recipientsOf(tx, scope, request, 'requester', []), null, now);
			}
		} else if (next && accepted >= request.capacityMin) {
			await applyMove(tx, scope, request, request.state === 'proposed' ? 'confirm' : 'fill', systemBy(), { now, note: null });
		}
		return { released: true, promoted: next?.profileId ?? null };
	});
}
