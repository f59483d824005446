/**
 * Every route and API endpoint, found on disk, against every role, on its own territory and on
 * another one. A new route without an entry in RULES (access-matrix.rules.ts) fails the first
 * test: nothing escapes the matrix.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../src/lib/server/accounts/permissions';
import { prepareDatabase } from '../../src/lib/server/bootstrap';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { startPostgres } from '../support/pg-server';
import { endpointMethods, formActionNames } from '../support/source-ast';
import { serve, stopServer, type ServedApp } from '../support/serve';
import { schoolYearOf } from '../../src/lib/domain/reference';
import { todayInParis } from '../../src/lib/server/shared/paris-time';
import { pdfText } from '../support/pdf';
import { RULES, type Access, type RouteRule } from './access-matrix.rules';
import { fingerprint, seedMatrix, urlFor, type MatrixTerritory, type Role } from './access-matrix.world';

const ROUTES_DIR = path.resolve(import.meta.dirname, '../../src/routes');

/** Every route on disk with its methods and form actions. */
function discoverRoutes(dir = ROUTES_DIR, prefix = ''): Record<string, RouteRule> {
	const out: Record<string, RouteRule> = {};
	const entries = fs.readdirSync(dir, { withFileTypes: true });
	const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
	const route = prefix === '' ? '/' : prefix;
	const rule: RouteRule = {};
	if (files.has('+page.svelte')) rule.GET = 'public';
	if (files.has('+page.server.ts')) {
		const file = path.join(dir, '+page.server.ts');
		// Read from the syntax tree: the property names of `export const actions = { … }`.
		const names = formActionNames(file, fs.readFileSync(file, 'utf8'));
		if (names) rule.actions = Object.fromEntries(names.map((name) => [name, 'public' as Access]));
	}
	if (files.has('+server.ts')) {
		const file = path.join(dir, '+server.ts');
		for (const method of endpointMethods(file, fs.readFileSync(file, 'utf8'))) rule[method as 'GET'] = 'public';
	}
	if (Object.keys(rule).length > 0) out[route] = rule;
	for (const e of entries) if (e.isDirectory()) Object.assign(out, discoverRoutes(path.join(dir, e.name), `${prefix}/${e.name}`));
	return out;
}

/** The shape of a rule (methods and action names), to compare with what is on disk. */
function shape(rules: Record<string, RouteRule>) {
	return Object.fromEntries(
		Object.entries(rules)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([r, rule]) => [r, [...Object.keys(rule).filter((k) => k !== 'actions'), ...Object.keys(rule.actions ?? {}).map((a) => `action:${a}`)].sort()])
	);
}

let pg: Awaited<ReturnType<typeof startPostgres>>;
let database: Database;
let app: ServedApp;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-matrix-'));
let roles: Role[] = [];
let territories: Record<'A' | 'B', MatrixTerritory>;

beforeAll(async () => {
	pg = await startPostgres();
	process.env.DATA_DIR = dataDir;
	database = await openDatabase({ databaseUrl: pg.url });
	await prepareDatabase(database, () => {});
	const secret = 'matrix-secret-matrix-secret-matrix-secret';
	({ roles, territories } = await seedMatrix(database, secret));
	app = await serve({ DATABASE_URL: pg.url, DATA_DIR: dataDir, BETTER_AUTH_SECRET: secret });
}, 400_000);

