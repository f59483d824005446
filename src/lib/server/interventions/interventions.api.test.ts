import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { adminActor } from '../../../../tests/support/actors';
import { countRows, defaultTerritory, otherTerritory, rows } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import type { Db } from '../db/client';
import { organisations } from '../organisations/organisations.table';
import { getRoleModelForApi, listRoleModelsForApi } from '../role-models/role-models.api.usecases';
import { roleModelNetworks, roleModelProfiles } from '../role-models/role-models.table';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { TerritoryScope } from '../shared/scope';
import { authenticateToken, createToken } from '../tokens/tokens.usecases';
import { MoveNotAllowedError } from './interventions.errors';
import {
	getRequestForApi,
	listInterventionsForApi,
	listRequestsForApi,
	moveRequestByApi,
	parseInterventionFilters,
	parseRequestFilters
} from './interventions.api.usecases';
import { schoolForm } from '../../../../tests/support/intervention-forms';
import { answerByLink } from './interventions.answers';
import { submitRequest } from './interventions.public';
import { proposeRequest, qualifyRequest } from './interventions.usecases';

/*
 * The API's reads and moves of intervention requests, with actors built from real API tokens
 * (authenticateToken), on PGlite and PostgreSQL. The HTTP side is tests/integration/api-network.test.ts.
 */

const ADMIN = adminActor('coordinatrice');
const ADMIN_PRINCIPAL = { userId: 'admin', platformAdmin: true, roles: [] };
const NOW = new Date('2026-02-20T10:00:00Z');

/** Two networks of the seed, an organisation taking part in the first one's initiative and not in the second's. */
async function networksAndPartner(db: Db, scope: TerritoryScope) {
	const links = await rows<{ network_id: number; initiative_id: number; organisation_id: number | null }>(
		db,
		sql`select n.id as network_id, n.initiative_id, io.organisation_id from networks n
			left join initiative_organisations io on io.initiative_id = n.initiative_id
			where n.territory_id = ${scope.territoryId} and n.initiative_id is not null order by n.position, n.id`
	);
	const networkIds = [...new Set(links.map((l) => l.network_id))];
	for (const mine of networkIds) {
		for (const organisationId of links.filter((l) => l.network_id === mine && l.organisation_id !== null).map((l) => l.organisation_id!)) {
			const other = networkIds.find((n) => n !== mine && !links.some((l) => l.network_id === n && l.organisation_id === organisationId));
			if (other !== undefined) return { mine, other, organisationId };
		}
	}
	throw new Error('the seed has no partner outside one of its networks');
}

/** An actor exactly as the API builds it from a token in the clear. */
async function tokenActor(db: Db, scope: TerritoryScope, values: Record<string, unknown>) {
	const { token } = await createToken(db, scope, ADMIN, ADMIN_PRINCIPAL, { name: 'Outil', ...values });
	return authenticateToken(db, scope, `Bearer ${token}`, { now: NOW });
}

const qualification = (networkId: number, date = '2026-03-10') => ({
	networkId,
	date,
	startTime: '09:00',
	endTime: '11:00',
	location: 'Salle 12',
	capacityMin: 1,
	capacityMax: 2
});

const fresh = freshDatabasePerTest(async (database) => {
	const t = await defaultTerritory(database.db);
	const db = database.db;
	const network = await networksAndPartner(db, t.scope);
	const coordinator = await tokenActor(db, t.scope, { organisationId: network.organisationId, role: 'coordinator' });
	const partner = await tokenActor(db, t.scope, { organisationId: network.organisationId });
	// One request qualified under the partner's network, one under another network, one just submitted.
	const ours = (await submitRequest(db, t.scope, schoolForm(NOW), { ip: '203.0.113.1', now: NOW })).requestId;
	const theirs = (await submitRequest(db, t.scope, schoolForm(NOW, { organisationName: 'Lycée Ribot' }), { ip: '203.0.113.2', now: NOW })).requestId;
	const waiting = (await submitRequest(db, t.scope, schoolForm(NOW, { organisationName: 'Collège Esquerdes' }), { ip: '203.0.113.3', now: NOW })).requestId;
	await qualifyRequest(db, t.scope, ADMIN, ours, qualification(network.mine), NOW);
	await qualifyRequest(db, t.scope, ADMIN, theirs, qualification(network.other, '2026-03-12'), NOW);
	return { t, network, coordinator, partner, ours, theirs, waiting };
});

