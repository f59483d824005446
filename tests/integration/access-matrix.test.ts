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
import { insertPlatformRole, insertRole, markEmailVerified } from '../../src/lib/server/accounts/accounts.repository';
import { createAuth } from '../../src/lib/server/accounts/auth';
import { can, type Principal } from '../../src/lib/server/accounts/permissions';
import { createActivity } from '../../src/lib/server/activities/activities.usecases';
import { attachAgreementFile, createAgreement } from '../../src/lib/server/agreements/agreements.usecases';
import { prepareDatabase } from '../../src/lib/server/bootstrap';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { interventionRequests } from '../../src/lib/server/interventions/interventions.table';
import { insertOrganisation, listOrganisations } from '../../src/lib/server/organisations/organisations.repository';
import { createCohort } from '../../src/lib/server/mentoring/mentoring.usecases';
import { createTraining } from '../../src/lib/server/trainings/trainings.usecases';
import { completePortrait } from '../support/portraits';
import { createRoleModel } from '../../src/lib/server/role-models/role-models.usecases';
import { uploadRoleModelPhoto } from '../../src/lib/server/role-models/role-models.photos';
import { SYSTEM_ACTOR } from '../../src/lib/server/shared/scope';
import { createToken } from '../../src/lib/server/tokens/tokens.usecases';
import { enqueueMail } from '../../src/lib/server/outbox/outbox.repository';
import { defaultTerritory, doneActivity, otherTerritory } from '../support/fixtures';
import { startPostgres } from '../support/pg-server';
import { endpointMethods, formActionNames } from '../support/source-ast';
import { serve, stopServer, type ServedApp } from '../support/serve';
import { adminActor } from '../support/actors';
import { RULES, type Access, type RouteRule } from './access-matrix.rules';

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

interface Role {
	name: string;
	principal: Principal | null;
	cookie: string;
}

let pg: Awaited<ReturnType<typeof startPostgres>>;
let database: Database;
let app: ServedApp;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-matrix-'));
const roles: Role[] = [];
const territories: Record<
	'A' | 'B',
	{
		slug: string;
		id: number;
		activityId: number;
		agreementId: number;
		initiativeId: number;
		communeCode: string;
		organisationId: number;
		memberId: string;
		tokenId: number;
		cohortId: number;
		trainingId: number;
		portraitId: number;
		outboxId: number;
		requestId: number;
		profileId: number;
	}
> = {} as never;

async function makeUser(
	auth: ReturnType<typeof createAuth>,
	name: string,
	grants: { territoryId: number; role: string; organisationId?: number | null }[],
	admin = false
): Promise<Role> {
	const email = `${name}@example.org`;
	const result = await auth.api.signUpEmail({ body: { name, email, password: 'une phrase de passe assez longue' }, returnHeaders: true });
	const userId = result.response.user.id;
	await markEmailVerified(database.db, userId);
	for (const g of grants) await insertRole(database.db, { userId, ...g });
	if (admin) await insertPlatformRole(database.db, userId, 'admin');
	// Two-step verification is its own test (e2e); here coordinators and admins count as enrolled.
	await database.db.execute(sql`update "user" set two_factor_enabled = true where id = ${userId}`);
	const cookie = (result.headers.get('set-cookie') ?? '')
		.split(/,(?=\s*[\w.-]+=)/)
		.map((c) => c.split(';')[0]!.trim())
		.join('; ');
	return {
		name,
		cookie,
		principal: {
			userId,
			platformAdmin: admin,
			roles: grants.map((g) => ({ territoryId: g.territoryId, role: g.role, organisationId: g.organisationId ?? null }))
		}
	};
}