afterAll(async () => {
	if (app) await stopServer(app);
	await database?.close();
	await pg?.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A plausible, valid-looking form for the target territory: what an attacker would send. */
function forgedForm(t: MatrixTerritory, version = '1'): URLSearchParams {
	return new URLSearchParams({
		title: 'Écriture forgée',
		object: 'Objet forgé',
		initiativeId: String(t.initiativeId),
		type: 'school_visit',
		date: '2026-10-01',
		status: 'done',
		communeCode: t.communeCode,
		'aud.girls.college': '7',
		reason: 'forgé',
		version,
		email: 'intrusion@example.org',
		role: 'coordinator',
		organisationId: String(t.organisationId),
		partyIds: String(t.organisationId),
		name: 'Intrusion',
		startsOn: '2020-01-01',
		endsOn: '2030-12-31',
		userId: t.memberId,
		id: String(t.tokenId),
		messageId: String(t.outboxId),
		// "Partir de ce plan": the other territory's plan, a real one to copy from.
		source: t.slug === territories.A.slug ? territories.B.slug : territories.A.slug
	});
}

async function request(method: string, url: string, role: Role, body?: URLSearchParams) {
	return fetch(`${app.base}${url}`, {
		method,
		redirect: 'manual',
		headers: { cookie: role.cookie, origin: app.base, accept: 'text/html', ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
		body
	});
}

/** The expected answer class for a role and an access rule on a territory. */
function expected(access: Access, role: Role, territoryId: number | null, route: string): 'ok' | 'signin' | 'hidden' | 'bearer' {
	if (access === 'public') return 'ok';
	if (access === 'secret-link') return 'hidden';
	if (access === 'bearer') return 'bearer';
	if (!role.principal) return 'signin';
	if (access === 'signed-in') return 'ok';
	if (access === 'platform-admin') return role.principal.platformAdmin ? 'ok' : 'hidden';
	if (territoryId === null || !can(role.principal, access, territoryId)) return 'hidden';
	// Record level: the partner's organisation does not take part in the Verr'Elles activity.
	const partnerOnly = role.principal.roles.every((r) => r.role === 'partner') && !role.principal.platformAdmin;
	if (partnerOnly && route.startsWith('/t/[territory]/actions/[id]')) return 'hidden';
	// Mentoring: a requester reaches no cohort; a role model only those she mentors (none here).
	const only = (name: string) => !role.principal!.platformAdmin && role.principal!.roles.every((r) => r.role === name);
	if (route.startsWith('/t/[territory]/marrainage') && only('requester')) return 'hidden';
	if (route.startsWith('/t/[territory]/marrainage/[id]') && only('role_model')) return 'hidden';
	// A request without a network counts under no initiative: no partner reaches it.
	if (partnerOnly && route.startsWith('/t/[territory]/demandes/[id]')) return 'hidden';
	// « Mes demandes »: a request is hers only when made with her verified address; the matrix's was made by no account.
	if (route.startsWith('/t/[territory]/mes-demandes/[id]')) return 'hidden';
	return 'ok';
}

/** Pages that send a signed-in visitor on (the sign-in form) instead of showing themselves. */
const REDIRECT_WHEN_SIGNED_IN = ['/connexion'];

function check(outcome: ReturnType<typeof expected>, response: Response, method: string, label: string, signedIn = false, route = '') {
	const location = response.headers.get('location') ?? '';
	if (outcome === 'signin') {
		expect(response.status, label).toBe(303);
		expect(location, label).toMatch(/^\/connexion\?redirect=/);
	} else if (outcome === 'hidden') {
		expect(response.status, label).toBe(404);
	} else if (outcome === 'bearer') {
		expect(response.status, label).toBe(401);
	} else if (method === 'GET') {
		expect(response.status, label).toBe(signedIn && REDIRECT_WHEN_SIGNED_IN.includes(route) ? 303 : 200);
	} else {
		expect(response.status, label).toBeLessThan(500);
		expect(response.status, label).not.toBe(404);
	}
}

describe('the role × route matrix', () => {
	it('covers every route and endpoint on disk, and only those', () => {
		expect(shape(RULES)).toEqual(shape(discoverRoutes()));
	});

	it('a public photo is served with its detected type, nosniff and a cache that asks again, and withdrawn consent hides it at once', async () => {
		const url = `/t/${territories.A.slug}/temoins/${territories.A.profileId}/photo`;
		const anonymous = roles.find((r) => r.name === 'anonymous')!;
		const response = await request('GET', url, anonymous);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/jpeg');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('cache-control')).toContain('no-cache');
		await database.db.execute(sql`update role_model_profiles set public_consent_withdrawn_at = now() where id = ${territories.A.profileId}`);
		try {
			expect((await request('GET', url, anonymous)).status).toBe(404);
			expect((await request('GET', `/t/${territories.A.slug}/temoins/${territories.A.profileId}`, anonymous)).status).toBe(404);
		} finally {
			await database.db.execute(sql`update role_model_profiles set public_consent_withdrawn_at = null where id = ${territories.A.profileId}`);
		}
	});

	it('the yearly report: a funder gets the PDF of a school year, a malformed or far-off year is a French 400 on the report’s page (never a 500), a partner the same 404 as an unknown page', async () => {
		const url = `/t/${territories.A.slug}/bilan.pdf`;
		const role = (name: string) => roles.find((r) => r.name === name)!;
		const year = schoolYearOf(todayInParis());
		for (const reader of ['coordination-a', 'financeur-a']) {
			const ok = await request('GET', `${url}?annee=${year}`, role(reader));
			expect(ok.status, reader).toBe(200);
			expect(ok.headers.get('content-type')).toBe('application/pdf');
			expect(pdfText(new Uint8Array(await ok.arrayBuffer()))).toContain(`Année scolaire ${year}`);
		}
		for (const bad of ['2025-2027', '2025', 'deux-mille', '1990-1991', '']) {
			// Sent to the report's page, where the refusal is the site's own error page (an endpoint's is bare).
			const sent = await request('GET', `${url}?annee=${encodeURIComponent(bad)}`, role('financeur-a'));
			expect(sent.status, bad).toBe(303);
			expect(sent.headers.get('location'), bad).toBe(`/t/${territories.A.slug}/bilan?annee=${encodeURIComponent(bad)}`);
			const refused = await request('GET', sent.headers.get('location')!, role('financeur-a'));
			expect(refused.status, bad).toBe(400);
			expect(await refused.text()).toContain('Année scolaire attendue sous la forme 2025-2026');
		}
		expect((await request('GET', `${url}?annee=${year}`, role('partenaire-a'))).status).toBe(404);
		// Without a year: the current school year's report.
		const current = await request('GET', url, role('financeur-a'));
		expect(current.status).toBe(200);
		expect(current.headers.get('content-disposition')).toContain(`bilan-${territories.A.slug}-${year}.pdf`);
	});

	it('no role of one territory reads or writes anything of another territory, whatever it sends', async () => {
		const before = { A: await fingerprint(database, territories.A.id), B: await fingerprint(database, territories.B.id) };
		for (const [route, rule] of Object.entries(RULES).filter(([r]) => r.includes('[territory]'))) {
			for (const role of roles.filter((r) => r.principal && !r.principal.platformAdmin)) {
				const home = role.principal!.roles[0]!.territoryId;
				const other = home === territories.A.id ? territories.B : territories.A;
				const url = urlFor(route, other);
				for (const [method, access] of Object.entries(rule).filter(([k]) => k !== 'actions') as [string, Access][]) {
					const response = await request(method, url, role, method === 'GET' ? undefined : forgedForm(other));
					check(expected(access, role, other.id, route), response, method, `${role.name} ${method} ${url}`);
				}
				for (const [action, access] of Object.entries(rule.actions ?? {})) {
					const target = `${url}?/${action}`.replace('?/default', '');
					const response = await request('POST', target, role, forgedForm(other));
					check(expected(access, role, other.id, route), response, 'POST', `${role.name} POST ${target}`);
				}
			}
		}
		expect(await fingerprint(database, territories.A.id)).toEqual(before.A);
		expect(await fingerprint(database, territories.B.id)).toEqual(before.B);
	}, 300_000);

	it('on its own territory each role gets exactly what the permission matrix grants, and anonymous visitors are sent to sign in', async () => {
		const home = (role: Role) => (role.principal?.roles[0]?.territoryId === territories.B.id ? territories.B : territories.A);
		const outcomeFor = (access: Access, role: Role, route: string, t: MatrixTerritory) =>
			expected(access, role, route.includes('[territory]') ? t.id : null, route);
		for (const [route, rule] of Object.entries(RULES)) {
			for (const role of roles) {
				const t = home(role);
				if (!rule.GET) continue;
				const response = await request('GET', urlFor(route, t), role);
				check(outcomeFor(rule.GET, role, route, t), response, 'GET', `${role.name} GET ${urlFor(route, t)}`, !!role.principal, route);
			}
		}
		// Writes last, with a stale version so that nothing versioned is really changed or deleted.
		for (const [route, rule] of Object.entries(RULES).filter(([r]) => r.startsWith('/t/'))) {
			for (const role of roles) {
				const t = home(role);
				for (const [action, access] of Object.entries(rule.actions ?? {})) {
					const target = `${urlFor(route, t)}?/${action}`.replace('?/default', '');
					const response = await request('POST', target, role, forgedForm(t, '999'));
					check(outcomeFor(access, role, route, t), response, 'POST', `${role.name} POST ${target}`);
				}
			}
		}
	}, 300_000);
});
