import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRole, markEmailVerified } from '../../src/lib/server/accounts/accounts.repository';
import { createAuth } from '../../src/lib/server/accounts/auth';
import { createActivity } from '../../src/lib/server/activities/activities.usecases';
import { createAgreement } from '../../src/lib/server/agreements/agreements.usecases';
import { openApiDocument } from '../../src/lib/server/api/openapi';
import { prepareDatabase } from '../../src/lib/server/bootstrap';
import { openDatabase } from '../../src/lib/server/db/client';
import { listOrganisations } from '../../src/lib/server/organisations/organisations.repository';
import { SYSTEM_ACTOR } from '../../src/lib/server/shared/scope';
import { createToken } from '../../src/lib/server/tokens/tokens.usecases';
import { defaultTerritory, doneActivity } from '../support/fixtures';
import { serve, stopServer, type ServedApp } from '../support/serve';
import { adminActor } from '../support/actors';

/*
 * Property: whatever a visitor or a coordinator sends — to every form action, every query
 * parameter of every page and endpoint, every API body — the server never answers 500.
 * Routes, methods and actions are found by parsing the route files (TypeScript compiler API),
 * field names by reading the forms of the rendered pages: a new route or field is fuzzed without
 * touching this file. Seeded, so that a failure can be replayed.
 */
const SEED = 20261129;
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const ROUTES_DIR = path.resolve(import.meta.dirname, '../../src/routes');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-fuzz-'));
const secret = 'fuzz-secret-fuzz-secret-fuzz-secret-fuzz';
let app: ServedApp;
let coordinatorCookie = '';
let apiToken = '';
const ids = { activity: 0, agreement: 0 };
const TERRITORY = 'flandre-saint-omer';

/** Never sent by the signed-in fuzzer: they end its own session or erase its account (still fuzzed anonymously). */
const SESSION_ENDING = ['/deconnexion', '/compte?/erase'];

interface RouteFile {
	route: string;
	page: boolean;
	actions: string[];
	methods: string[];
}

/** Names exported by a route module, read from its syntax tree: `export const GET`, `export const actions = { a, b }`. */
function exportsOf(file: string): { names: string[]; actions: string[] } {
	const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
	const names: string[] = [];
	const actions: string[] = [];
	for (const statement of source.statements) {
		const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (!exported) continue;
		if (ts.isFunctionDeclaration(statement) && statement.name) names.push(statement.name.text);
		if (!ts.isVariableStatement(statement)) continue;
		for (const d of statement.declarationList.declarations) {
			if (!ts.isIdentifier(d.name)) continue;
			names.push(d.name.text);
			let init = d.initializer;
			while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) init = init.expression;
			if (d.name.text === 'actions' && init && ts.isObjectLiteralExpression(init)) {
				for (const p of init.properties) if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) actions.push(p.name.text);
			}
		}
	}
	return { names, actions };
}

function discoverRoutes(dir = ROUTES_DIR, prefix = ''): RouteFile[] {
	const entries = fs.readdirSync(dir, { withFileTypes: true });
	const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
	const route = prefix || '/';
	const found: RouteFile[] = [];
	const pageServer = files.has('+page.server.ts') ? exportsOf(path.join(dir, '+page.server.ts')) : null;
	const server = files.has('+server.ts') ? exportsOf(path.join(dir, '+server.ts')) : null;
	if (files.has('+page.svelte') || server) {
		found.push({
			route,
			page: files.has('+page.svelte'),
			actions: pageServer?.actions ?? [],
			methods: (server?.names ?? []).filter((n) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(n))
		});
	}
	for (const e of entries)
		if (e.isDirectory()) found.push(...discoverRoutes(path.join(dir, e.name), `${prefix}/${e.name.replace(/^\(.+\)$/, '')}`.replace(/\/+$/, '')));
	return found;
}

function urlOf(route: string): string {
	return route
		.replace('[territory]', TERRITORY)
		.replace('[id]', String(route.includes('conventions') ? ids.agreement : ids.activity))
		.replace('[token]', 'jeton-inconnu');
}

interface Form {
	method: 'get' | 'post';
	action: string;
	fields: string[];
}

/** The forms of a rendered page: method, action and the names of their fields. */
function formsOf(html: string, pageUrl: string): Form[] {
	return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((m) => {
		const attributes = m[1]!;
		const method = /method="(\w+)"/i.exec(attributes)?.[1]?.toLowerCase() === 'post' ? 'post' : 'get';
		const raw = /action="([^"]*)"/.exec(attributes)?.[1]?.replaceAll('&amp;', '&') ?? '';
		const action = raw === '' ? pageUrl : raw.startsWith('?') ? `${pageUrl}${raw}` : raw;
		const fields = [...new Set([...m[2]!.matchAll(/\bname="([^"]+)"/g)].map((f) => f[1]!.replaceAll('&amp;', '&')))];
		return { method, action, fields };
	});
}

