import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { todayInParis } from '../../src/lib/server/shared/paris-time';
import { formStamp } from '../../src/lib/server/interventions/interventions.tokens';
import { answerByLink } from '../../src/lib/server/interventions/interventions.answers';
import { submitRequest } from '../../src/lib/server/interventions/interventions.public';
import { proposeRequest, qualifyRequest } from '../../src/lib/server/interventions/interventions.usecases';
import { organisations } from '../../src/lib/server/organisations/organisations.table';
import { roleModelNetworks, roleModelProfiles } from '../../src/lib/server/role-models/role-models.table';
import { createToken } from '../../src/lib/server/tokens/tokens.usecases';
import { prepareArcApi } from '../support/api-setup';
import { otherTerritory, rows } from '../support/fixtures';
import { serve, stopServer, type ServedApp } from '../support/serve';

/*
 * The role-model network over the API, by HTTP on the built server: intervention requests,
 * dated interventions and role-model profiles read with tokens (a coordinator's, a partner's,
 * a read-only one, another territory's), and a request moved by a coordinator's token.
 */
const TERRITORY = 'flandre-saint-omer';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-api-network-'));
let server: ServedApp;
const tokens = { coordinator: '', readOnly: '', partner: '', neighbour: '' };
const ids = { ours: 0, theirs: 0, waiting: 0, confirmed: 0, profile: 0 };

const DAY = 86_400_000;
const day = (offset: number) => todayInParis(new Date(Date.now() + offset * DAY));

function schoolForm(organisationName: string): Record<string, string> {
	return {
		stamp: formStamp(new Date(Date.now() - 10_000)),
		website: '',
		requesterKind: 'school',
		organisationName,
		uai: '',
		kindCode: 'classroom_talk',
		audience: 'girls',
		level: 'college',
		groups: '3e B',
		schoolYear: '',
		expectedSize: '28',
		wishedFrom: day(20),
		wishedTo: day(40),
		communeCode: '62765',
		contactName: 'Claire Martin',
		contactEmail: 'claire.martin@college.example',
		contactPhone: '03 21 00 00 00',
		message: ''
	};
}

beforeAll(async () => {
	const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
	try {
		const api = await prepareArcApi(database, ['Outil Arc']);
		const { db, scope, admin, adminPrincipal } = api;
		tokens.partner = api.tokens[0]!.token;
		tokens.coordinator = (await createToken(db, scope, admin, adminPrincipal, { name: 'Coordination', organisationId: api.arcId, role: 'coordinator' })).token;
		tokens.readOnly = (
			await createToken(db, scope, admin, adminPrincipal, { name: 'Tableau de bord', organisationId: api.arcId, role: 'coordinator', readOnly: true })
		).token;
		const neighbour = await otherTerritory(db);
		const [org] = await db.insert(organisations).values({ territoryId: neighbour.scope.territoryId, name: 'Voisine', kind: 'association' }).returning();
		tokens.neighbour = (await createToken(db, neighbour.scope, admin, adminPrincipal, { name: 'Voisin', organisationId: org!.id, role: 'coordinator' })).token;

		// The network counted under Arc France's initiative, and one that is not.
		const networks = await rows<{ id: number; initiative_id: number | null }>(
			db,
			sql`select id, initiative_id from networks where territory_id = ${scope.territoryId}`
		);
		const arcNetwork = networks.find((n) => n.initiative_id === api.arcInitiative)!.id;
		const otherNetwork = networks.find((n) => n.initiative_id === api.foreignInitiative)!.id;
		const qualification = (networkId: number, offset: number) => ({
			networkId,
			date: day(offset),
			startTime: '09:00',
			endTime: '11:00',
			location: 'Salle 12',
			capacityMin: 1,
			capacityMax: 3
		});
		ids.ours = (await submitRequest(db, scope, schoolForm('Collège Jean Jaurès'), { ip: '203.0.113.1' })).requestId;
		ids.theirs = (await submitRequest(db, scope, schoolForm('Lycée Ribot'), { ip: '203.0.113.2' })).requestId;
		ids.waiting = (await submitRequest(db, scope, schoolForm('Collège Esquerdes'), { ip: '203.0.113.3' })).requestId;
		ids.confirmed = (await submitRequest(db, scope, schoolForm('Lycée Blaise Pascal'), { ip: '203.0.113.4' })).requestId;
		await qualifyRequest(db, scope, admin, ids.ours, qualification(arcNetwork, 25));
		await qualifyRequest(db, scope, admin, ids.theirs, qualification(otherNetwork, 26));
		await qualifyRequest(db, scope, admin, ids.confirmed, qualification(arcNetwork, 30));
		const [amina] = await db
			.insert(roleModelProfiles)
			.values({ territoryId: scope.territoryId, firstName: 'Amina', lastName: 'Benali', email: 'amina@arc.example', job: 'Ingénieure verrière' })
			.returning();
		ids.profile = amina!.id;
		await db.insert(roleModelNetworks).values({ territoryId: scope.territoryId, profileId: amina!.id, networkId: arcNetwork });
		await proposeRequest(db, scope, admin, ids.confirmed, { profileIds: [amina!.id] });
		const [proposal] = await rows<{ text_body: string }>(db, sql`select text_body from mail_outbox where kind = 'intervention.proposal'`);
		await answerByLink(db, /\/reponse\/([A-Za-z0-9_-]+)/.exec(proposal!.text_body)![1]!, 'accept');
	} finally {
		await database.close();
	}
	server = await serve({ DATA_DIR: dataDir });
	// serve() itself waits up to 240 s for a start on a loaded machine.
}, 300_000);

