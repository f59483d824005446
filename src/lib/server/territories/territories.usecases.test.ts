import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { countRows, doneActivity, validationFields } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { createActivity } from '../activities/activities.usecases';
import type { Database } from '../db/client';
import { DomainError } from '../shared/errors';
import { TERRITORY_ERROR_CODES, TerritoryArchivedError } from './territories.errors';
import {
	archiveTerritory,
	createTerritory,
	inviteCoordinator,
	listActiveTerritories,
	renameTerritory,
	restoreTerritory,
	territoriesAdminOverview,
	territoriesOverview
} from './territories.usecases';

process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-territories-'));

const admin = adminActor('admin-1', { label: 'admin@example.org', ip: '10.0.0.9' });
const coordinator = actorOf({ userId: 'coord-1', platformAdmin: false, roles: [{ territoryId: 1, role: 'coordinator', organisationId: null }] });
const SAINT_OMER = '200069037';
const COEUR_DE_FLANDRE = '200040947';

const fresh = freshDatabasePerTest();

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
	return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function create(database: Database, values: Record<string, unknown> = {}) {
	return createTerritory(database.db, admin, {
		slug: 'audomarois-flandre',
		name: 'Audomarois et Flandre',
		epciSirens: `${SAINT_OMER}, ${COEUR_DE_FLANDRE}`,
		...values
	});
}

describe('creating a territory from its EPCIs', () => {
	it('a platform administrator creates a territory from two EPCIs: both EPCIs, their official communes, an empty plan, and an audit entry', async () => {
		const { database } = fresh();
		const { territoryId, slug } = await create(database);
		expect(slug).toBe('audomarois-flandre');
		const epcis = await rows<{ siren: string; name: string }>(database, sql`select siren, name from epcis where territory_id = ${territoryId} order by siren`);
		expect(epcis.map((e) => e.siren)).toEqual([COEUR_DE_FLANDRE, SAINT_OMER]);
		const communes = await rows<{ epci_siren: string; n: number }>(
			database,
			sql`select epci_siren, count(*)::int as n from communes where territory_id = ${territoryId} group by epci_siren order by epci_siren`
		);
		// The etalab list: 50 communes in Cœur de Flandre, 53 in the Pays de Saint-Omer.
		expect(communes).toEqual([
			{ epci_siren: COEUR_DE_FLANDRE, n: 50 },
			{ epci_siren: SAINT_OMER, n: 53 }
		]);
		expect(await rows(database, sql`select code_insee from communes where territory_id = ${territoryId} and code_insee = '62765'`)).toHaveLength(1);
		expect(await rows(database, sql`select title from action_plans where territory_id = ${territoryId}`)).toHaveLength(1);
		const [audit] = await rows<{ action: string; entity_type: string; actor_user_id: string; after: { slug: string; epciSirens: string[] } }>(
			database,
			sql`select action, entity_type, actor_user_id, after from audit_events where territory_id = ${territoryId}`
		);
		expect(audit).toMatchObject({ action: 'create', entity_type: 'territory', actor_user_id: 'admin-1' });
		expect(audit!.after).toMatchObject({ slug: 'audomarois-flandre', epciSirens: [SAINT_OMER, COEUR_DE_FLANDRE] });
	});

	it('a malformed SIREN is a French message next to the EPCI field, and nothing is created', async () => {
		const { database } = fresh();
		for (const epciSirens of ['20006903', '2000690370', 'abc', `${SAINT_OMER} 12345678X`, '', [] as string[]]) {
			const fields = await validationFields(create(database, { epciSirens }));
			expect(Object.keys(fields), JSON.stringify(epciSirens)).toEqual(['epciSirens']);
			expect(fields.epciSirens).toMatch(/^territories\.(siren_malformed|epcis_required)$/);
		}
		expect(await countRows(database.db, 'territories')).toBe(0);
	});

	it('a well-formed SIREN that names no EPCI of the official list is refused, and nothing is created (no half territory)', async () => {
		const { database } = fresh();
		const fields = await validationFields(create(database, { epciSirens: `${SAINT_OMER},999999999` }));
		expect(fields).toEqual({ epciSirens: 'territories.epci_unknown' });
		expect(await countRows(database.db, 'territories')).toBe(0);
		expect(await countRows(database.db, 'communes')).toBe(0);
	});

	it('a slug already taken is refused next to the slug field; a malformed slug too; the existing territory is untouched', async () => {
		const { database } = fresh();
		await create(database);
		expect(await validationFields(create(database, { name: 'Un autre nom' }))).toEqual({ slug: 'territories.slug_taken' });
		expect(await validationFields(create(database, { slug: 'Majuscules et espaces' }))).toEqual({ slug: 'territories.slug_format' });
		const names = await rows<{ name: string }>(database, sql`select name from territories`);
		expect(names).toEqual([{ name: 'Audomarois et Flandre' }]);
		expect(await countRows(database.db, 'audit_events')).toBe(1);
	});

	it('only a platform administrator creates a territory: a coordinator is told nothing exists', async () => {
		const { database } = fresh();
		const refused = await createTerritory(database.db, coordinator, { slug: 'pirate', name: 'Pirate', epciSirens: SAINT_OMER }).catch((e: unknown) => e);
		expect((refused as DomainError).status).toBe(404);
		expect((refused as DomainError).code).toBe(TERRITORY_ERROR_CODES.notFound);
		await expect(territoriesAdminOverview(database.db, coordinator)).rejects.toBeInstanceOf(DomainError);
		expect(await countRows(database.db, 'territories')).toBe(0);
	});
});

