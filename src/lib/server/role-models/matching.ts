import { TZDate } from '@date-fns/tz';
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { geoDistance } from 'd3-geo';
import type { Db } from '../db/client';
import { interventionRequests, interventionSpeakers } from '../interventions/interventions.table';
import { organisations } from '../organisations/organisations.table';
import type { TerritoryScope } from '../shared/scope';
import { listCommuneCentres, listCommunes } from '../territories/territories.repository';
import { networks, roleModelAvailability, roleModelNetworks, roleModelProfiles } from './role-models.table';

/** What matching needs to know of a request. */
export interface MatchRequest {
	networkId: number | null;
	startsAt: Date | null;
	endsAt: Date | null;
	wishedFrom: string;
	wishedTo: string;
	audience: string;
	level: string;
	communeCode: string;
}

/** One reason of a rank, as a message-catalogue key and its parameters. */
export interface MatchReason {
	key: string;
	params?: Record<string, string | number>;
}

export interface RankedRoleModel {
	profileId: number;
	firstName: string;
	lastName: string;
	email: string;
	score: number;
	reasons: MatchReason[];
	/** Away on the intervention's date (or the whole wished period): ranked last, whatever her score. */
	excluded?: boolean;
}

/** Without the territory's commune outlines, proximity reads by commune and EPCI only: pages say so. */
export const MATCHING_NOTE_KEY = 'matching.note.no_distance';

/** Distance between commune centres, once the outlines are imported: points by band, nearest first. */
export const DISTANCE_BANDS = [
	{ km: 10, points: 10 },
	{ km: 20, points: 6 },
	{ km: 40, points: 3 }
] as const;
const EARTH_KM = 6371;

/** Points of each criterion: what weighs most is being in the right network and free on the day. */
export const MATCH_POINTS = {
	network: 30,
	oneOff: 25,
	weekly: 20,
	audience: 10,
	level: 10,
	noPreference: 5,
	sameCommune: 20,
	sameEpci: 10,
	wholeTerritory: 5,
	/** Load: this many points with no accepted intervention in 90 days, minus `perRecent` for each one. */
	load: 15,
	perRecent: 5
} as const;

export const RECENT_LOAD_DAYS = 90;
/** Wished periods are read day by day up to this length. */
const MAX_PERIOD_DAYS = 366;

export interface AvailabilitySlot {
	kind: string;
	weekday: number | null;
	startTime: string | null;
	endTime: string | null;
	onDate: string | null;
	fromDate: string | null;
	toDate: string | null;
}

/** A role model as matching sees her. */
export interface MatchCandidate {
	profileId: number;
	firstName: string;
	lastName: string;
	email: string;
	networkIds: readonly number[];
	availability: readonly AvailabilitySlot[];
	preferredAudiences: readonly string[];
	preferredLevels: readonly string[];
	reachCommunes: readonly string[];
	reachEpcis: readonly string[];
	/** Her firm's commune, when known. */
	firmCommune: string | null;
	/** Interventions she took part in over the last RECENT_LOAD_DAYS days (past ones only). */
	recentAccepted: number;
}

/** The territory around the request: EPCI of each commune, names for the reasons. */
export interface MatchContext {
	networkName: string | null;
	communeEpci: ReadonlyMap<string, string>;
	communeNames: ReadonlyMap<string, string>;
	/** Commune centres (longitude, latitude) when the outlines are known; empty otherwise. */
	centres: ReadonlyMap<string, readonly [number, number]>;
}

/** The shortest distance, in km, from the request's commune to where she works or can go; null without centres. */
function nearestKm(candidate: MatchCandidate, commune: string, context: MatchContext): number | null {
	const target = context.centres.get(commune);
	if (!target) return null;
	const places = [
		...candidate.reachCommunes,
		...[...context.communeEpci].filter(([, epci]) => candidate.reachEpcis.includes(epci)).map(([code]) => code),
		...(candidate.firmCommune ? [candidate.firmCommune] : [])
	];
	const distances = places
		.map((code) => context.centres.get(code))
		.filter((c) => c !== undefined)
		.map((c) => geoDistance([c[0], c[1]], [target[0], target[1]]) * EARTH_KM);
	return distances.length ? Math.min(...distances) : null;
}

