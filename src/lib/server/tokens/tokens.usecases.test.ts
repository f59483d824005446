import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { defaultTerritory, doneActivity, otherTerritory } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import type { Principal } from '../accounts/permissions';
import { createActivity } from '../activities/activities.usecases';
import { activities } from '../activities/activities.table';
import { auditEvents } from '../audit/audit.table';
import type { Database } from '../db/client';
import { organisations } from '../organisations/organisations.table';
import { initiativeOrganisations } from '../plan/plan.table';
import { NotFoundError, ValidationError } from '../shared/errors';
import { apiTokens } from './tokens.table';
import { tokenReach } from './tokens.policy';
import { authenticateToken, createToken, listTokens, revokeToken, tokenOrganisationOptions, UnauthorizedError } from './tokens.usecases';
import { adminActor } from '../../../../tests/support/actors';
import { activityReach } from '../activities/activities.policy';
import { listAllInitiativeOrganisations } from '../plan/plan.repository';
import type { Actor } from '../shared/scope';

const coordinator = adminActor('coordinatrice', { label: 'claire@example.org' });
const partner = adminActor('partenaire', { label: 'sofia@example.org' });
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let other: Awaited<ReturnType<typeof otherTerritory>>;
let arc: number;
let capso: number;
let otherOrganisation: number;

async function organisationId(territoryId: number, name: string): Promise<number> {
	const [row] = await database.db
		.select({ id: organisations.id })
		.from(organisations)
		.where(and(eq(organisations.territoryId, territoryId), eq(organisations.name, name)));
	return row!.id;
}

async function storedToken(id: number) {
	const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, id));
	return row!;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
	return promise.then(
		() => null,
		(e: unknown) => e
	);
}

async function fieldKeys(promise: Promise<unknown>): Promise<Record<string, string>> {
	const error = await rejection(promise);
	expect(error).toBeInstanceOf(ValidationError);
	return Object.fromEntries(Object.entries((error as ValidationError).fields).map(([k, v]) => [k, v.key]));
}

const bearer = (token: string) => `Bearer ${token}`;

/** The principals behind the actors: a coordinator of the territory, a partner of Arc France. */
const principal = (role: string, organisationId: number | null): Principal => ({
	userId: 'u',
	platformAdmin: false,
	roles: [{ territoryId: t.scope.territoryId, role, organisationId }]
});
const whole = () => principal('coordinator', null);
const arcPartner = () => principal('partner', arc);
const otherCoordinator = (): Principal => ({
	userId: 'u',
	platformAdmin: false,
	roles: [{ territoryId: other.scope.territoryId, role: 'coordinator', organisationId: null }]
});

// Each test gets its own fresh database: none reads the tokens another one created.
freshDatabasePerTest(async (fresh) => {
	database = fresh;
	t = await defaultTerritory(database.db);
	other = await otherTerritory(database.db);
	arc = await organisationId(t.scope.territoryId, 'Arc France');
	capso = await organisationId(t.scope.territoryId, 'Communauté d’agglomération du Pays de Saint-Omer (CAPSO)');
	const [row] = await database.db.insert(organisations).values({ territoryId: other.scope.territoryId, name: 'Voisine', kind: 'association' }).returning();
	otherOrganisation = row!.id;
});

