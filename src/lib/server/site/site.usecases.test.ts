import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { defaultTerritory, doneActivity, otherTerritory, storedParticipations, rows } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { createActivity } from '../activities/activities.usecases';
import type { Db } from '../db/client';
import { interventionRequests } from '../interventions/interventions.table';
import { SYSTEM_ACTOR, type TerritoryScope } from '../shared/scope';
import { initiativesAndPartners, publicHome, siteLanding } from './site.usecases';

process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-site-'));

const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));
const NOW = new Date('2026-02-20T10:00:00Z');

/** An intervention open to volunteers on `day` at 14:00 Paris time. */
async function openIntervention(db: Db, scope: TerritoryScope, day: string, organisationName = 'Collège de la Morinie') {
	const communeCode = (
		await rows<{ code_insee: string }>(db, sql`select code_insee from communes where territory_id = ${scope.territoryId} order by code_insee limit 1`)
	)[0]!.code_insee;
	const [row] = await db
		.insert(interventionRequests)
		.values({
			territoryId: scope.territoryId,
			followTokenHash: `follow-${day}-${organisationName}`,
			requesterKind: 'school',
			organisationName,
			kindCode: 'classroom_talk',
			audience: 'girls',
			level: 'college',
			expectedSize: 28,
			wishedFrom: day,
			wishedTo: day,
			communeCode,
			contactName: 'Claire Martin',
			contactEmail: 'claire.martin@college.example',
			state: 'qualified',
			startsAt: new Date(`${day}T13:00:00Z`),
			endsAt: new Date(`${day}T15:00:00Z`),
			location: 'Salle 12',
			capacityMin: 1,
			capacityMax: 2,
			openToVolunteers: true
		})
		.returning();
	return row!;
}

describe('the territory’s public home', () => {
	it('shows the live count of participations, the plan’s first sentence and audiences, and the three soonest events only', async () => {
		const { database, t } = fresh();
		const db = database.db;
		await createActivity(db, t.scope, SYSTEM_ACTOR, doneActivity(t.initiativeId), { today: '2026-02-01' });
		const days = ['2026-03-24', '2026-03-03', '2026-04-07', '2026-03-10'];
		const made = new Map<string, number>();
		for (const day of days) made.set(day, (await openIntervention(db, t.scope, day)).id);
		const home = await publicHome(db, t.scope, NOW);
		expect(home.headline.participations).toBe(await storedParticipations(db, t.scope.territoryId));
		expect(home.headline.participations).toBeGreaterThan(0);
		expect(home.nextEvents.map((e) => e.id)).toEqual([made.get('2026-03-03'), made.get('2026-03-10'), made.get('2026-03-24')]);
		expect(home.nextEvents[0]).toMatchObject({ date: '2026-03-03', startTime: '14:00', placesLeft: 2, full: false });
		// The public facts only: never the contact nor the room.
		expect(JSON.stringify(home.nextEvents)).not.toMatch(/Claire|claire\.martin|Salle 12/);
		const summary = (await rows<{ summary: string }>(db, sql`select summary from action_plans where territory_id = ${t.scope.territoryId}`))[0]!.summary;
		expect(summary.startsWith(home.what!)).toBe(true);
		expect(home.audiences).toEqual(['girls', 'firms', 'prescribers']);
		expect(home.portraits).toEqual([]);
	});

	it('reads nothing of another territory: its neighbour’s home counts no participation and shows no event', async () => {
		const { database, t } = fresh();
		const other = await otherTerritory(database.db);
		await createActivity(database.db, t.scope, SYSTEM_ACTOR, doneActivity(t.initiativeId), { today: '2026-02-01' });
		await openIntervention(database.db, t.scope, '2026-03-03');
		const home = await publicHome(database.db, other.scope, NOW);
		expect(home.headline.participations).toBe(0);
		expect(home.nextEvents).toEqual([]);
	});
});

describe('« Les initiatives et les partenaires »', () => {
	it('lists each initiative with its pilot first, and links a partner’s own site, never an address that is not http or https', async () => {
		const { database, t } = fresh();
		const db = database.db;
		await db.execute(
			sql`update organisations set website = 'https://www.capital-filles.fr' where territory_id = ${t.scope.territoryId} and name = 'Capital Filles'`
		);
		const [other] = await rows<{ id: number }>(
			db,
			sql`update organisations set website = 'javascript:alert(1)' where id = (select organisation_id from initiative_organisations where territory_id = ${t.scope.territoryId} and role = 'lead' limit 1) returning id`
		);
		const page = await initiativesAndPartners(db, t.scope);
		const stored = await rows<{ count: number }>(db, sql`select count(*)::int as count from initiatives where territory_id = ${t.scope.territoryId}`);
		expect(page.initiatives).toHaveLength(stored[0]!.count);
		for (const initiative of page.initiatives) {
			const roles = initiative.organisations.map((o) => o.role);
			expect(roles, initiative.name).toEqual([...roles].sort((a, b) => ['lead', 'partner', 'network'].indexOf(a) - ['lead', 'partner', 'network'].indexOf(b)));
		}
		expect(page.partners.find((p) => p.name === 'Capital Filles')?.website).toBe('https://www.capital-filles.fr/');
		expect(page.partners.find((p) => p.id === other!.id)?.website).toBeNull();
		expect(new Set(page.partners.map((p) => p.id)).size).toBe(page.partners.length);
	});

	it('shows only the territory’s own organisations', async () => {
		const { database, t } = fresh();
		const other = await otherTerritory(database.db);
		const page = await initiativesAndPartners(database.db, other.scope);
		expect(page.initiatives.map((i) => i.name)).toEqual(['Autre initiative']);
		const names = await rows<{ name: string }>(database.db, sql`select name from organisations where territory_id = ${t.scope.territoryId}`);
		for (const p of page.partners) expect(names.map((n) => n.name)).not.toContain(p.name);
	});
});

describe('the address / of the instance', () => {
	it('sends a visitor to the only active territory’s home, and lists the territories once there are two', async () => {
		const { database, t } = fresh();
		const slug = (await rows<{ slug: string }>(database.db, sql`select slug from territories where id = ${t.scope.territoryId}`))[0]!.slug;
		expect(await siteLanding(database.db, null)).toEqual({ redirectTo: `/t/${slug}` });
		await otherTerritory(database.db);
		const landing = await siteLanding(database.db, null);
		expect(landing.redirectTo).toBeNull();
		expect(landing.territories?.map((x) => x.slug).sort()).toEqual(['autre-territoire', slug].sort());
	});

	it('keeps the list for a member of an archived territory beside the only active one: « Mes territoires » reaches both', async () => {
		const { database, t } = fresh();
		const other = await otherTerritory(database.db);
		await database.db.execute(sql`update territories set archived_at = now() where id = ${other.scope.territoryId}`);
		const principal = {
			userId: 'claire',
			platformAdmin: false,
			roles: [
				{ territoryId: t.scope.territoryId, role: 'coordinator', organisationId: null },
				{ territoryId: other.scope.territoryId, role: 'coordinator', organisationId: null }
			]
		};
		const landing = await siteLanding(database.db, principal);
		expect(landing.redirectTo).toBeNull();
		expect(landing.mine?.map((m) => m.slug).sort()).toEqual(['autre-territoire', 'flandre-saint-omer']);
	});
});