afterAll(async () => {
	if (server) await stopServer(server);
	fs.rmSync(dataDir, { recursive: true, force: true });
});

function call(method: string, route: string, token: string, options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
	const hasBody = options.body !== undefined || options.raw !== undefined;
	return fetch(`${server.base}/api/v1/territories/${route}`, {
		method,
		headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
		body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
	});
}

const read = async (route: string, token: string) => {
	const response = await call('GET', `${TERRITORY}/${route}`, token);
	expect(response.status, route).toBe(200);
	return response.json();
};

describe('API v1: intervention requests read with a token', () => {
	it('a coordinator’s token lists every request and reads one with its history, speakers and the requester’s contact', async () => {
		const list = await read('requests', tokens.coordinator);
		expect(list.data.map((r: { id: number }) => r.id).sort()).toEqual([ids.ours, ids.theirs, ids.waiting, ids.confirmed].sort());
		expect(list.meta).toEqual({ page: 1, pages: 1, count: 4 });
		expect((await read('requests?state=submitted', tokens.coordinator)).data.map((r: { id: number }) => r.id)).toEqual([ids.waiting]);

		const { data } = await read(`requests/${ids.confirmed}`, tokens.coordinator);
		expect(data.state).toBe('confirmed');
		expect(data.history.map((h: { to: string }) => h.to)).toEqual(['submitted', 'qualified', 'proposed', 'confirmed']);
		expect(data.speakers).toEqual([expect.objectContaining({ profileId: ids.profile, name: 'Amina Benali', status: 'accepted' })]);
		expect(data.contact).toMatchObject({ email: 'claire.martin@college.example', phone: '03 21 00 00 00' });
		expect(data.moves).toEqual(['reschedule', 'complete', 'cancel']);
	});

	it('a partner’s token reads only the requests of its initiatives, without the requester’s e-mail or phone', async () => {
		const list = await read('requests', tokens.partner);
		expect(list.data.map((r: { id: number }) => r.id).sort()).toEqual([ids.ours, ids.confirmed].sort());
		for (const id of [ids.ours, ids.confirmed]) {
			const response = await call('GET', `${TERRITORY}/requests/${id}`, tokens.partner);
			const text = await response.text();
			expect(response.status).toBe(200);
			expect(text).not.toContain('college.example');
			expect(text).not.toContain('03 21 00 00 00');
			expect(JSON.parse(text).data.contact).toMatchObject({ name: 'Claire Martin', email: null, phone: null });
		}
		for (const id of [ids.theirs, ids.waiting]) expect((await call('GET', `${TERRITORY}/requests/${id}`, tokens.partner)).status, String(id)).toBe(404);
	});

	it('the interventions are the dated ones to come, with the places taken out of the capacity, for a coordinator and a partner alike', async () => {
		for (const token of [tokens.coordinator, tokens.partner]) {
			const { data } = await read('interventions', token);
			expect(data).toEqual([
				expect.objectContaining({ id: ids.confirmed, state: 'confirmed', placesTaken: 1, capacityMax: 3, placesLeft: 2, openToVolunteers: false })
			]);
		}
	});

	it('role-model profiles are read with a coordinator’s token only; a partner’s gets the same 404 as an unknown profile', async () => {
		const { data } = await read('role-models', tokens.coordinator);
		expect(data).toEqual([expect.objectContaining({ id: ids.profile, firstName: 'Amina', job: 'Ingénieure verrière', active: true })]);
		expect((await read(`role-models/${ids.profile}`, tokens.coordinator)).data.networks).toHaveLength(1);
		const refused: [string, string][] = [
			['role-models', tokens.partner],
			[`role-models/${ids.profile}`, tokens.partner],
			['role-models/999999', tokens.coordinator],
			['role-models/abc', tokens.coordinator]
		];
		for (const [route, token] of refused) {
			const response = await call('GET', `${TERRITORY}/${route}`, token);
			expect(response.status, route).toBe(404);
			expect(await response.json()).toEqual({ error: 'not_found', message: 'Ressource introuvable.' });
		}
	});

	it('a malformed or unknown filter is a 422 naming each parameter in French, never a silently unfiltered list', async () => {
		const bad = await call('GET', `${TERRITORY}/requests?state=foo&from=2026-13-01&page=-1&etat=confirmed`, tokens.coordinator);
		expect(bad.status).toBe(422);
		expect(await bad.json()).toEqual({
			error: 'validation.failed',
			message: 'La requête contient des erreurs : voir les champs signalés.',
			fields: {
				state: expect.stringMatching(/^Valeur non reconnue\. Valeurs acceptées : submitted, qualified, .*\.$/),
				from: 'Indiquez un jour réel au format AAAA-MM-JJ (par exemple 2026-09-01).',
				page: 'Saisissez un nombre entier positif.',
				etat: 'Paramètre inconnu. Paramètres acceptés : state, kind, from, to, page.'
			}
		});
		const refused: [string, string, string][] = [
			['requests?from=2026-05-01&to=2026-04-01', 'to', 'La fin doit être postérieure au début.'],
			['interventions?networkId=abc', 'networkId', 'Saisissez un nombre entier positif.'],
			['role-models?inactive=oui', 'inactive', 'Valeur non reconnue. Valeurs acceptées : 1.'],
			['role-models?network=x', 'network', 'Valeur non reconnue pour ce paramètre.']
		];
		for (const [route, field, message] of refused) {
			const response = await call('GET', `${TERRITORY}/${route}`, tokens.coordinator);
			expect(response.status, route).toBe(422);
			expect((await response.json()).fields, route).toEqual({ [field]: message });
		}
		const activities = await call('GET', `${TERRITORY}/activities?status=finished`, tokens.partner);
		expect(activities.status).toBe(422);
		expect((await activities.json()).fields).toEqual({ status: 'Valeur non reconnue. Valeurs acceptées : planned, done, cancelled.' });
		// Well-formed filters, and empty ones (a form's blank field), still read.
		expect((await read('requests?state=submitted&page=1&kind=', tokens.coordinator)).data.map((r: { id: number }) => r.id)).toEqual([ids.waiting]);
		expect((await read('role-models?inactive=1', tokens.coordinator)).data).toHaveLength(1);
	});

	it('a token of another territory gets 404 on every one of these routes', async () => {
		for (const route of ['requests', `requests/${ids.ours}`, 'interventions', 'role-models', `role-models/${ids.profile}`]) {
			expect((await call('GET', `${TERRITORY}/${route}`, tokens.neighbour)).status, route).toBe(404);
		}
		const move = await call('POST', `${TERRITORY}/requests/${ids.waiting}/moves`, tokens.neighbour, { body: { move: 'decline' } });
		expect(move.status).toBe(404);
	});
});