interface Day {
	iso: string;
	/** ISO weekday: 1 = Monday … 7 = Sunday. */
	weekday: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Paris calendar day and clock time of an instant. */
function parisParts(instant: Date) {
	const d = new TZDate(instant, 'Europe/Paris');
	return {
		iso: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
		weekday: d.getDay() === 0 ? 7 : d.getDay(),
		time: `${pad(d.getHours())}:${pad(d.getMinutes())}`
	};
}

/** The days the request may happen on: its date when set, else every day of the wished period. */
function candidateDays(request: MatchRequest): { days: Day[]; window: { start: string; end: string } | null } {
	if (request.startsAt) {
		const start = parisParts(request.startsAt);
		const end = request.endsAt ? parisParts(request.endsAt) : null;
		return { days: [{ iso: start.iso, weekday: start.weekday }], window: { start: start.time, end: end && end.iso === start.iso ? end.time : start.time } };
	}
	const days: Day[] = [];
	const from = new Date(`${request.wishedFrom}T00:00:00Z`);
	const to = new Date(`${request.wishedTo}T00:00:00Z`);
	for (let d = from; d <= to && days.length < MAX_PERIOD_DAYS; d = new Date(d.getTime() + 86_400_000)) {
		days.push({ iso: d.toISOString().slice(0, 10), weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay() });
	}
	return { days, window: null };
}

/** Whether a slot's hours hold the intervention's (a slot without hours holds the whole day). */
const covers = (slot: AvailabilitySlot, window: { start: string; end: string } | null) =>
	!window || !slot.startTime || !slot.endTime || (slot.startTime <= window.start && slot.endTime >= window.end);

/**
 * Scores one role model for a request: pure, each criterion giving points and a reason in words
 * (a catalogue key and its parameters). Away on the date (or the whole period) marks her
 * excluded: she is ranked last, with the reason.
 */
export function scoreRoleModel(
	candidate: MatchCandidate,
	request: MatchRequest,
	context: MatchContext
): { score: number; reasons: MatchReason[]; excluded: boolean } {
	const reasons: MatchReason[] = [];
	let score = 0;
	let excluded = false;

	// Network fit.
	if (request.networkId !== null) {
		if (candidate.networkIds.includes(request.networkId)) {
			score += MATCH_POINTS.network;
			reasons.push({ key: 'matching.reason.network', params: { network: context.networkName ?? '' } });
		} else reasons.push({ key: 'matching.reason.other_network' });
	}

	// Availability on the wished dates.
	const { days, window } = candidateDays(request);
	const aways = candidate.availability.filter((a) => a.kind === 'away' && a.fromDate && a.toDate);
	const awayOn = (day: Day) => aways.find((a) => a.fromDate! <= day.iso && day.iso <= a.toDate!);
	const free = days.filter((d) => !awayOn(d));
	const away = days.map(awayOn).find(Boolean);
	if (days.length > 0 && free.length === 0 && away) {
		excluded = true;
		reasons.push({ key: 'matching.reason.away', params: { from: away.fromDate!, to: away.toDate! } });
	} else {
		if (away) reasons.push({ key: 'matching.reason.away_partly', params: { from: away.fromDate!, to: away.toDate! } });
		const oneOff = free
			.map((day) => ({ day, slot: candidate.availability.find((a) => a.kind === 'date' && a.onDate === day.iso && covers(a, window)) }))
			.find((m) => m.slot);
		const weekly = free
			.map((day) => ({ day, slot: candidate.availability.find((a) => a.kind === 'weekly' && a.weekday === day.weekday && covers(a, window)) }))
			.find((m) => m.slot);
		if (oneOff) {
			score += MATCH_POINTS.oneOff;
			reasons.push({ key: 'matching.reason.one_off', params: { date: oneOff.day.iso } });
		} else if (weekly) {
			score += MATCH_POINTS.weekly;
			reasons.push({
				key: 'matching.reason.weekly_slot',
				params: { start: weekly.slot!.startTime ?? '', end: weekly.slot!.endTime ?? '', date: weekly.day.iso }
			});
		} else reasons.push({ key: 'matching.reason.no_availability' });
	}

	// Audience and level preferences.
	if (candidate.preferredAudiences.length === 0 && candidate.preferredLevels.length === 0) {
		score += MATCH_POINTS.noPreference;
		reasons.push({ key: 'matching.reason.no_preference' });
	} else {
		const audience = candidate.preferredAudiences.includes(request.audience);
		const level = candidate.preferredLevels.includes(request.level);
		if (audience) {
			score += MATCH_POINTS.audience;
			reasons.push({ key: 'matching.reason.audience' });
		}
		if (level) {
			score += MATCH_POINTS.level;
			reasons.push({ key: 'matching.reason.level' });
		}
		if (!audience && !level) reasons.push({ key: 'matching.reason.other_preference' });
	}

	// Proximity: her reach lists, else her firm's commune.
	const commune = request.communeCode;
	const epci = context.communeEpci.get(commune);
	const communeName = context.communeNames.get(commune) ?? commune;
	const reachAll = candidate.reachCommunes.length === 0 && candidate.reachEpcis.length === 0;
	const epciOf = (code: string | null) => (code ? context.communeEpci.get(code) : undefined);
	if (candidate.reachCommunes.includes(commune)) {
		score += MATCH_POINTS.sameCommune;
		reasons.push({ key: 'matching.reason.same_commune', params: { commune: communeName } });
	} else if (candidate.firmCommune === commune) {
		score += MATCH_POINTS.sameCommune;
		reasons.push({ key: 'matching.reason.firm_commune', params: { commune: communeName } });
	} else if (
		epci !== undefined &&
		(candidate.reachEpcis.includes(epci) || candidate.reachCommunes.some((c) => epciOf(c) === epci) || epciOf(candidate.firmCommune) === epci)
	) {
		score += MATCH_POINTS.sameEpci;
		reasons.push({ key: 'matching.reason.same_epci' });
	} else if (reachAll) {
		score += MATCH_POINTS.wholeTerritory;
		reasons.push({ key: 'matching.reason.territory' });
	} else reasons.push({ key: 'matching.reason.elsewhere' });
	const km = nearestKm(candidate, commune, context);
	if (km !== null) {
		score += DISTANCE_BANDS.find((band) => km <= band.km)?.points ?? 0;
		reasons.push({ key: 'matching.reason.distance', params: { km: Math.round(km) } });
	}

	// Recent load: spread the effort.
	score += Math.max(0, MATCH_POINTS.load - MATCH_POINTS.perRecent * candidate.recentAccepted);
	reasons.push({ key: 'matching.reason.load', params: { count: candidate.recentAccepted } });

	return { score, reasons, excluded };
}

/** Best first: those away last, then by score, then the least solicited, then by name. */
export function rankCandidates(candidates: readonly MatchCandidate[], request: MatchRequest, context: MatchContext): RankedRoleModel[] {
	const collator = new Intl.Collator('fr');
	return candidates
		.map((c) => ({ c, ...scoreRoleModel(c, request, context) }))
		.sort(
			(a, b) =>
				Number(a.excluded) - Number(b.excluded) ||
				b.score - a.score ||
				a.c.recentAccepted - b.c.recentAccepted ||
				collator.compare(a.c.lastName, b.c.lastName) ||
				a.c.profileId - b.c.profileId
		)
		.map(({ c, score, reasons, excluded }) => ({
			profileId: c.profileId,
			firstName: c.firstName,
			lastName: c.lastName,
			email: c.email,
			score,
			reasons,
			excluded
		}));
}

/**
 * The territory's active role models ranked for a request, best first, each with its reasons
 * (network, availability on the wished dates, audience/level preference, proximity, recent load).
 * Inactive profiles never appear.
 */
export async function rankRoleModels(db: Db, scope: TerritoryScope, request: MatchRequest, options: { now?: Date } = {}): Promise<RankedRoleModel[]> {
	const now = options.now ?? new Date();
	const profiles = await db
		.select({ profile: roleModelProfiles, firmCommune: organisations.communeCode })
		.from(roleModelProfiles)
		.leftJoin(organisations, and(eq(organisations.id, roleModelProfiles.organisationId), eq(organisations.territoryId, scope.territoryId)))
		.where(and(eq(roleModelProfiles.territoryId, scope.territoryId), eq(roleModelProfiles.active, true)))
		.orderBy(asc(roleModelProfiles.lastName));
	if (profiles.length === 0) return [];
	const ids = profiles.map((p) => p.profile.id);
	const since = new Date(now.getTime() - RECENT_LOAD_DAYS * 86_400_000);
	const [memberships, slots, loads, communes, network, centres] = await Promise.all([
		db
			.select()
			.from(roleModelNetworks)
			.where(and(eq(roleModelNetworks.territoryId, scope.territoryId), inArray(roleModelNetworks.profileId, ids))),
		db
			.select()
			.from(roleModelAvailability)
			.where(and(eq(roleModelAvailability.territoryId, scope.territoryId), inArray(roleModelAvailability.profileId, ids))),
		db
			.select({ profileId: interventionSpeakers.profileId, n: sql<number>`count(*)::int` })
			.from(interventionSpeakers)
			.innerJoin(interventionRequests, eq(interventionRequests.id, interventionSpeakers.requestId))
			.where(
				and(
					eq(interventionSpeakers.territoryId, scope.territoryId),
					eq(interventionSpeakers.status, 'accepted'),
					inArray(interventionSpeakers.profileId, ids),
					// Interventions that took place in the window: a future one is no load yet.
					gte(interventionRequests.startsAt, since),
					lte(interventionRequests.startsAt, now)
				)
			)
			.groupBy(interventionSpeakers.profileId),
		listCommunes(db, scope),
		request.networkId
			? db
					.select({ name: networks.name })
					.from(networks)
					.where(and(eq(networks.territoryId, scope.territoryId), eq(networks.id, request.networkId)))
					.limit(1)
			: Promise.resolve([]),
		listCommuneCentres(db, scope)
	]);
	const load = new Map(loads.map((l) => [l.profileId, Number(l.n)]));
	const candidates: MatchCandidate[] = profiles.map(({ profile: p, firmCommune }) => ({
		profileId: p.id,
		firstName: p.firstName,
		lastName: p.lastName,
		email: p.email,
		networkIds: memberships.filter((m) => m.profileId === p.id).map((m) => m.networkId),
		availability: slots.filter((s) => s.profileId === p.id),
		preferredAudiences: p.preferredAudiences,
		preferredLevels: p.preferredLevels,
		reachCommunes: p.reachCommunes,
		reachEpcis: p.reachEpcis,
		firmCommune: firmCommune ?? null,
		recentAccepted: load.get(p.id) ?? 0
	}));
	return rankCandidates(candidates, request, {
		networkName: network[0]?.name ?? null,
		communeEpci: new Map(communes.map((c) => [c.codeInsee, c.epciSiren])),
		communeNames: new Map(communes.map((c) => [c.codeInsee, c.name])),
		centres
	});
}
