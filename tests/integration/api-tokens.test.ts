import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { organisations } from '../../src/lib/server/organisations/organisations.table';
import { archiveTerritory, insertTerritory } from '../../src/lib/server/territories/territories.usecases';
import { createToken, revokeToken } from '../../src/lib/server/tokens/tokens.usecases';
import { prepareArcApi } from '../support/api-setup';
import { serve } from '../support/serve';
import { otherTerritory } from '../support/fixtures';
import { adminActor } from '../support/actors';

const TERRITORY = 'flandre-saint-omer';
const admin = adminActor('integration-test', { label: 'test' });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-tokens-'));
let server: Awaited<ReturnType<typeof serve>>;
/** Tokens in clear, created before the server starts (nobody can sign in yet on a fresh data dir). */
const tokens = { arc: '', revoked: '', neighbour: '', archived: '' };
let arcInitiative: number;
let foreignInitiative: number;

beforeAll(async () => {
	const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
	try {
		const api = await prepareArcApi(database, ['Outil Arc', 'Ancien outil']);
		const db = api.db;
		arcInitiative = api.arcInitiative;
		foreignInitiative = api.foreignInitiative;
		const [arc, revoked] = api.tokens as [{ id: number; token: string }, { id: number; token: string }];
		tokens.arc = arc.token;
		await revokeToken(db, api.scope, admin, api.adminPrincipal, revoked.id);
		tokens.revoked = revoked.token;
		const neighbour = await otherTerritory(db);
		const [org] = await db.insert(organisations).values({ territoryId: neighbour.scope.territoryId, name: 'Voisine', kind: 'association' }).returning();
		tokens.neighbour = (await createToken(db, neighbour.scope, admin, api.adminPrincipal, { name: 'Voisin', organisationId: org!.id })).token;
		// An archived territory: read-only, its token still reads.
		const archived = await insertTerritory(db, { slug: 'territoire-archive', name: 'Territoire archivé', epciSirens: ['200040947'] });
		const [archivedOrg] = await db.insert(organisations).values({ territoryId: archived.territoryId, name: 'Archivée', kind: 'association' }).returning();
		tokens.archived = (
			await createToken(db, { territoryId: archived.territoryId }, admin, api.adminPrincipal, { name: 'Archive', organisationId: archivedOrg!.id })
		).token;
		await archiveTerritory(db, admin, { territoryId: archived.territoryId });
	} finally {
		await database.close();
	}
	server = await serve({ DATA_DIR: dataDir });
	// serve() itself waits up to 240 s for a start on a loaded machine.
}, 300_000);

afterAll(async () => {
	if (server) {
		server.child.kill('SIGTERM');
		await server.exited;
	}
	fs.rmSync(dataDir, { recursive: true, force: true });
});

function call(method: string, route: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
	return fetch(`${server.base}/api/v1/territories/${route}`, {
		method,
		headers: {
			accept: 'application/json',
			...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
			...(options.body !== undefined || options.raw !== undefined ? { 'content-type': 'application/json' } : {}),
			...options.headers
		},
		body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
	});
}

function activity(overrides: Record<string, unknown> = {}) {
	return {
		initiativeId: arcInitiative,
		type: 'school_visit',
		title: 'Visite d’atelier',
		date: '2025-10-14',
		communeCode: '62765',
		status: 'done',
		audiences: [{ audience: 'girls', level: 'lycee_pro', count: 12 }],
		...overrides
	};
}