describe('API v1: a coordinator’s token moves a request', () => {
	const history = async (id: number) => (await read(`requests/${id}`, tokens.coordinator)).data.history as { to: string; note: string | null }[];

	it('a read-only token and a partner’s token cannot make a move: 404, nothing changed', async () => {
		const before = await history(ids.ours);
		for (const token of [tokens.readOnly, tokens.partner]) {
			const refused = await call('POST', `${TERRITORY}/requests/${ids.ours}/moves`, token, { body: { move: 'cancel', note: 'Essai' } });
			expect(refused.status).toBe(404);
			expect((await refused.json()).message).toBe('Ressource introuvable.');
		}
		expect(await history(ids.ours)).toEqual(before);
		// The read-only token still reads.
		expect((await read('requests', tokens.readOnly)).meta.count).toBe(4);
	});

	it('bad input gets a French answer and changes nothing: unknown move, a string for an integer, a move the state refuses, broken JSON', async () => {
		const before = await history(ids.ours);
		const unknown = await call('POST', `${TERRITORY}/requests/${ids.ours}/moves`, tokens.coordinator, { body: { move: 'teleport' } });
		expect(unknown.status).toBe(422);
		expect(await unknown.json()).toMatchObject({ error: 'validation.failed', fields: { move: expect.stringMatching(/^[A-ZÀ-Ý].*\.$/) } });

		const stringly = await call('POST', `${TERRITORY}/requests/${ids.ours}/moves`, tokens.coordinator, {
			body: { move: 'reschedule', capacityMin: '2', date: day(27), startTime: '09:00', endTime: '11:00', location: 'Salle 4' }
		});
		expect(stringly.status).toBe(422);
		expect(Object.keys((await stringly.json()).fields)).toEqual(['capacityMin']);

		const refused = await call('POST', `${TERRITORY}/requests/${ids.ours}/moves`, tokens.coordinator, { body: { move: 'complete' } });
		expect(refused.status).toBe(409);
		expect(await refused.json()).toEqual({
			error: 'intervention_request.move_not_allowed',
			message: 'Cette étape n’est pas possible dans l’état actuel de la demande.'
		});

		const broken = await call('POST', `${TERRITORY}/requests/${ids.ours}/moves`, tokens.coordinator, { raw: '{"move":' });
		expect(broken.status).toBe(400);
		expect((await call('POST', `${TERRITORY}/requests/abc/moves`, tokens.coordinator, { body: { move: 'cancel' } })).status).toBe(404);
		expect(await history(ids.ours)).toEqual(before);
		expect(server.output()).not.toContain('"status":500');
	});

	it('a move the state does not allow is a 409 before its fields are checked: qualifying or proposing a confirmed request', async () => {
		const before = await history(ids.confirmed);
		for (const move of ['qualify', 'propose']) {
			const refused = await call('POST', `${TERRITORY}/requests/${ids.confirmed}/moves`, tokens.coordinator, { body: { move } });
			expect(refused.status, move).toBe(409);
			expect(await refused.json()).toEqual({
				error: 'intervention_request.move_not_allowed',
				message: 'Cette étape n’est pas possible dans l’état actuel de la demande.'
			});
		}
		// Where the state allows it, the fields are then checked.
		const missing = await call('POST', `${TERRITORY}/requests/${ids.ours}/moves`, tokens.coordinator, { body: { move: 'propose' } });
		expect(missing.status).toBe(422);
		expect(Object.keys((await missing.json()).fields)).toEqual(['profileIds']);
		expect(await history(ids.confirmed)).toEqual(before);
	});

	it('a body sent as a form or as text with a bearer token (curl’s default, no Origin) gets the API’s JSON 415, not the browsers’ form page', async () => {
		const before = await history(ids.ours);
		for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
			for (const origin of [undefined, 'https://outil.example']) {
				const response = await fetch(`${server.base}/api/v1/territories/${TERRITORY}/requests/${ids.ours}/moves`, {
					method: 'POST',
					headers: { authorization: `Bearer ${tokens.coordinator}`, 'content-type': type, ...(origin ? { origin } : {}) },
					body: '{"move":"decline"}'
				});
				expect(response.status, `${type} ${origin}`).toBe(415);
				expect(response.headers.get('content-type')).toContain('application/json');
				expect(await response.json()).toMatchObject({ error: 'request.unsupported_media_type', message: expect.stringContaining('JSON') });
			}
		}
		// Without a token, a form sent from another site is still refused, in JSON on the API.
		const forged = await fetch(`${server.base}/api/v1/territories/${TERRITORY}/requests/${ids.ours}/moves`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', accept: 'text/html' },
			body: 'move=decline'
		});
		expect(forged.status).toBe(403);
		expect(await forged.json()).toMatchObject({ error: 'origin_refused' });
		expect(await history(ids.ours)).toEqual(before);
	});

	it('declining with an Idempotency-Key writes one transition; the retry replays the answer and writes nothing more', async () => {
		const headers = { 'idempotency-key': 'decline-esquerdes-1' };
		const first = await call('POST', `${TERRITORY}/requests/${ids.waiting}/moves`, tokens.coordinator, {
			body: { move: 'decline', note: 'Hors période' },
			headers
		});
		expect(first.status).toBe(200);
		const body = await first.json();
		expect(body.data).toMatchObject({ id: ids.waiting, state: 'declined', moves: [] });
		expect(body.data.history.at(-1)).toMatchObject({ from: 'submitted', to: 'declined', by: 'coordinator', note: 'Hors période' });

		const retry = await call('POST', `${TERRITORY}/requests/${ids.waiting}/moves`, tokens.coordinator, {
			body: { move: 'decline', note: 'Hors période' },
			headers
		});
		expect(retry.status).toBe(200);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(await retry.json()).toEqual(body);
		expect((await history(ids.waiting)).filter((h) => h.to === 'declined')).toHaveLength(1);
	});
});
