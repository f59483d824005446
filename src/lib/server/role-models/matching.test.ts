import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { adminActor } from '../../../../tests/support/actors';
import { defaultTerritory } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import type { Db } from '../db/client';
import { interventionRequests, interventionSpeakers } from '../interventions/interventions.table';
import { listOrganisations } from '../organisations/organisations.repository';
import type { TerritoryScope } from '../shared/scope';
import { rankCandidates, rankRoleModels, scoreRoleModel, type MatchCandidate, type MatchContext, type MatchRequest } from './matching';
import { addAvailability, createRoleModel, setRoleModelActive } from './role-models.usecases';

const CAPSO = '200069037';
const OTHER_EPCI = '200040947';
const context: MatchContext = {
	networkName: 'Verr’Elles',
	communeEpci: new Map([
		['62765', CAPSO],
		['62040', CAPSO],
		['62014', CAPSO],
		['62001', OTHER_EPCI]
	]),
	communeNames: new Map([
		['62765', 'Saint-Omer'],
		['62040', 'Arques']
	]),
	centres: new Map()
};

/** A classroom talk in Saint-Omer on Tuesday 10 March 2026, 14:00–16:00 Paris time, for girls in collège. */
const talk: MatchRequest = {
	networkId: 1,
	startsAt: new Date('2026-03-10T13:00:00Z'),
	endsAt: new Date('2026-03-10T15:00:00Z'),
	wishedFrom: '2026-03-02',
	wishedTo: '2026-03-20',
	audience: 'girls',
	level: 'college',
	communeCode: '62765'
};

function candidate(id: number, overrides: Partial<MatchCandidate> = {}): MatchCandidate {
	return {
		profileId: id,
		firstName: `Prénom${id}`,
		lastName: `Nom${id}`,
		email: `p${id}@example.org`,
		networkIds: [],
		availability: [],
		preferredAudiences: [],
		preferredLevels: [],
		reachCommunes: [],
		reachEpcis: [],
		firmCommune: null,
		recentAccepted: 0,
		...overrides
	};
}

const slot = (s: Partial<MatchCandidate['availability'][number]>) => ({
	kind: 'weekly',
	weekday: null,
	startTime: null,
	endTime: null,
	onDate: null,
	fromDate: null,
	toDate: null,
	...s
});
const keys = (reasons: { key: string }[]) => reasons.map((r) => r.key);

