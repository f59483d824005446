import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { prepareArcApi } from '../support/api-setup';
import { serve, stopServer, type ServedApp } from '../support/serve';

/*
 * The API over HTTP, strict about what it reads: JSON only, integers as JSON numbers, no NUL,
 * French refusals; and POST retried with an Idempotency-Key never duplicates an activity.
 */
const TERRITORY = 'flandre-saint-omer';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-api-strict-'));
let server: ServedApp;
let token = '';
let otherToken = '';
let initiativeId = 0;

beforeAll(async () => {
	const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
	try {
		const api = await prepareArcApi(database, ['Outil Arc', 'Second outil']);
		initiativeId = api.arcInitiative;
		[token, otherToken] = api.tokens.map((t) => t.token) as [string, string];
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

function activity(overrides: Record<string, unknown> = {}) {
	return {
		initiativeId,
		type: 'school_visit',
		title: 'Visite d’atelier',
		date: '2025-10-14',
		communeCode: '62765',
		status: 'done',
		audiences: [{ audience: 'girls', level: 'lycee_pro', count: 12 }],
		...overrides
	};
}

function post(body: unknown, headers: Record<string, string> = {}, bearer = token) {
	return fetch(`${server.base}/api/v1/territories/${TERRITORY}/activities`, {
		method: 'POST',
		headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}

async function titled(title: string): Promise<number> {
	const list = await (await fetch(`${server.base}/api/v1/territories/${TERRITORY}/activities`, { headers: { authorization: `Bearer ${token}` } })).json();
	return list.data.filter((a: { title: string }) => a.title === title).length;
}

describe('API v1 reads strictly what it is sent', () => {
	it('a body not sent as application/json is refused with 415 in French, nothing recorded', async () => {
		for (const type of [undefined, 'application/xml', 'text/plain', 'application/x-www-form-urlencoded']) {
			const response = await fetch(`${server.base}/api/v1/territories/${TERRITORY}/activities`, {
				method: 'POST',
				// Same origin: SvelteKit's CSRF check (form types from elsewhere) is not what is tested here.
				headers: { authorization: `Bearer ${token}`, origin: server.base, ...(type ? { 'content-type': type } : {}) },
				// Bytes: fetch adds no Content-Type of its own.
				body: new TextEncoder().encode(JSON.stringify(activity({ title: 'Sans type' })))
			});
			expect(response.status, String(type)).toBe(415);
			expect(await response.json()).toMatchObject({
				error: 'request.unsupported_media_type',
				message: expect.stringContaining('Content-Type: application/json')
			});
		}
		expect(await titled('Sans type')).toBe(0);
	});

	it('integers must be JSON numbers: true, "12" or "1" are refused field by field, never read as numbers', async () => {
		const response = await post(
			activity({ title: 'Coercition', initiativeId: true, hostOrganisationId: '1', audiences: [{ audience: 'girls', level: 'lycee_pro', count: '12' }] })
		);
		expect(response.status).toBe(422);
		const fields = (await response.json()).fields;
		expect(fields).toMatchObject({
			initiativeId: 'Indiquez un nombre entier JSON, sans guillemets.',
			hostOrganisationId: 'Indiquez un nombre entier JSON, sans guillemets.',
			'audiences.0.count': 'Indiquez un nombre entier JSON, sans guillemets.'
		});
		expect(await titled('Coercition')).toBe(0);
		const created = await (await post(activity({ title: 'Version texte' }))).json();
		const put = await fetch(`${server.base}/api/v1/territories/${TERRITORY}/activities/${created.data.id}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ ...activity({ title: 'Version texte' }), version: '1' })
		});
		expect(put.status).toBe(422);
		expect((await put.json()).fields.version).toBe('Indiquez un nombre entier JSON, sans guillemets.');
	});

	it('a NUL character in any text is a French field error, not a 500', async () => {
		const response = await post(activity({ title: 'Avec\u0000NUL', notes: 'ok', audiences: [{ audience: 'girls\u0000', level: 'lycee_pro', count: 1 }] }));
		expect(response.status).toBe(422);
		expect((await response.json()).fields).toEqual({
			title: 'Ce champ contient un caractère invisible interdit (NUL) : retirez-le.',
			'audiences.0.audience': 'Ce champ contient un caractère invisible interdit (NUL) : retirez-le.'
		});
		expect(server.output()).not.toContain('"status":500');
	});

	it('a method a route does not accept is a French JSON 405 with Allow', async () => {
		const response = await fetch(`${server.base}/api/v1/territories`, { method: 'DELETE' });
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toContain('GET');
		expect(await response.json()).toMatchObject({ error: 'method_not_allowed', message: expect.stringContaining('n’accepte pas la méthode DELETE') });
	});
});

describe('API v1: POST with an Idempotency-Key', () => {
	it('a retry after a lost answer replays the first answer, marked as a replay, and records nothing more', async () => {
		const body = activity({ title: 'Réessai' });
		const first = await post(body, { 'idempotency-key': 'b7c6a1e2-0001' });
		expect(first.status).toBe(201);
		expect(first.headers.get('idempotent-replayed')).toBeNull();
		const retry = await post(body, { 'idempotency-key': 'b7c6a1e2-0001' });
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(retry.headers.get('location')).toBe(first.headers.get('location'));
		expect(await retry.json()).toEqual(await first.json());
		expect(await titled('Réessai')).toBe(1);
	});

	it('the same key with another body is a 422; another token may use the same key for its own request', async () => {
		await post(activity({ title: 'Clé A' }), { 'idempotency-key': 'cle-partagee' });
		const reused = await post(activity({ title: 'Clé B' }), { 'idempotency-key': 'cle-partagee' });
		expect(reused.status).toBe(422);
		expect((await reused.json()).error).toBe('idempotency.key_reused');
		const other = await post(activity({ title: 'Clé B' }), { 'idempotency-key': 'cle-partagee' }, otherToken);
		expect(other.status).toBe(201);
		expect(other.headers.get('idempotent-replayed')).toBeNull();
		expect([await titled('Clé A'), await titled('Clé B')]).toEqual([1, 1]);
	});

	it('a malformed key is a French 400', async () => {
		const response = await post(activity({ title: 'Clé vide' }), { 'idempotency-key': 'é'.repeat(3) });
		expect(response.status).toBe(400);
		expect((await response.json()).error).toBe('idempotency.invalid_key');
	});

	it('concurrent retries with the same key record exactly one activity', async () => {
		const body = activity({ title: 'Rafale HTTP' });
		const responses = await Promise.all(Array.from({ length: 10 }, () => post(body, { 'idempotency-key': 'rafale-http' })));
		const statuses = responses.map((r) => r.status);
		expect(
			statuses.every((s) => s === 201 || s === 409),
			statuses.join(',')
		).toBe(true);
		expect(responses.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
		expect(await titled('Rafale HTTP')).toBe(1);
	});
});

describe('API v1: the indicator reads its query as strictly as the lists, and labels its figures in French', () => {
	const territoryIndicator = (query: string) => fetch(`${server.base}/api/v1/territories/${TERRITORY}/indicator${query}`);
	const nationalIndicator = (query: string) => fetch(`${server.base}/api/v1/indicator${query}`);
	/** What the right question answers, read before and after the wrong ones. */
	const RIGHT = '?fromMonth=2024-11&toMonth=2025-01';
	let before: unknown;

	beforeAll(async () => {
		// Months no other test of this file records in: 7 girls in November 2024, 5 in January 2025.
		for (const [date, count] of [
			['2024-11-05', 7],
			['2025-01-20', 5]
		] as const) {
			const created = await post(activity({ title: `Indicateur ${date}`, date, audiences: [{ audience: 'girls', level: 'lycee_pro', count }] }));
			expect(created.status).toBe(201);
		}
		before = (await (await territoryIndicator(RIGHT)).json()).data;
	});

	/** A refusal: 422 in the lists' shape, a French message on each parameter named, no figure. */
	async function refused(response: Response, fields: Record<string, string | RegExp>) {
		expect(response.status, response.url).toBe(422);
		const body = await response.json();
		expect(body, response.url).toEqual({ error: 'validation.failed', message: expect.any(String), fields: expect.any(Object) });
		expect(Object.keys(body.fields).sort(), response.url).toEqual(Object.keys(fields).sort());
		for (const [name, message] of Object.entries(fields)) expect(body.fields[name], `${response.url} ${name}`).toMatch(message);
	}

	it('a malformed school year or month, months in reverse order, a year with months: 422 on that parameter, in French', async () => {
		await refused(await territoryIndicator('?schoolYear=2026'), { schoolYear: /^Année scolaire attendue sous la forme 2025-2026/ });
		await refused(await territoryIndicator('?fromMonth=abc'), { fromMonth: 'Indiquez un mois au format AAAA-MM (par exemple 2026-09).' });
		await refused(await territoryIndicator('?toMonth=2025-13'), { toMonth: 'Indiquez un mois au format AAAA-MM (par exemple 2026-09).' });
		await refused(await territoryIndicator('?fromMonth=2026-11&toMonth=2026-01'), { toMonth: 'La fin doit être postérieure au début.' });
		await refused(await territoryIndicator('?schoolYear=2024-2025&fromMonth=2024-11'), {
			schoolYear: 'Une seule période à la fois : une année scolaire ou une plage de mois.'
		});
		await refused(await territoryIndicator('?schoolYear=2026&fromMonth=abc'), { schoolYear: /^Année scolaire/, fromMonth: /^Indiquez un mois/ });
	});

	it('an initiative that is not one of this territory’s, or not a number: 422 on initiativeId, never zeros', async () => {
		await refused(await territoryIndicator('?initiativeId=999'), { initiativeId: /^Ce territoire n’a aucune initiative portant ce numéro\./ });
		await refused(await territoryIndicator('?initiativeId=abc'), { initiativeId: 'Saisissez un nombre entier positif.' });
		await refused(await territoryIndicator('?initiativeId=-3'), { initiativeId: 'Saisissez un nombre entier positif.' });
	});

	it('an unknown parameter is a 422 naming the accepted ones, not ignored', async () => {
		await refused(await territoryIndicator('?schoolyear=2024-2025'), {
			schoolyear: 'Paramètre inconnu. Paramètres acceptés : schoolYear, fromMonth, toMonth, initiativeId.'
		});
		await refused(await territoryIndicator('?audience=girls&schoolYear=2024-2025'), { audience: /^Paramètre inconnu\./ });
	});

	it('the national indicator reads its period as strictly; it takes no initiative', async () => {
		await refused(await nationalIndicator('?schoolYear=2026'), { schoolYear: /^Année scolaire attendue/ });
		await refused(await nationalIndicator('?fromMonth=abc'), { fromMonth: /^Indiquez un mois au format AAAA-MM/ });
		await refused(await nationalIndicator('?fromMonth=2026-11&toMonth=2026-01'), { toMonth: 'La fin doit être postérieure au début.' });
		await refused(await nationalIndicator(`?initiativeId=${initiativeId}`), {
			initiativeId: 'Paramètre inconnu. Paramètres acceptés : schoolYear, fromMonth, toMonth.'
		});
	});

	it('the refusals changed nothing: the right questions answer the right figures, labelled in French with the code as key', async () => {
		const response = await territoryIndicator(RIGHT);
		expect(response.status).toBe(200);
		const { data } = await response.json();
		expect(data).toEqual(before);
		expect(data.period).toMatchObject({ fromMonth: '2024-11-01', toMonth: '2025-01-01' });
		expect(data.participations).toBe(12);
		expect(data.byAudience).toEqual([{ key: 'girls', label: 'Filles', participations: 12 }]);
		expect(data.byLevel).toEqual([
			{ key: 'girls|lycee_pro', label: 'Filles — Lycée professionnel', audience: 'girls', level: 'lycee_pro', participations: 12 }
		]);
		expect(data.byType).toEqual([{ key: 'school_visit', label: 'Intervention en établissement scolaire', participations: 12, activities: 2 }]);
		expect(data.byMonth.map((m: { key: string; label: string; participations: number }) => [m.key, m.label, m.participations])).toEqual([
			['2024-11-01', 'nov. 2024', 7],
			// A month without activity between two others is given as zero (no gap in a time axis).
			['2024-12-01', 'déc. 2024', 0],
			['2025-01-01', 'janv. 2025', 5]
		]);
		expect(data.bySchoolYear).toEqual([{ key: '2024-2025', label: '2024-2025', participations: 12, activities: 2 }]);
		const year = (await (await territoryIndicator(`?schoolYear=2024-2025&initiativeId=${initiativeId}`)).json()).data;
		expect([year.initiativeId, year.participations, year.period.from, year.period.to]).toEqual([initiativeId, 12, '2024-09-01', '2025-08-31']);
		const november = (await (await territoryIndicator('?fromMonth=2024-11&toMonth=2024-11')).json()).data;
		expect(november.participations).toBe(7);
		const national = await nationalIndicator('?schoolYear=2024-2025');
		expect(national.status).toBe(200);
		const whole = (await national.json()).data;
		expect(whole.byAudience).toContainEqual({ key: 'girls', label: 'Filles', participations: expect.any(Number) });
		expect(whole.byTerritory.find((t: { slug: string }) => t.slug === TERRITORY)).toMatchObject({ participations: 12 });
	});
});