describe('the API reads intervention requests within the token’s reach', () => {
	it('a coordinator’s token lists every request of the territory and reads one with its history and the requester’s contact', async () => {
		const { database, t, coordinator, ours, theirs, waiting } = fresh();
		const list = await listRequestsForApi(database.db, t.scope, coordinator, parseRequestFilters(new URLSearchParams()));
		expect(list.data.map((r) => r.id).sort()).toEqual([ours, theirs, waiting].sort());
		expect(list.meta).toEqual({ page: 1, pages: 1, count: 3 });
		const qualified = await listRequestsForApi(database.db, t.scope, coordinator, parseRequestFilters(new URLSearchParams('state=qualified&from=2026-03-11')));
		expect(qualified.data.map((r) => r.id)).toEqual([theirs]);

		const one = await getRequestForApi(database.db, t.scope, coordinator, ours);
		expect(one.history.map((h) => [h.from, h.to, h.by])).toEqual([
			[null, 'submitted', 'requester'],
			['submitted', 'qualified', 'coordinator']
		]);
		expect(one.contact).toMatchObject({ name: 'Claire Martin', email: 'claire.martin@college.example', phone: '03 21 00 00 00' });
		expect(one.moves).toEqual(['propose', 'decline', 'cancel']);
		expect(one.report.status).toBe('none');
	});

	it('a partner’s token sees only the requests of its initiatives, never the requester’s e-mail or phone, and no move', async () => {
		const { database, t, partner, ours, theirs, waiting } = fresh();
		const list = await listRequestsForApi(database.db, t.scope, partner, parseRequestFilters(new URLSearchParams()));
		expect(list.data.map((r) => r.id)).toEqual([ours]);
		const one = await getRequestForApi(database.db, t.scope, partner, ours);
		expect(one.contact).toEqual({ name: 'Claire Martin', email: null, phone: null, erasedAt: null });
		expect(JSON.stringify(one)).not.toContain('college.example');
		expect(JSON.stringify(one)).not.toContain('03 21');
		expect(one.moves).toEqual([]);
		for (const id of [theirs, waiting]) await expect(getRequestForApi(database.db, t.scope, partner, id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('a token of another territory reaches none of them: the same 404 as an unknown request', async () => {
		const { database, t, ours } = fresh();
		const neighbour = await otherTerritory(database.db);
		const [org] = await database.db
			.insert(organisations)
			.values({ territoryId: neighbour.scope.territoryId, name: 'Voisine', kind: 'association' })
			.returning();
		const { token } = await createToken(database.db, neighbour.scope, ADMIN, ADMIN_PRINCIPAL, { name: 'Voisin', organisationId: org!.id, role: 'coordinator' });
		await expect(authenticateToken(database.db, t.scope, `Bearer ${token}`)).rejects.toBeInstanceOf(NotFoundError);
		// Even acting in its own territory, the neighbour's coordinator finds nothing of ours.
		const actor = await authenticateToken(database.db, neighbour.scope, `Bearer ${token}`);
		await expect(getRequestForApi(database.db, neighbour.scope, actor, ours)).rejects.toBeInstanceOf(NotFoundError);
		expect((await listRequestsForApi(database.db, neighbour.scope, actor, parseRequestFilters(new URLSearchParams()))).data).toEqual([]);
	});

	it('the interventions list gives the dated ones from today on, with the places their speakers took', async () => {
		const { database, t, coordinator, partner, network, ours, theirs } = fresh();
		const db = database.db;
		const [amina] = await db
			.insert(roleModelProfiles)
			.values({ territoryId: t.scope.territoryId, firstName: 'Amina', lastName: 'Benali', email: 'amina@arc.example' })
			.returning();
		await db.insert(roleModelNetworks).values({ territoryId: t.scope.territoryId, profileId: amina!.id, networkId: network.mine });
		await proposeRequest(db, t.scope, ADMIN, ours, { profileIds: [amina!.id] }, NOW);
		const [proposal] = await rows<{ text_body: string }>(db, sql`select text_body from mail_outbox where kind = 'intervention.proposal'`);
		await answerByLink(db, /\/reponse\/([A-Za-z0-9_-]+)/.exec(proposal!.text_body)![1]!, 'accept', NOW);

		const upcoming = await listInterventionsForApi(db, t.scope, coordinator, parseInterventionFilters(new URLSearchParams()), NOW);
		expect(upcoming.data.map((i) => [i.id, i.state, i.placesTaken, i.placesLeft, i.capacityMax])).toEqual([[ours, 'confirmed', 1, 1, 2]]);
		expect(upcoming.meta.from).toBe('2026-02-20');
		expect(upcoming.data[0]!.startsAt).toBe('2026-03-10T08:00:00.000Z');
		// After its day it is no longer upcoming; asked from an earlier day it is listed.
		const later = new Date('2026-03-11T10:00:00Z');
		expect((await listInterventionsForApi(db, t.scope, coordinator, parseInterventionFilters(new URLSearchParams()), later)).data).toEqual([]);
		const since = await listInterventionsForApi(db, t.scope, coordinator, parseInterventionFilters(new URLSearchParams('from=2026-03-01')), later);
		expect(since.data.map((i) => i.id)).toEqual([ours]);
		// The partner reads it too (its initiative); the other network's qualified request is not an intervention yet.
		expect((await listInterventionsForApi(db, t.scope, partner, parseInterventionFilters(new URLSearchParams()), NOW)).data.map((i) => i.id)).toEqual([ours]);
		expect(theirs).not.toBe(ours);
	});
});

describe('a coordinator’s token moves a request as the board page does', () => {
	it('declining writes the transition, the audit event and the requester’s e-mail', async () => {
		const { database, t, coordinator, waiting } = fresh();
		const before = await countRows(database.db, 'request_transitions');
		const after = await moveRequestByApi(database.db, t.scope, coordinator, waiting, { move: 'decline', note: 'Hors période' }, NOW);
		expect(after.state).toBe('declined');
		const [transition] = await rows<{ from_state: string; to_state: string; actor_kind: string; actor_user_id: string; note: string }>(
			database.db,
			sql`select * from request_transitions where request_id = ${waiting} order by id desc limit 1`
		);
		expect(transition).toMatchObject({ from_state: 'submitted', to_state: 'declined', actor_kind: 'coordinator', note: 'Hors période' });
		expect(transition!.actor_user_id).toBe(coordinator.userId);
		expect(await countRows(database.db, 'request_transitions')).toBe(before + 1);
		const [audit] = await rows<{ action: string; actor_label: string }>(
			database.db,
			sql`select action, actor_label from audit_events where entity_type = 'intervention_request' and entity_id = ${String(waiting)} order by id desc limit 1`
		);
		expect(audit).toMatchObject({ action: 'decline' });
		expect(audit!.actor_label).toContain('Jeton d’API');
		expect(await countRows(database.db, `mail_outbox where kind = 'intervention.request_declined'`)).toBe(1);
	});

	it('qualifying through the API reads JSON numbers and records the network, date and capacity', async () => {
		const { database, t, coordinator, network, waiting } = fresh();
		const after = await moveRequestByApi(
			database.db,
			t.scope,
			coordinator,
			waiting,
			{ move: 'qualify', ...qualification(network.other, '2026-03-20'), openToVolunteers: true },
			NOW
		);
		expect(after).toMatchObject({ state: 'qualified', capacityMin: 1, capacityMax: 2, openToVolunteers: true, location: 'Salle 12' });
		expect(after.network?.id).toBe(network.other);
		expect(after.startsAt).toBe('2026-03-20T08:00:00.000Z');
	});

	it('an unknown move, bad fields or a move the state does not allow are refused and change nothing', async () => {
		const { database, t, coordinator, ours, waiting } = fresh();
		const snapshot = async () => [
			await countRows(database.db, 'request_transitions'),
			await countRows(database.db, 'audit_events'),
			await countRows(database.db, 'mail_outbox'),
			(await rows<{ state: string }>(database.db, sql`select state from intervention_requests order by id`)).map((r) => r.state).join()
		];
		const before = await snapshot();
		const unknown = await moveRequestByApi(database.db, t.scope, coordinator, waiting, { move: 'teleport' }, NOW).catch((e: unknown) => e);
		expect((unknown as ValidationError).fields.move?.key).toBe('validation.enum');
		const missing = await moveRequestByApi(database.db, t.scope, coordinator, waiting, {}, NOW).catch((e: unknown) => e);
		expect((missing as ValidationError).fields.move?.key).toBe('validation.required');
		const badFields = await moveRequestByApi(database.db, t.scope, coordinator, waiting, { move: 'qualify', date: '2026-02-30' }, NOW).catch((e: unknown) => e);
		expect(Object.keys((badFields as ValidationError).fields)).toEqual(expect.arrayContaining(['networkId', 'date', 'startTime', 'location']));
		await expect(moveRequestByApi(database.db, t.scope, coordinator, ours, { move: 'complete' }, NOW)).rejects.toBeInstanceOf(MoveNotAllowedError);
		expect(await snapshot()).toEqual(before);
	});

	it('a partner’s token cannot move a request it reads: the same 404 as an unknown one, nothing changed', async () => {
		const { database, t, partner, ours } = fresh();
		const before = await countRows(database.db, 'request_transitions');
		await expect(moveRequestByApi(database.db, t.scope, partner, ours, { move: 'cancel' }, NOW)).rejects.toBeInstanceOf(NotFoundError);
		await expect(moveRequestByApi(database.db, t.scope, partner, ours, { move: 'teleport' }, NOW)).rejects.toBeInstanceOf(NotFoundError);
		expect(await countRows(database.db, 'request_transitions')).toBe(before);
	});
});

describe('role-model profiles through the API', () => {
	it('a coordinator’s token reads the profiles with their networks and reach; a partner’s token gets 404', async () => {
		const { database, t, coordinator, partner, network } = fresh();
		const db = database.db;
		const [amina, old] = await db
			.insert(roleModelProfiles)
			.values([
				{
					territoryId: t.scope.territoryId,
					firstName: 'Amina',
					lastName: 'Benali',
					email: 'amina@arc.example',
					job: 'Ingénieure',
					reachCommunes: ['62765'],
					languages: ['fr', 'ar']
				},
				{ territoryId: t.scope.territoryId, firstName: 'Odile', lastName: 'Ancienne', email: 'odile@arc.example', active: false }
			])
			.returning();
		await db.insert(roleModelNetworks).values({ territoryId: t.scope.territoryId, profileId: amina!.id, networkId: network.mine });
		const list = await listRoleModelsForApi(db, t.scope, coordinator, {});
		expect(list.map((p) => p.id)).toEqual([amina!.id]);
		expect(list[0]).toMatchObject({ firstName: 'Amina', job: 'Ingénieure', reachCommunes: ['62765'], languages: ['fr', 'ar'], active: true });
		expect(list[0]!.networks.map((n) => n.id)).toEqual([network.mine]);
		expect((await listRoleModelsForApi(db, t.scope, coordinator, { inactive: true })).map((p) => p.id).sort()).toEqual([amina!.id, old!.id].sort());
		expect((await getRoleModelForApi(db, t.scope, coordinator, old!.id)).active).toBe(false);
		await expect(listRoleModelsForApi(db, t.scope, partner, {})).rejects.toBeInstanceOf(NotFoundError);
		await expect(getRoleModelForApi(db, t.scope, partner, amina!.id)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('a token acting for the whole territory', () => {
	it('the Jetons d’API form of a coordinator creates a coordination token, read-only when the box is ticked', async () => {
		const { database, t, network } = fresh();
		const coordinatorPrincipal = {
			userId: 'c',
			platformAdmin: false,
			roles: [{ territoryId: t.scope.territoryId, role: 'coordinator', organisationId: null }]
		};
		const form = { name: 'Tableau de bord', organisationId: String(network.organisationId), role: 'coordinator', readOnly: 'on' };
		const created = await createToken(database.db, t.scope, ADMIN, coordinatorPrincipal, form);
		const [row] = await rows<{ role: string; read_only: boolean }>(database.db, sql`select role, read_only from api_tokens where id = ${created.id}`);
		expect(row).toEqual({ role: 'coordinator', read_only: true });
		const actor = await authenticateToken(database.db, t.scope, `Bearer ${created.token}`);
		expect(actor.readOnly).toBe(true);
		expect(actor.principal.roles).toEqual([{ territoryId: t.scope.territoryId, role: 'coordinator', organisationId: null }]);
		const plain = await createToken(database.db, t.scope, ADMIN, coordinatorPrincipal, { name: 'Outil', organisationId: String(network.organisationId) });
		const [partnerRow] = await rows<{ role: string; read_only: boolean }>(database.db, sql`select role, read_only from api_tokens where id = ${plain.id}`);
		expect(partnerRow).toEqual({ role: 'partner', read_only: false });
	});

	it('only a coordinator creates one: a partner asking for it gets a French field error and no token', async () => {
		const { database, t, network } = fresh();
		const partnerPrincipal = {
			userId: 'p',
			platformAdmin: false,
			roles: [{ territoryId: t.scope.territoryId, role: 'partner', organisationId: network.organisationId }]
		};
		const before = await countRows(database.db, 'api_tokens');
		const error = await createToken(database.db, t.scope, ADMIN, partnerPrincipal, {
			name: 'Tout',
			organisationId: network.organisationId,
			role: 'coordinator'
		}).catch((e: unknown) => e);
		expect((error as ValidationError).fields.role?.key).toBe('validation.enum');
		expect(await countRows(database.db, 'api_tokens')).toBe(before);
	});
});