describe('creating an API token', () => {
	it('shows the token once and stores only its SHA-256 hash and an 8-character prefix', async () => {
		const created = await createToken(database.db, t.scope, coordinator, whole(), { name: 'Tableur Arc', organisationId: String(arc) });
		expect(created.token).toMatch(/^mxi_[A-Za-z0-9_-]{43}$/);
		const stored = await storedToken(created.id);
		expect(stored).toMatchObject({
			territoryId: t.scope.territoryId,
			organisationId: arc,
			name: 'Tableur Arc',
			createdBy: 'coordinatrice',
			lastUsedAt: null,
			revokedAt: null
		});
		expect(stored.tokenHash).toBe(createHash('sha256').update(created.token).digest('hex'));
		expect(stored.prefix).toBe(created.token.slice(0, 8));
		expect(JSON.stringify(stored)).not.toContain(created.token.slice(8));
	});

	it('is audited, and the audit trail keeps neither the token nor its hash', async () => {
		const created = await createToken(database.db, t.scope, coordinator, whole(), { name: 'Audité', organisationId: arc });
		const hash = (await storedToken(created.id)).tokenHash;
		const events = await database.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.entityType, 'api_token'), eq(auditEvents.entityId, String(created.id))));
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			territoryId: t.scope.territoryId,
			action: 'create',
			actorUserId: 'coordinatrice',
			after: { name: 'Audité', organisationId: arc }
		});
		expect(JSON.stringify(events)).not.toContain(created.token);
		expect(JSON.stringify(events)).not.toContain(hash);
	});

	it('needs a name and an organisation of the territory, with French messages', async () => {
		expect(await fieldKeys(createToken(database.db, t.scope, coordinator, whole(), { name: '  ', organisationId: '' }))).toEqual({
			name: 'tokens.name_required',
			organisationId: 'tokens.organisation_required'
		});
		expect(await fieldKeys(createToken(database.db, t.scope, coordinator, whole(), { name: 'Voisin', organisationId: otherOrganisation }))).toEqual({
			organisationId: 'tokens.organisation_required'
		});
		expect(await fieldKeys(createToken(database.db, t.scope, coordinator, whole(), { name: 'Énorme', organisationId: '99999999999' }))).toEqual({
			organisationId: 'tokens.organisation_required'
		});
	});

	it('a partner can create a token for her own organisation only', async () => {
		expect(await fieldKeys(createToken(database.db, t.scope, partner, arcPartner(), { name: 'Pas le mien', organisationId: capso }))).toEqual({
			organisationId: 'tokens.organisation_required'
		});
		const mine = await createToken(database.db, t.scope, partner, arcPartner(), { name: 'Le mien', organisationId: arc });
		expect((await storedToken(mine.id)).organisationId).toBe(arc);
	});
});

describe('who manages which tokens', () => {
	it('a coordinator manages every organisation of the territory, a partner only hers, a funder none', () => {
		const territoryId = t.scope.territoryId;
		const as = (role: string, organisationId: number | null): Principal => ({
			userId: 'u',
			platformAdmin: false,
			roles: [{ territoryId, role, organisationId }]
		});
		expect(tokenReach(as('coordinator', null), territoryId)).toBe('all');
		expect(tokenReach(as('partner', arc), territoryId)).toEqual([arc]);
		expect(tokenReach(as('funder', null), territoryId)).toEqual([]);
		expect(tokenReach(as('coordinator', null), other.scope.territoryId)).toEqual([]);
	});

	it('the create form offers a partner her organisation only, a coordinator every organisation of the territory', async () => {
		expect(await tokenOrganisationOptions(database.db, t.scope, arcPartner())).toEqual([{ id: arc, name: 'Arc France' }]);
		const all = await tokenOrganisationOptions(database.db, t.scope, whole());
		const stored = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.territoryId, t.scope.territoryId));
		expect(all.map((o) => o.id).sort()).toEqual(stored.map((o) => o.id).sort());
		expect(all.map((o) => o.id)).not.toContain(otherOrganisation);
	});

	it('a partner lists her organisation’s tokens and never another organisation’s', async () => {
		const arcs = await createToken(database.db, t.scope, coordinator, whole(), { name: 'Outil Arc', organisationId: arc });
		await createToken(database.db, t.scope, coordinator, whole(), { name: 'Outil CAPSO', organisationId: capso });
		const hers = await listTokens(database.db, t.scope, arcPartner());
		expect(hers.map((row) => row.id)).toEqual([arcs.id]);
		const all = await listTokens(database.db, t.scope, whole());
		expect(all.some((row) => row.organisationId === capso)).toBe(true);
		expect(all.every((row) => !('tokenHash' in row))).toBe(true);
		expect(await listTokens(database.db, other.scope, otherCoordinator())).toEqual([]);
	});

	it('a partner cannot revoke another organisation’s token, nor a territory another territory’s', async () => {
		const capsos = await createToken(database.db, t.scope, coordinator, whole(), { name: 'À garder', organisationId: capso });
		expect(await rejection(revokeToken(database.db, t.scope, partner, arcPartner(), capsos.id))).toBeInstanceOf(NotFoundError);
		expect(await rejection(revokeToken(database.db, other.scope, coordinator, otherCoordinator(), capsos.id))).toBeInstanceOf(NotFoundError);
		expect((await storedToken(capsos.id)).revokedAt).toBeNull();
	});
});

