import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { defaultTerritory, validationFields, rows } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { NotFoundError } from '../shared/errors';
import { listOrganisations } from './organisations.repository';
import { changeOrganisationStatus, createOrganisation, organisationDirectory, updateOrganisation, viewOrganisation } from './organisations.usecases';

const coordinator = adminActor('coordinatrice');
const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));

const school = {
	name: 'Lycée de test',
	kind: 'school',
	uai: '0620108F',
	siren: '',
	siret: '',
	communeCode: '62765',
	website: 'https://lycee.example.fr',
	description: ''
};

describe('the organisations directory', () => {
	it('a coordinator creates a school with a right UAI, commune and website: stored and audited', async () => {
		const { database, t } = fresh();
		const row = await createOrganisation(database.db, t.scope, coordinator, school);
		const [stored] = await rows<{ name: string; uai: string; commune_code: string; website: string; siren: string | null }>(
			database.db,
			sql`select name, uai, commune_code, website, siren from organisations where id = ${row.id}`
		);
		expect(stored).toEqual({ name: 'Lycée de test', uai: '0620108F', commune_code: '62765', website: 'https://lycee.example.fr', siren: null });
		const trail = await rows<{ action: string; after: { uai: string } }>(
			database.db,
			sql`select action, after from audit_events where entity_type = 'organisation' and entity_id = ${String(row.id)}`
		);
		expect(trail).toMatchObject([{ action: 'create', after: { uai: '0620108F' } }]);
	});

	it.each([
		['a SIREN with a wrong key', { siren: '200069038' }, 'siren', 'validation.siren'],
		['a SIRET with a wrong key', { siret: '73282932000075' }, 'siret', 'validation.siret'],
		['a SIRET of another SIREN', { siren: '200069037', siret: '73282932000074' }, 'siret', 'validation.siret_siren'],
		['a UAI with a wrong letter', { uai: '0620108G' }, 'uai', 'validation.uai'],
		['a website that is not http(s)', { website: 'javascript:alert(1)' }, 'website', 'validation.website'],
		['a commune outside the territory', { communeCode: '59350' }, 'communeCode', 'validation.organisation_commune'],
		['an unknown kind', { kind: 'spaceship' }, 'kind', 'validation.enum']
	])('%s is refused next to its field, and nothing is recorded', async (_label, change, field, key) => {
		const { database, t } = fresh();
		const before = (await listOrganisations(database.db, t.scope)).length;
		expect(await validationFields(createOrganisation(database.db, t.scope, coordinator, { ...school, ...change }))).toMatchObject({ [field]: key });
		expect((await listOrganisations(database.db, t.scope)).length).toBe(before);
		expect(await rows(database.db, sql`select 1 from audit_events`)).toEqual([]);
	});

	it('La Poste’s SIRET passes with its own rule, and an edit keeps before and after in the audit trail', async () => {
		const { database, t } = fresh();
		const arc = (await listOrganisations(database.db, t.scope)).find((o) => o.name === 'Arc France')!;
		await updateOrganisation(database.db, t.scope, coordinator, arc.id, { name: 'Arc France', kind: 'firm', siret: '35600000049837', communeCode: '62040' });
		const [stored] = await rows<{ siret: string; siren: string }>(database.db, sql`select siret, siren from organisations where id = ${arc.id}`);
		expect(stored!.siret).toBe('35600000049837');
		// Only the SIRET was typed: its first nine digits are the SIREN.
		expect(stored!.siren).toBe('356000000');
		const [event] = await rows<{ before: { siret: string | null }; after: { siret: string } }>(
			database.db,
			sql`select before, after from audit_events where entity_type = 'organisation' and action = 'update'`
		);
		expect(event).toEqual(
			expect.objectContaining({ before: expect.objectContaining({ siret: null }), after: expect.objectContaining({ siret: '35600000049837' }) })
		);
	});

	it('search by name (accents kept, % is a letter) and filter by kind', async () => {
		const { database, t } = fresh();
		const search = async (q: Record<string, string>) =>
			(await organisationDirectory(database.db, t.scope, coordinator, new URLSearchParams(q))).rows.map((o) => o.name);
		expect(await search({ q: 'capital' })).toEqual(['Capital Filles']);
		expect(await search({ kind: 'association' })).toEqual(['Capital Filles', 'CORIF', 'Elles Bougent']);
		expect(await search({ q: '%' })).toEqual([]);
		expect(await search({ kind: 'not-a-kind' })).toHaveLength((await listOrganisations(database.db, t.scope)).length);
	});

	it('a partner sees her own organisation only, read-only, and cannot change it', async () => {
		const { database, t } = fresh();
		const orgs = await listOrganisations(database.db, t.scope);
		const capital = orgs.find((o) => o.name === 'Capital Filles')!;
		const arc = orgs.find((o) => o.name === 'Arc France')!;
		const partner = actorOf({ userId: 'p', platformAdmin: false, roles: [{ territoryId: t.scope.territoryId, role: 'partner', organisationId: capital.id }] });
		const directory = await organisationDirectory(database.db, t.scope, partner, new URLSearchParams());
		expect(directory.rows.map((o) => o.id)).toEqual([capital.id]);
		expect(directory.canManage).toBe(false);
		expect((await viewOrganisation(database.db, t.scope, partner, capital.id)).editable).toBe(false);
		await expect(viewOrganisation(database.db, t.scope, partner, arc.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateOrganisation(database.db, t.scope, partner, capital.id, { name: 'Piraté', kind: 'firm' })).rejects.toBeInstanceOf(NotFoundError);
		await expect(changeOrganisationStatus(database.db, t.scope, partner, capital.id, { status: 'closed', since: '2026-01-01' })).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(createOrganisation(database.db, t.scope, partner, school)).rejects.toBeInstanceOf(NotFoundError);
		const [stored] = await rows<{ name: string }>(database.db, sql`select name from organisations where id = ${capital.id}`);
		expect(stored!.name).toBe('Capital Filles');
		expect(await rows(database.db, sql`select 1 from organisation_statuses`)).toEqual([]);
	});

	it('status changes pile up as a history, none deleted', async () => {
		const { database, t } = fresh();
		const arc = (await listOrganisations(database.db, t.scope)).find((o) => o.name === 'Arc France')!;
		await changeOrganisationStatus(database.db, t.scope, coordinator, arc.id, { status: 'receivership', since: '2026-01-15', note: 'Redressement judiciaire' });
		await changeOrganisationStatus(database.db, t.scope, coordinator, arc.id, { status: 'active', since: '2026-06-01' });
		const view = await viewOrganisation(database.db, t.scope, coordinator, arc.id);
		expect(view.statuses.map((s) => [s.status, s.since])).toEqual([
			['active', '2026-06-01'],
			['receivership', '2026-01-15']
		]);
	});
});