/** What the database holds for one territory: any forged write changes it. */
async function fingerprint(territoryId: number) {
	const result = await database.db.execute(sql`select
		(select count(*) || ':' || coalesce(sum(version), 0) || ':' || count(*) filter (where status = 'cancelled') from activities where territory_id = ${territoryId}) as activities,
		(select count(*) || ':' || coalesce(sum(version), 0) from agreements where territory_id = ${territoryId}) as agreements,
		(select count(*) from agreement_files where territory_id = ${territoryId}) as files,
		(select count(*) from invitations where territory_id = ${territoryId}) as invitations,
		(select count(*) || ':' || count(*) filter (where revoked_at is not null) from api_tokens where territory_id = ${territoryId}) as tokens,
		(select count(*) from territory_roles r join "user" u on u.id = r.user_id where r.territory_id = ${territoryId} and u.deactivated_at is null) as members,
		(select coalesce(starts_on::text, '') || coalesce(ends_on::text, '') || title || coalesce(quote, '') || coalesce(copied_from_plan_id::text, '') from action_plans where territory_id = ${territoryId} limit 1) as plan,
		(select count(*) || ':' || coalesce(string_agg(name || coalesce(siren, ''), ',' order by id), '') from organisations where territory_id = ${territoryId}) as organisations,
		(select count(*) from organisation_statuses where territory_id = ${territoryId}) as statuses,
		(select count(*) || ':' || coalesce(string_agg(name || status, ',' order by id), '') from initiatives where territory_id = ${territoryId}) as initiatives,
		(select count(*) from plan_statements where territory_id = ${territoryId}) + (select count(*) from objectives where territory_id = ${territoryId}) + (select count(*) from plan_contacts where territory_id = ${territoryId}) + (select count(*) from plan_organisations where territory_id = ${territoryId}) as sections,
		(select count(*) from objectives where territory_id = ${territoryId}) || ':' || (select count(*) from initiatives where territory_id = ${territoryId}) || ':' || (select count(*) from plan_statements where territory_id = ${territoryId}) as sheet,
		(select count(*) || ':' || coalesce(sum(version), 0) from trainings where territory_id = ${territoryId}) as trainings,
		(select count(*) from audit_events where territory_id = ${territoryId}) as audit`);
	return (result as unknown as { rows: unknown[] }).rows[0];
}