/** What people type, and what attackers send. */
const nasty = fc.constantFrom(
	'',
	' ',
	'\u0000',
	'a\u0000b',
	'2025-02-30',
	'2025-13-01',
	'2025-00-10',
	'0000-01-01',
	'9999-12-31',
	'2025-2026',
	'2026-2025',
	'2025-13',
	'12e',
	'1e308',
	'-1',
	'0',
	'1',
	'99999999999',
	'NaN',
	'true',
	'null',
	'[]',
	'{}',
	'<script>alert(1)</script>',
	"' or 1=1 --",
	'%00',
	'../../etc/passwd',
	'é'.repeat(5000),
	'x'.repeat(100_000),
	'\ud800',
	'👩‍🏭'
);
const text = fc.oneof(nasty, fc.string(), fc.string({ unit: 'binary' }), fc.integer().map(String), fc.double().map(String));
const anyJson = fc.oneof(
	text,
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.oneof(text, fc.integer()), { maxLength: 3 }),
	fc.dictionary(fc.string(), text, { maxKeys: 3 })
);

function sample<T>(arbitrary: fc.Arbitrary<T>, salt: number): T[] {
	return fc.sample(arbitrary, { seed: SEED + salt, numRuns: RUNS });
}

const serverErrors: string[] = [];

async function send(label: string, url: string, init: RequestInit = {}): Promise<string> {
	const what = `${label} ${init.method ?? 'GET'} ${url.slice(0, 300)} ${typeof init.body === 'string' ? JSON.stringify(init.body.slice(0, 300)) : ''}`;
	try {
		const response = await fetch(`${app.base}${url}`, {
			redirect: 'manual',
			...init,
			headers: { origin: app.base, ...(init.headers as Record<string, string>) }
		});
		if (response.status >= 500) serverErrors.push(`${response.status} ${what}`);
		return await response.text();
	} catch (error) {
		// A connection the server drops mid-answer is as much a failure as a 500: reported with its input.
		serverErrors.push(`connection lost (${String((error as Error).cause ?? error)}) ${what}`);
		return '';
	}
}

beforeAll(async () => {
	const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
	try {
		await prepareDatabase(database, () => {});
		const db = database.db;
		const a = await defaultTerritory(db);
		const auth = createAuth(db, { baseURL: 'http://localhost:3000', secret });
		const result = await auth.api.signUpEmail({
			body: { name: 'Coordination', email: 'coordination@example.org', password: 'une phrase de passe assez longue' },
			returnHeaders: true
		});
		const userId = result.response.user.id;
		await markEmailVerified(db, userId);
		await insertRole(db, { userId, territoryId: a.scope.territoryId, role: 'coordinator' });
		// Two-step verification has its own tests; here the coordinator counts as enrolled.
		await db.execute(sql`update "user" set two_factor_enabled = true where id = ${userId}`);
		coordinatorCookie = (result.headers.get('set-cookie') ?? '')
			.split(/,(?=\s*[\w.-]+=)/)
			.map((c) => c.split(';')[0]!.trim())
			.join('; ');
		const capital = (await listOrganisations(db, a.scope)).find((o) => o.name === 'Capital Filles')!;
		ids.activity = (await createActivity(db, a.scope, SYSTEM_ACTOR, doneActivity(a.initiativeId), { today: '2026-11-20' })).id;
		ids.agreement = (
			await createAgreement(db, a.scope, SYSTEM_ACTOR, { title: 'Convention', object: 'Marrainage', partyIds: [String(capital.id)], initiativeIds: [] })
		).id;
		apiToken = (
			await createToken(
				db,
				a.scope,
				adminActor('fuzz'),
				{ userId: 'admin', platformAdmin: true, roles: [] },
				{ name: 'Fuzz', organisationId: String(capital.id) }
			)
		).token;
	} finally {
		await database.close();
	}
	app = await serve({ DATA_DIR: dataDir, BETTER_AUTH_SECRET: secret });
}, 600_000);