describe('renaming, archiving and restoring', () => {
	it('a rename changes the name only, recorded with before and after', async () => {
		const { database } = fresh();
		const { territoryId } = await create(database);
		await renameTerritory(database.db, admin, { territoryId }, { name: '  Pays de Saint-Omer et Flandre  ' });
		expect(await rows(database, sql`select slug, name from territories`)).toEqual([{ slug: 'audomarois-flandre', name: 'Pays de Saint-Omer et Flandre' }]);
		const [audit] = await rows<{ before: unknown; after: unknown }>(database, sql`select before, after from audit_events where action = 'rename'`);
		expect(audit).toEqual({ before: { name: 'Audomarois et Flandre' }, after: { name: 'Pays de Saint-Omer et Flandre' } });
		expect(await validationFields(renameTerritory(database.db, admin, { territoryId }, { name: '' }))).toEqual({ name: 'validation.required' });
	});

	it('an archived territory keeps its data and figures, leaves the catalogue, refuses renames and invitations, and comes back when restored', async () => {
		const { database } = fresh();
		const { territoryId } = await create(database);
		const scope = { territoryId };
		const [initiative] = await database.db
			.execute(
				sql`insert into initiatives (territory_id, plan_id, position, slug, name, description) select ${territoryId}, id, 1, 'visites', 'Visites', '—' from action_plans where territory_id = ${territoryId} returning id`
			)
			.then((r) => (r as unknown as { rows: { id: number }[] }).rows);
		await createActivity(database.db, scope, admin, doneActivity(initiative!.id, { date: '2025-10-14' }), { today: '2026-01-10' });
		await archiveTerritory(database.db, admin, scope, new Date('2026-02-01T10:00:00Z'));

		const [stored] = await rows<{ archived_at: Date | null }>(database, sql`select archived_at from territories where id = ${territoryId}`);
		expect(new Date(stored!.archived_at!).toISOString()).toBe('2026-02-01T10:00:00.000Z');
		expect(await countRows(database.db, 'activities')).toBe(1);
		expect(await listActiveTerritories(database.db)).toEqual([]);
		expect(await territoriesOverview(database.db)).toEqual([
			{
				slug: 'audomarois-flandre',
				name: 'Audomarois et Flandre',
				demo: false,
				archived: true,
				archivedAt: '2026-02-01T10:00:00.000Z',
				participations: 23,
				lastActivityOn: '2025-10-14'
			}
		]);

		await expect(renameTerritory(database.db, admin, scope, { name: 'Nouveau nom' })).rejects.toBeInstanceOf(TerritoryArchivedError);
		await expect(inviteCoordinator(database.db, admin, scope, { email: 'coordination@example.org' }, 'http://localhost')).rejects.toBeInstanceOf(
			TerritoryArchivedError
		);
		expect(await validationFields(archiveTerritory(database.db, admin, scope))).toEqual({ _form: 'territories.already_archived' });
		expect(await rows(database, sql`select name from territories`)).toEqual([{ name: 'Audomarois et Flandre' }]);
		expect(await countRows(database.db, 'invitations')).toBe(0);

		await restoreTerritory(database.db, admin, scope);
		expect(await rows(database, sql`select archived_at from territories`)).toEqual([{ archived_at: null }]);
		expect((await listActiveTerritories(database.db)).map((t) => t.slug)).toEqual(['audomarois-flandre']);
		await renameTerritory(database.db, admin, scope, { name: 'Nouveau nom' });
		expect(await validationFields(restoreTerritory(database.db, admin, scope))).toEqual({ _form: 'territories.not_archived' });
		const actions = await rows<{ action: string }>(database, sql`select action from audit_events where entity_type = 'territory' order by id`);
		expect(actions.map((a) => a.action)).toEqual(['create', 'archive', 'restore', 'rename']);
	});

	it('a coordinator can neither archive nor rename her territory', async () => {
		const { database } = fresh();
		const { territoryId } = await create(database);
		const local = actorOf({ userId: 'coord-2', platformAdmin: false, roles: [{ territoryId, role: 'coordinator', organisationId: null }] });
		await expect(archiveTerritory(database.db, local, { territoryId })).rejects.toMatchObject({ status: 404 });
		await expect(renameTerritory(database.db, local, { territoryId }, { name: 'Autre' })).rejects.toMatchObject({ status: 404 });
		expect(await rows(database, sql`select name, archived_at from territories`)).toEqual([{ name: 'Audomarois et Flandre', archived_at: null }]);
	});

	it('the administrator invites the first coordinator of a new territory by e-mail', async () => {
		const { database } = fresh();
		const { territoryId } = await create(database);
		const { link } = await inviteCoordinator(database.db, admin, { territoryId }, { email: 'Coordination@Example.org' }, 'http://localhost:3000');
		expect(link).toMatch(/^http:\/\/localhost:3000\/invitation\//);
		expect(await rows(database, sql`select email, role, territory_id from invitations`)).toEqual([
			{ email: 'coordination@example.org', role: 'coordinator', territory_id: territoryId }
		]);
		expect(await validationFields(inviteCoordinator(database.db, admin, { territoryId }, { email: 'pas-une-adresse' }, 'http://x'))).toEqual({
			email: 'validation.email'
		});
	});
});