describe('the matching score, criterion by criterion', () => {
	it('a member of the request’s network outranks a non-member, and the reason names the network', () => {
		const ranked = rankCandidates([candidate(1), candidate(2, { networkIds: [1] })], talk, context);
		expect(ranked.map((r) => r.profileId)).toEqual([2, 1]);
		expect(ranked[0]!.reasons).toContainEqual({ key: 'matching.reason.network', params: { network: 'Verr’Elles' } });
		expect(keys(ranked[1]!.reasons)).toContain('matching.reason.other_network');
	});

	it('a weekly slot counts when it holds the intervention’s day and hours (Paris time), not when it ends before', () => {
		const tuesdayAfternoon = scoreRoleModel(candidate(1, { availability: [slot({ weekday: 2, startTime: '13:30', endTime: '17:00' })] }), talk, context);
		const tuesdayMorning = scoreRoleModel(candidate(2, { availability: [slot({ weekday: 2, startTime: '08:00', endTime: '12:00' })] }), talk, context);
		const thursday = scoreRoleModel(candidate(3, { availability: [slot({ weekday: 4, startTime: '13:00', endTime: '18:00' })] }), talk, context);
		expect(tuesdayAfternoon.reasons).toContainEqual({ key: 'matching.reason.weekly_slot', params: { start: '13:30', end: '17:00', date: '2026-03-10' } });
		expect(keys(tuesdayMorning.reasons)).toContain('matching.reason.no_availability');
		expect(keys(thursday.reasons)).toContain('matching.reason.no_availability');
		expect(tuesdayAfternoon.score).toBeGreaterThan(tuesdayMorning.score);
	});

	it('without a fixed date, a one-off date or a weekly slot inside the wished period counts', () => {
		const undated = { ...talk, startsAt: null, endsAt: null };
		const oneOff = scoreRoleModel(candidate(1, { availability: [slot({ kind: 'date', onDate: '2026-03-18' })] }), undated, context);
		const outside = scoreRoleModel(candidate(2, { availability: [slot({ kind: 'date', onDate: '2026-04-18' })] }), undated, context);
		const friday = scoreRoleModel(candidate(3, { availability: [slot({ weekday: 5, startTime: '09:00', endTime: '12:00' })] }), undated, context);
		expect(oneOff.reasons).toContainEqual({ key: 'matching.reason.one_off', params: { date: '2026-03-18' } });
		expect(keys(outside.reasons)).toContain('matching.reason.no_availability');
		expect(friday.reasons).toContainEqual({ key: 'matching.reason.weekly_slot', params: { start: '09:00', end: '12:00', date: '2026-03-06' } });
	});

	it('away on the intervention’s date ranks her last whatever her score, with the reason', () => {
		const best = candidate(1, {
			networkIds: [1],
			reachCommunes: ['62765'],
			availability: [slot({ weekday: 2, startTime: '13:00', endTime: '18:00' }), slot({ kind: 'away', fromDate: '2026-03-09', toDate: '2026-03-13' })]
		});
		const ranked = rankCandidates([best, candidate(2)], talk, context);
		expect(ranked.map((r) => [r.profileId, r.excluded])).toEqual([
			[2, false],
			[1, true]
		]);
		expect(ranked[1]!.reasons).toContainEqual({ key: 'matching.reason.away', params: { from: '2026-03-09', to: '2026-03-13' } });
	});

	it('away for part of a wished period: still proposed on the other days, the absence said', () => {
		const undated = { ...talk, startsAt: null, endsAt: null };
		const r = scoreRoleModel(
			candidate(1, { availability: [slot({ kind: 'away', fromDate: '2026-03-02', toDate: '2026-03-08' }), slot({ kind: 'date', onDate: '2026-03-12' })] }),
			undated,
			context
		);
		expect(r.excluded).toBe(false);
		expect(keys(r.reasons)).toEqual(expect.arrayContaining(['matching.reason.away_partly', 'matching.reason.one_off']));
	});

	it('audience and level preferences count; no preference counts a little; other preferences nothing', () => {
		const both = scoreRoleModel(candidate(1, { preferredAudiences: ['girls'], preferredLevels: ['college'] }), talk, context);
		const none = scoreRoleModel(candidate(2), talk, context);
		const other = scoreRoleModel(candidate(3, { preferredAudiences: ['women'], preferredLevels: ['job_seekers'] }), talk, context);
		expect(keys(both.reasons)).toEqual(expect.arrayContaining(['matching.reason.audience', 'matching.reason.level']));
		expect(keys(none.reasons)).toContain('matching.reason.no_preference');
		expect(keys(other.reasons)).toContain('matching.reason.other_preference');
		expect(both.score).toBeGreaterThan(none.score);
		expect(none.score).toBeGreaterThan(other.score);
	});

	it('proximity: the same commune, then the same EPCI, then the whole territory, then elsewhere', () => {
		const ranked = rankCandidates(
			[
				candidate(1, { reachCommunes: ['62001'] }),
				candidate(2),
				candidate(3, { reachCommunes: ['62040'] }),
				candidate(4, { reachCommunes: ['62765'] }),
				candidate(5, { firmCommune: '62765', reachEpcis: [OTHER_EPCI] })
			],
			talk,
			context
		);
		expect(ranked.map((r) => r.profileId)).toEqual([4, 5, 3, 2, 1]);
		expect(ranked.map((r) => keys(r.reasons).find((k) => /commune|epci|territory|elsewhere/.test(k)))).toEqual([
			'matching.reason.same_commune',
			'matching.reason.firm_commune',
			'matching.reason.same_epci',
			'matching.reason.territory',
			'matching.reason.elsewhere'
		]);
	});

	it('with the commune centres known, the nearer one ranks first and the reason gives the distance in km', () => {
		// Saint-Omer (2.26 E, 50.75 N); Arques 4 km away; a commune of the other EPCI about 30 km away.
		const withCentres: MatchContext = {
			...context,
			centres: new Map<string, [number, number]>([
				['62765', [2.2547, 50.7503]],
				['62040', [2.3028, 50.7358]],
				['62001', [2.6413, 50.6326]]
			])
		};
		const ranked = rankCandidates(
			[candidate(1, { reachCommunes: ['62001'] }), candidate(2, { firmCommune: '62040', reachEpcis: [OTHER_EPCI] })],
			talk,
			withCentres
		);
		expect(ranked.map((r) => r.profileId)).toEqual([2, 1]);
		const km = (r: (typeof ranked)[number]) => r.reasons.find((reason) => reason.key === 'matching.reason.distance')?.params?.km;
		expect(km(ranked[0]!)).toBe(4);
		expect(Number(km(ranked[1]!))).toBeGreaterThan(25);
		// Without centres, no distance is claimed.
		expect(rankCandidates([candidate(1, { reachCommunes: ['62001'] })], talk, context)[0]!.reasons.map((r) => r.key)).not.toContain('matching.reason.distance');
	});

	it('spreads the effort: fewer interventions accepted over 90 days ranks higher', () => {
		const ranked = rankCandidates(
			[candidate(1, { recentAccepted: 3 }), candidate(2, { recentAccepted: 0 }), candidate(3, { recentAccepted: 1 })],
			talk,
			context
		);
		expect(ranked.map((r) => r.profileId)).toEqual([2, 3, 1]);
		expect(ranked[2]!.reasons).toContainEqual({ key: 'matching.reason.load', params: { count: 3 } });
	});
});

const coordinator = adminActor('coordinatrice');
const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));

async function networkId(db: Db, name: string) {
	const [row] = ((await db.execute(sql`select id from networks where name = ${name}`)) as unknown as { rows: { id: number }[] }).rows;
	return row!.id;
}