beforeAll(async () => {
	pg = await startPostgres();
	process.env.DATA_DIR = dataDir;
	database = await openDatabase({ databaseUrl: pg.url });
	await prepareDatabase(database, () => {});
	const secret = 'matrix-secret-matrix-secret-matrix-secret';
	const auth = createAuth(database.db, { baseURL: 'http://localhost:3000', secret });
	const a = await defaultTerritory(database.db);
	const b = await otherTerritory(database.db);
	const capital = (await listOrganisations(database.db, a.scope)).find((o) => o.name === 'Capital Filles')!;
	const orgB = await insertOrganisation(database.db, b.scope, { name: 'Entreprise voisine', kind: 'firm' });
	const verrElles = a.initiatives.find((i) => i.slug === 'verr-elles')!.id;
	const today = '2026-11-20';
	const actA = await createActivity(database.db, a.scope, SYSTEM_ACTOR, doneActivity(verrElles), { today });
	const actB = await createActivity(database.db, b.scope, SYSTEM_ACTOR, doneActivity(b.initiativeId, { communeCode: b.communeCode }), { today });
	const pdf = new TextEncoder().encode('%PDF-1.4\n%test\n');
	const agrA = await createAgreement(database.db, a.scope, SYSTEM_ACTOR, {
		title: 'Convention Capital Filles',
		object: 'Marrainage',
		partyIds: [String(capital.id)],
		initiativeIds: []
	});
	const agrB = await createAgreement(database.db, b.scope, SYSTEM_ACTOR, {
		title: 'Convention voisine',
		object: 'Visites',
		partyIds: [String(orgB.id)],
		initiativeIds: []
	});
	await attachAgreementFile(database.db, a.scope, SYSTEM_ACTOR, agrA.id, { name: 'a.pdf', bytes: pdf });
	await attachAgreementFile(database.db, b.scope, SYSTEM_ACTOR, agrB.id, { name: 'b.pdf', bytes: pdf });
	const schoolA = await insertOrganisation(database.db, a.scope, { name: 'Lycée Ribot', kind: 'school' });
	const schoolB = await insertOrganisation(database.db, b.scope, { name: 'Lycée voisin', kind: 'school' });
	const cohortA = await createCohort(database.db, a.scope, SYSTEM_ACTOR, {
		schoolYear: '2025-2026',
		schoolOrganisationId: String(schoolA.id),
		pairsFormed: '12'
	});
	const cohortB = await createCohort(database.db, b.scope, SYSTEM_ACTOR, {
		initiativeId: String(b.initiativeId),
		schoolYear: '2025-2026',
		schoolOrganisationId: String(schoolB.id),
		pairsFormed: '5'
	});
	// A training in each territory, at its school (« Métiers et formations »).
	const trainingOf = (scope: typeof a.scope, schoolId: number, communeCode: string) =>
		createTraining(database.db, scope, SYSTEM_ACTOR, {
			title: 'Bac pro Pilote de ligne',
			schoolOrganisationId: String(schoolId),
			level: 'bac_pro',
			communeCode,
			jobFamilies: ['line_operation']
		});
	const trainingA = await trainingOf(a.scope, schoolA.id, '62765');
	const trainingB = await trainingOf(b.scope, schoolB.id, b.communeCode);
	// An online video portrait in each territory (files under DATA_DIR, read by the served app).
	const thisDay = new Date().toISOString().slice(0, 10);
	const nextYear = `${Number(thisDay.slice(0, 4)) + 1}${thisDay.slice(4)}`;
	const portraitOf = (scope: typeof a.scope) =>
		completePortrait(database.db, scope, SYSTEM_ACTOR, { signedOn: '2026-01-05', expiresOn: nextYear, publishAt: new Date() });
	const [portraitA, portraitB] = [await portraitOf(a.scope), await portraitOf(b.scope)];
	const profileA = await createRoleModel(database.db, a.scope, SYSTEM_ACTOR, { firstName: 'Sophie', lastName: 'A', email: 'sophie@a.example' });
	const profileB = await createRoleModel(database.db, b.scope, SYSTEM_ACTOR, { firstName: 'Inès', lastName: 'B', email: 'ines@b.example' });
	const A = a.scope.territoryId;
	const B = b.scope.territoryId;
	// Both profiles public, with a photo: what « Elles témoignent » shows to anyone.
	for (const [scope, profile] of [
		[a.scope, profileA],
		[b.scope, profileB]
	] as const) {
		await database.db.execute(sql`update role_model_profiles set public_consent_at = now() where id = ${profile.id}`);
		await uploadRoleModelPhoto(
			database.db,
			scope,
			SYSTEM_ACTOR,
			{ id: profile.id },
			{ bytes: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]) }
		);
	}
	const requestOf = async (territoryId: number, communeCode: string) =>
		(
			await database.db
				.insert(interventionRequests)
				.values({
					territoryId,
					followTokenHash: `matrix-${territoryId}`,
					requesterKind: 'school',
					organisationName: 'Collège',
					kindCode: 'classroom_talk',
					audience: 'girls',
					level: 'college',
					expectedSize: 28,
					// Wished in the weeks to come: the server's scheduled work would expire a past period (an audit event) mid-test.
					wishedFrom: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
					wishedTo: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
					communeCode,
					contactName: 'Contact'
				})
				.returning()
		)[0]!.id;
	const reqA = await requestOf(A, '62765');
	const reqB = await requestOf(B, b.communeCode);
	roles.push({ name: 'anonymous', principal: null, cookie: '' });
	roles.push(await makeUser(auth, 'coordination-a', [{ territoryId: A, role: 'coordinator' }]));
	roles.push(await makeUser(auth, 'partenaire-a', [{ territoryId: A, role: 'partner', organisationId: capital.id }]));
	roles.push(await makeUser(auth, 'financeur-a', [{ territoryId: A, role: 'funder' }]));
	roles.push(await makeUser(auth, 'ambassadrice-a', [{ territoryId: A, role: 'role_model' }]));
	roles.push(await makeUser(auth, 'demandeur-a', [{ territoryId: A, role: 'requester' }]));
	roles.push(await makeUser(auth, 'coordination-b', [{ territoryId: B, role: 'coordinator' }]));
	roles.push(await makeUser(auth, 'administration', [], true));
	const memberA = await makeUser(auth, 'membre-a', [{ territoryId: A, role: 'funder' }]);
	const memberB = await makeUser(auth, 'membre-b', [{ territoryId: B, role: 'funder' }]);
	const admin = adminActor('test');
	const tokenA = await createToken(
		database.db,
		a.scope,
		admin,
		{ userId: 'admin', platformAdmin: true, roles: [] },
		{ name: 'A', organisationId: String(capital.id) }
	);
	const tokenB = await createToken(
		database.db,
		b.scope,
		admin,
		{ userId: 'admin', platformAdmin: true, roles: [] },
		{ name: 'B', organisationId: String(orgB.id) }
	);
	// A failed e-mail in each territory: what "Renvoyer" names.
	const failedMail = async (territoryId: number) => {
		const id = await enqueueMail(database.db, { territoryId, kind: 'invitation', to: 'echec@example.org', subject: 'Invitation', text: 'Bonjour' });
		await database.db.execute(sql`update mail_outbox set status = 'failed', attempts = 8 where id = ${id}`);
		return id;
	};
	const [outboxA, outboxB] = [await failedMail(A), await failedMail(B)];
	territories.A = {
		slug: 'flandre-saint-omer',
		id: A,
		activityId: actA.id,
		agreementId: agrA.id,
		initiativeId: verrElles,
		communeCode: '62765',
		organisationId: capital.id,
		memberId: memberA.principal!.userId,
		tokenId: tokenA.id,
		cohortId: cohortA.id,
		trainingId: trainingA.id,
		portraitId: portraitA.id,
		outboxId: outboxA,
		requestId: reqA,
		profileId: profileA.id
	};
	territories.B = {
		slug: 'autre-territoire',
		id: B,
		activityId: actB.id,
		agreementId: agrB.id,
		initiativeId: b.initiativeId,
		communeCode: b.communeCode,
		organisationId: orgB.id,
		memberId: memberB.principal!.userId,
		tokenId: tokenB.id,
		cohortId: cohortB.id,
		trainingId: trainingB.id,
		portraitId: portraitB.id,
		outboxId: outboxB,
		requestId: reqB,
		profileId: profileB.id
	};
	app = await serve({ DATABASE_URL: pg.url, DATA_DIR: dataDir, BETTER_AUTH_SECRET: secret });
}, 400_000);