describe('API v1: an organisation’s own tool records activities with its token', () => {
	it('creates, reads, lists, updates and cancels an activity', async () => {
		const created = await call('POST', `${TERRITORY}/activities`, { token: tokens.arc, body: activity() });
		expect(created.status).toBe(201);
		const { data } = await created.json();
		expect(data).toMatchObject({ initiativeId: arcInitiative, status: 'done', version: 1, audiences: [{ audience: 'girls', level: 'lycee_pro', count: 12 }] });
		expect(created.headers.get('location')).toBe(`/api/v1/territories/${TERRITORY}/activities/${data.id}`);

		const one = await call('GET', `${TERRITORY}/activities/${data.id}`, { token: tokens.arc });
		expect(one.status).toBe(200);
		expect((await one.json()).data.title).toBe('Visite d’atelier');

		const list = await (await call('GET', `${TERRITORY}/activities?status=done`, { token: tokens.arc })).json();
		expect(list.data.map((a: { id: number }) => a.id)).toContain(data.id);
		expect(list.data.every((a: { initiativeId: number }) => a.initiativeId === arcInitiative)).toBe(true);
		expect(list.meta).toMatchObject({ page: 1, count: list.data.length });

		const updated = await call('PUT', `${TERRITORY}/activities/${data.id}`, {
			token: tokens.arc,
			body: { ...activity({ title: 'Visite du four' }), version: 1 }
		});
		expect(updated.status).toBe(200);
		expect((await updated.json()).data).toMatchObject({ title: 'Visite du four', version: 2 });

		const stale = await call('PUT', `${TERRITORY}/activities/${data.id}`, { token: tokens.arc, body: { ...activity({ title: 'Trop tard' }), version: 1 } });
		expect(stale.status).toBe(409);
		expect((await stale.json()).current).toMatchObject({ id: data.id, title: 'Visite du four', version: 2 });

		const noReason = await call('DELETE', `${TERRITORY}/activities/${data.id}`, { token: tokens.arc, body: { version: 2 } });
		expect(noReason.status).toBe(422);
		expect((await noReason.json()).fields.reason).toBe('Indiquez le motif de l’annulation.');

		const cancelled = await call('DELETE', `${TERRITORY}/activities/${data.id}`, { token: tokens.arc, body: { reason: 'Atelier fermé', version: 2 } });
		expect(cancelled.status).toBe(200);
		expect((await cancelled.json()).data).toMatchObject({ status: 'cancelled', cancelReason: 'Atelier fermé', version: 3 });
	});

	it('in an archived territory every write is refused with 409 and a French message, and reads still answer', async () => {
		for (const [method, route, body] of [
			['POST', 'territoire-archive/activities', activity({ communeCode: '59043' })],
			['PUT', 'territoire-archive/activities/1', { ...activity(), version: 1 }],
			['DELETE', 'territoire-archive/activities/1', { reason: 'Fermé', version: 1 }]
		] as const) {
			const refused = await call(method, route, { token: tokens.archived, body });
			expect(refused.status, `${method} ${route}`).toBe(409);
			expect(await refused.json()).toEqual({ error: 'territories.archived', message: expect.stringContaining('Ce territoire est archivé') });
		}
		const list = await call('GET', 'territoire-archive/activities', { token: tokens.archived });
		expect(list.status).toBe(200);
		expect((await list.json()).data).toEqual([]);
		const catalogue = (await (await fetch(`${server.base}/api/v1/territories`)).json()) as { data: { slug: string; archived: boolean }[] };
		expect(catalogue.data.find((t) => t.slug === 'territoire-archive')).toMatchObject({ archived: true, participations: 0, lastActivityOn: null });
		expect(catalogue.data.find((t) => t.slug === TERRITORY)).toMatchObject({ archived: false, archivedAt: null });
	});

	it('refuses an initiative the token’s organisation does not take part in, field by field in French', async () => {
		const response = await call('POST', `${TERRITORY}/activities`, { token: tokens.arc, body: activity({ initiativeId: foreignInitiative }) });
		expect(response.status).toBe(422);
		expect(await response.json()).toMatchObject({
			error: 'validation.failed',
			fields: { initiativeId: 'Votre organisation ne participe pas à cette initiative.' }
		});
		const invalid = await call('POST', `${TERRITORY}/activities`, { token: tokens.arc, body: activity({ title: '', date: '14/10/2025' }) });
		expect(invalid.status).toBe(422);
		expect((await invalid.json()).fields).toEqual({ title: 'Ce champ est obligatoire.', date: 'Saisissez une date valide (jj/mm/aaaa).' });
	});

	it('asks for a token: none, malformed or revoked gets 401 with WWW-Authenticate, and the session cookie is not enough', async () => {
		for (const token of [undefined, 'mxi_nimportequoi', tokens.revoked]) {
			const response = await call('POST', `${TERRITORY}/activities`, { token, body: activity() });
			expect(response.status, String(token)).toBe(401);
			expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
		}
		const withCookie = await call('GET', `${TERRITORY}/activities`, { headers: { cookie: 'better-auth.session_token=forged' } });
		expect(withCookie.status).toBe(401);
	});

	it('answers 404 for another territory’s token, an unknown territory and an unknown activity', async () => {
		expect((await call('GET', `${TERRITORY}/activities`, { token: tokens.neighbour })).status).toBe(404);
		expect((await call('GET', 'autre-territoire/activities', { token: tokens.arc })).status).toBe(404);
		expect((await call('GET', 'nulle-part/activities', { token: tokens.arc })).status).toBe(404);
		for (const id of ['999999', '99999999999', 'abc', '0']) {
			expect((await call('GET', `${TERRITORY}/activities/${id}`, { token: tokens.arc })).status, id).toBe(404);
		}
		expect((await call('PUT', `${TERRITORY}/activities/999999`, { token: tokens.arc, body: { ...activity(), version: 1 } })).status).toBe(404);
	});

	it('bad JSON is a 400, a missing version a 422, never a 500', async () => {
		for (const raw of ['{"title":', '[]', 'null', '"texte"']) {
			const response = await call('POST', `${TERRITORY}/activities`, { token: tokens.arc, raw });
			expect(response.status, raw).toBe(400);
			expect((await response.json()).error).toBe('request.invalid_json');
		}
		const created = await (await call('POST', `${TERRITORY}/activities`, { token: tokens.arc, body: activity() })).json();
		const noVersion = await call('PUT', `${TERRITORY}/activities/${created.data.id}`, { token: tokens.arc, body: activity() });
		expect(noVersion.status).toBe(422);
		expect(Object.keys((await noVersion.json()).fields)).toEqual(['version']);
		expect(server.output()).not.toContain('"status":500');
	});

	it('an identifier beyond the database’s integers is a field error, not a 500', async () => {
		const huge = await call('POST', `${TERRITORY}/activities`, {
			token: tokens.arc,
			body: activity({ initiativeId: 99999999999, hostOrganisationId: 99999999999 })
		});
		expect(huge.status).toBe(422);
		expect(Object.keys((await huge.json()).fields).sort()).toEqual(['hostOrganisationId', 'initiativeId']);
		const filters = await call('GET', `${TERRITORY}/activities?initiativeId=99999999999&page=99999999`, { token: tokens.arc });
		expect(filters.status).toBe(422);
		expect(Object.keys((await filters.json()).fields).sort()).toEqual(['initiativeId', 'page']);
	});
});