/** Accepted interventions of a role model, answered `daysAgo` days before now. */
async function acceptedInterventions(db: Db, scope: TerritoryScope, profileId: number, answeredDaysAgo: number[], now: Date) {
	for (const days of answeredDaysAgo) {
		const answeredAt = new Date(now.getTime() - days * 86_400_000);
		const [request] = await db
			.insert(interventionRequests)
			.values({
				territoryId: scope.territoryId,
				followTokenHash: `hash-${profileId}-${days}`,
				requesterKind: 'school',
				organisationName: 'Collège de la Morinie',
				kindCode: 'classroom_talk',
				audience: 'girls',
				level: 'college',
				expectedSize: 25,
				wishedFrom: answeredAt.toISOString().slice(0, 10),
				wishedTo: answeredAt.toISOString().slice(0, 10),
				communeCode: '62765',
				contactName: 'Professeure principale',
				startsAt: answeredAt,
				state: 'done'
			})
			.returning();
		await db.insert(interventionSpeakers).values({ territoryId: scope.territoryId, requestId: request!.id, profileId, status: 'accepted', answeredAt });
	}
}

describe('ranking the territory’s role models for a request', () => {
	it('a realistic set: the Verr’Elles engineer free on Tuesdays in Saint-Omer first, the busy one after, the one away last, the deactivated never', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const now = new Date('2026-03-01T10:00:00Z');
		const verrElles = await networkId(db, 'Verr’Elles');
		const capitalFilles = await networkId(db, 'Capital Filles');
		const arc = (await listOrganisations(db, t.scope)).find((o) => o.name === 'Arc France')!;
		const make = async (firstName: string, lastName: string, values: Record<string, unknown>) =>
			createRoleModel(db, t.scope, coordinator, { firstName, lastName, email: `${lastName.toLowerCase()}@example.org`, ...values });

		const sophie = await make('Sophie', 'Lefebvre', {
			networkIds: [String(verrElles)],
			organisationId: String(arc.id),
			reachCommunes: ['62765', '62040'],
			preferredAudiences: ['girls'],
			preferredLevels: ['college']
		});
		await addAvailability(db, t.scope, coordinator, { id: sophie.id }, { kind: 'weekly', weekday: '2', startTime: '13:30', endTime: '17:30' });

		const claire = await make('Claire', 'Dumont', { networkIds: [String(verrElles)], organisationId: String(arc.id), preferredAudiences: ['girls'] });
		await addAvailability(db, t.scope, coordinator, { id: claire.id }, { kind: 'weekly', weekday: '2', startTime: '13:00', endTime: '18:00' });
		await acceptedInterventions(db, t.scope, claire.id, [10, 30, 60, 200], now);

		const ines = await make('Inès', 'Bouaziz', { networkIds: [String(capitalFilles)], reachCommunes: ['62765'] });
		await addAvailability(db, t.scope, coordinator, { id: ines.id }, { kind: 'date', onDate: '2026-03-10' });

		const nadia = await make('Nadia', 'Leroy', { networkIds: [String(verrElles)], reachCommunes: ['62765'], preferredLevels: ['college'] });
		await addAvailability(db, t.scope, coordinator, { id: nadia.id }, { kind: 'weekly', weekday: '2', startTime: '13:00', endTime: '18:00' });
		await addAvailability(db, t.scope, coordinator, { id: nadia.id }, { kind: 'away', fromDate: '2026-03-09', toDate: '2026-03-15' });

		const martine = await make('Martine', 'Caron', { networkIds: [String(verrElles)], reachCommunes: ['62765'] });
		await addAvailability(db, t.scope, coordinator, { id: martine.id }, { kind: 'weekly', weekday: '2', startTime: '13:00', endTime: '18:00' });
		await setRoleModelActive(db, t.scope, coordinator, martine.id, false);

		const ranked = await rankRoleModels(db, t.scope, { ...talk, networkId: verrElles }, { now });
		expect(ranked.map((r) => r.lastName)).toEqual(['Lefebvre', 'Dumont', 'Bouaziz', 'Leroy']);
		const [first, busy, , away] = ranked;
		expect(keys(first!.reasons)).toEqual([
			'matching.reason.network',
			'matching.reason.weekly_slot',
			'matching.reason.audience',
			'matching.reason.level',
			'matching.reason.same_commune',
			'matching.reason.load'
		]);
		// Her firm is in Arques (CAPSO): the same EPCI as Saint-Omer.
		expect(keys(busy!.reasons)).toContain('matching.reason.same_epci');
		// Three accepted in the last 90 days; the one 200 days ago no longer weighs.
		expect(busy!.reasons).toContainEqual({ key: 'matching.reason.load', params: { count: 3 } });
		expect(away!.excluded).toBe(true);
		expect(away!.reasons).toContainEqual({ key: 'matching.reason.away', params: { from: '2026-03-09', to: '2026-03-15' } });
	});

	it('a territory without role models ranks nobody', async () => {
		const { database, t } = fresh();
		expect(await rankRoleModels(database.db, t.scope, talk)).toEqual([]);
	});
});