afterAll(async () => {
	if (app) await stopServer(app);
	fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('arbitrary input never gets a 500', () => {
	const routes = discoverRoutes();

	it('finds the routes on disk, with their actions and methods', () => {
		expect(routes.find((r) => r.route === '/t/[territory]/actions/[id]')?.actions.sort()).toEqual(['cancel', 'update']);
		expect(routes.find((r) => r.route === '/api/v1/territories/[territory]/activities')?.methods.sort()).toEqual(['GET', 'POST']);
	});

	it('form actions and query parameters, anonymous and signed in as a coordinator', async () => {
		let salt = 0;
		for (const role of [
			{ name: 'coordinator', cookie: coordinatorCookie },
			{ name: 'anonymous', cookie: '' }
		]) {
			const headers = { cookie: role.cookie, accept: 'text/html' };
			const queryNames = new Set<string>(['page', 'redirect', 'token']);
			const posts = new Map<string, Set<string>>();
			for (const r of routes.filter((r) => r.page)) {
				const url = urlOf(r.route);
				const forms = formsOf(await send(role.name, url, { headers }), url);
				for (const f of forms) {
					if (f.method === 'get') f.fields.forEach((n) => queryNames.add(n));
					else posts.set(f.action, new Set([...(posts.get(f.action) ?? []), ...f.fields]));
				}
				// Actions found on disk but not rendered for this role: posted with every field name of the page.
				const pageFields = forms.flatMap((f) => f.fields);
				for (const action of r.actions) {
					const target = action === 'default' ? url : `${url}?/${action}`;
					if (!posts.has(target)) posts.set(target, new Set(pageFields));
				}
			}
			for (const [target, fieldSet] of posts) {
				if (role.cookie && SESSION_ENDING.includes(target)) continue;
				const fields = [...fieldSet];
				const bodies = sample(fc.record(Object.fromEntries(fields.map((n) => [n, text])) as Record<string, fc.Arbitrary<string>>), salt++);
				for (const values of bodies) {
					const body = new URLSearchParams(values as Record<string, string>).toString();
					await send(role.name, target, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body });
				}
				// The same fields as multipart, as an upload form sends them.
				for (const values of sample(fc.record(Object.fromEntries(fields.map((n) => [n, text])) as Record<string, fc.Arbitrary<string>>), salt++).slice(0, 5)) {
					const form = new FormData();
					for (const [k, v] of Object.entries(values)) form.append(k, v as string);
					await send(role.name, target, { method: 'POST', headers, body: form });
				}
			}
			const getRoutes = routes.filter((r) => r.page || r.methods.includes('GET')).map((r) => urlOf(r.route));
			const names = [...queryNames, ...openApiQueryNames()];
			for (const url of getRoutes) {
				for (const values of sample(fc.dictionary(fc.constantFrom(...names), text, { minKeys: 1, maxKeys: 4 }), salt++)) {
					const query = new URLSearchParams(values).toString();
					await send(role.name, `${url}?${query}`, { headers });
				}
			}
		}
		expect(serverErrors, app.output().slice(-4000)).toEqual([]);
	}, 600_000);

	it('API bodies, with the token and without', async () => {
		let salt = 1000;
		const fields = ['initiativeId', 'type', 'title', 'date', 'communeCode', 'hostOrganisationId', 'status', 'notes', 'audiences', 'version', 'reason'];
		const body = fc.oneof(
			fc.record(Object.fromEntries(fields.map((f) => [f, anyJson])), { requiredKeys: [] }),
			fc.record(
				{
					...Object.fromEntries(fields.map((f) => [f, anyJson])),
					audiences: fc.array(fc.record({ audience: anyJson, level: anyJson, count: anyJson }), { maxLength: 4 })
				},
				{ requiredKeys: [] }
			),
			anyJson
		);
		const targets = routes
			.filter((r) => r.route.startsWith('/api/'))
			.flatMap((r) => r.methods.filter((m) => m !== 'GET').map((m) => ({ method: m, url: urlOf(r.route) })));
		expect(targets.length).toBeGreaterThan(0);
		for (const bearer of [apiToken, '']) {
			for (const { method, url } of targets) {
				for (const value of sample(body, salt++)) {
					await send('api', url, {
						method,
						headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
						body: JSON.stringify(value)
					});
				}
				for (const raw of sample(text, salt++).slice(0, 10)) {
					await send('api-raw', url, {
						method,
						headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
						body: raw
					});
				}
			}
		}
		expect(serverErrors).toEqual([]);
	}, 600_000);
});

function openApiQueryNames(): string[] {
	const doc = openApiDocument('http://localhost');
	return Object.values(doc.paths).flatMap((item) =>
		Object.values(item).flatMap((op) =>
			((op as { parameters?: { in: string; name: string }[] }).parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)
		)
	);
}