afterAll(async () => {
	if (app) await stopServer(app);
	await database?.close();
	await pg?.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The record a route's [id] names: one of the territory's own, so that allowed roles reach it. */
function idFor(route: string, t: (typeof territories)['A']): number {
	if (route.includes('conventions')) return t.agreementId;
	if (route.includes('organisations')) return t.organisationId;
	if (route.includes('intervenantes') || route.includes('temoins')) return t.profileId;
	if (route.includes('initiatives')) return t.initiativeId;
	if (route.includes('marrainage')) return t.cohortId;
	if (route.includes('metiers-formations')) return t.trainingId;
	if (route.includes('portraits')) return t.portraitId;
	if (route.includes('demandes')) return t.requestId;
	if (route.includes('role-models')) return t.profileId;
	if (route.includes('requests')) return t.requestId;
	return t.activityId;
}

function urlFor(route: string, t: (typeof territories)['A']): string {
	return route
		.replace('[territory]', t.slug)
		.replace('[id]', String(idFor(route, t)))
		.replace('[token]', 'jeton-inconnu');
}

/** A plausible, valid-looking form for the target territory: what an attacker would send. */
function forgedForm(t: (typeof territories)['A'], version = '1'): URLSearchParams {
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

	it('no role of one territory reads or writes anything of another territory, whatever it sends', async () => {
		const before = { A: await fingerprint(territories.A.id), B: await fingerprint(territories.B.id) };
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
		expect(await fingerprint(territories.A.id)).toEqual(before.A);
		expect(await fingerprint(territories.B.id)).toEqual(before.B);
	}, 300_000);

	it('on its own territory each role gets exactly what the permission matrix grants, and anonymous visitors are sent to sign in', async () => {
		const home = (role: Role) => (role.principal?.roles[0]?.territoryId === territories.B.id ? territories.B : territories.A);
		const outcomeFor = (access: Access, role: Role, route: string, t: (typeof territories)['A']) =>
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