describe('using an API token', () => {
	/** What the token's actor may write, as the activities policy computes it from its principal. */
	async function writableInitiatives(actor: Actor): Promise<number[]> {
		return [...(activityReach(actor.principal, t.scope.territoryId, 'write', await listAllInitiativeOrganisations(database.db, t.scope)) as number[])];
	}

	it('acts for the initiatives its organisation leads or takes part in, and nothing else', async () => {
		const { token } = await createToken(database.db, t.scope, coordinator, whole(), { name: 'CAPSO', organisationId: capso });
		const actor = await authenticateToken(database.db, t.scope, bearer(token));
		const links = await database.db
			.select({ initiativeId: initiativeOrganisations.initiativeId })
			.from(initiativeOrganisations)
			.where(eq(initiativeOrganisations.organisationId, capso));
		expect(links.length).toBeGreaterThan(0);
		expect(actor.principal).toEqual({
			userId: actor.userId,
			platformAdmin: false,
			roles: [{ territoryId: t.scope.territoryId, role: 'partner', organisationId: capso }]
		});
		expect((await writableInitiatives(actor)).sort()).toEqual(links.map((l) => l.initiativeId).sort());
	});

	it('a token cannot record an activity for an initiative its organisation does not take part in', async () => {
		const created = await createToken(database.db, t.scope, coordinator, whole(), { name: 'Arc', organisationId: arc });
		const actor = await authenticateToken(database.db, t.scope, bearer(created.token));
		const mine = await writableInitiatives(actor);
		const foreign = t.initiatives.find((i) => !mine.includes(i.id))!;
		expect(await fieldKeys(createActivity(database.db, t.scope, actor, doneActivity(foreign.id), { today: '2026-11-20' }))).toMatchObject({
			initiativeId: 'validation.initiative_not_yours'
		});
		const own = mine[0]!;
		const row = await createActivity(database.db, t.scope, actor, doneActivity(own), { today: '2026-11-20', source: 'api' });
		const [stored] = await database.db.select().from(activities).where(eq(activities.id, row.id));
		expect(stored).toMatchObject({ initiativeId: own, source: 'api', createdBy: `api-token:${created.id}` });
		const [trace] = await database.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.entityType, 'activity'), eq(auditEvents.entityId, String(row.id))));
		expect(trace!.actorLabel).toContain(created.prefix);
	});

	it('records the last use, at most once a minute', async () => {
		const created = await createToken(database.db, t.scope, coordinator, whole(), { name: 'Horodaté', organisationId: arc });
		const first = new Date('2026-11-20T10:00:00Z');
		await authenticateToken(database.db, t.scope, bearer(created.token), { now: first });
		expect((await storedToken(created.id)).lastUsedAt).toEqual(first);
		await authenticateToken(database.db, t.scope, bearer(created.token), { now: new Date('2026-11-20T10:00:30Z') });
		expect((await storedToken(created.id)).lastUsedAt).toEqual(first);
		const later = new Date('2026-11-20T10:01:30Z');
		await authenticateToken(database.db, t.scope, bearer(created.token), { now: later });
		expect((await storedToken(created.id)).lastUsedAt).toEqual(later);
	});

	it('a revoked token is refused at once; revoking is audited and revoking twice changes nothing', async () => {
		const created = await createToken(database.db, t.scope, coordinator, whole(), { name: 'Révoqué', organisationId: arc });
		await authenticateToken(database.db, t.scope, bearer(created.token));
		await revokeToken(database.db, t.scope, partner, arcPartner(), created.id, new Date('2026-11-21T09:00:00Z'));
		await revokeToken(database.db, t.scope, partner, arcPartner(), created.id, new Date('2026-11-22T09:00:00Z'));
		expect((await storedToken(created.id)).revokedAt).toEqual(new Date('2026-11-21T09:00:00Z'));
		expect(await rejection(authenticateToken(database.db, t.scope, bearer(created.token)))).toBeInstanceOf(UnauthorizedError);
		const events = await database.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.entityType, 'api_token'), eq(auditEvents.entityId, String(created.id)), eq(auditEvents.action, 'revoke')));
		expect(events).toHaveLength(1);
		expect(events[0]!.actorUserId).toBe('partenaire');
	});

	it('missing, malformed and unknown tokens are refused alike', async () => {
		const { token } = await createToken(database.db, t.scope, coordinator, whole(), { name: 'Modèle', organisationId: arc });
		const unknown = `mxi_${'A'.repeat(43)}`;
		for (const header of [null, '', 'Bearer', `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token.slice(4)}`, bearer(unknown), `Bearer ${token} ${token}`]) {
			expect(await rejection(authenticateToken(database.db, t.scope, header)), String(header)).toBeInstanceOf(UnauthorizedError);
		}
	});

	it('a token answers as if nothing existed in another territory', async () => {
		const created = await createToken(database.db, t.scope, coordinator, whole(), { name: 'Ailleurs', organisationId: arc });
		expect(await rejection(authenticateToken(database.db, other.scope, bearer(created.token)))).toBeInstanceOf(NotFoundError);
		expect((await storedToken(created.id)).lastUsedAt).toBeNull();
	});
});
