import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { countRows, defaultTerritory, otherTerritory, validationFields } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { JOB_FAMILY_CODES } from '../../domain/trainings';
import { translator } from '../../i18n';
import type { Db } from '../db/client';
import { insertOrganisation, listOrganisations } from '../organisations/organisations.repository';
import { TrainingConflictError, TrainingNotFoundError } from './trainings.errors';
import { createDemoTerritory } from '../seed/demo';
import { createTraining, deleteTraining, editTrainingPage, listTrainingsForApi, trainingsPage, updateTraining } from './trainings.usecases';

const coordinator = adminActor('coordinatrice');
const fr = translator('fr');

const fresh = freshDatabasePerTest(async (database) => {
	const db = database.db;
	const t = await defaultTerritory(db);
	const other = await otherTerritory(db);
	const ribot = await insertOrganisation(db, t.scope, { name: 'Lycée Alexandre Ribot', kind: 'school', uai: '0620108F', communeCode: '62765' });
	const noCommune = await insertOrganisation(db, t.scope, { name: 'Lycée sans commune', kind: 'school' });
	const neighbourSchool = await insertOrganisation(db, other.scope, { name: 'Lycée voisin', kind: 'school', communeCode: other.communeCode });
	const firm = (await listOrganisations(db, t.scope)).find((o) => o.name === 'Arc France')!;
	const capital = (await listOrganisations(db, t.scope)).find((o) => o.name === 'Capital Filles')!;
	const territoryId = t.scope.territoryId;
	const role = (name: string, organisationId: number | null = null) =>
		actorOf({ userId: `${name}-1`, platformAdmin: false, roles: [{ territoryId, role: name, organisationId }] });
	return {
		t,
		other,
		ribot,
		noCommune,
		neighbourSchool,
		firm,
		neighbourCoordinator: actorOf({
			userId: 'coord-b',
			platformAdmin: false,
			roles: [{ territoryId: other.scope.territoryId, role: 'coordinator', organisationId: null }]
		}),
		territoryCoordinator: role('coordinator'),
		partner: role('partner', capital.id),
		funder: role('funder'),
		roleModel: role('role_model')
	};
});

/** A training as the form sends it. */
function form(schoolId: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		title: 'Bac pro Pilote de ligne de production',
		schoolOrganisationId: String(schoolId),
		level: 'bac_pro',
		communeCode: '',
		jobFamilies: ['line_operation', 'maintenance'],
		girlsShare: '12',
		girlsShareYear: '2024-2025',
		apprenticeship: true,
		description: 'Conduire et surveiller une ligne automatisée.',
		url: 'https://lycee-ribot.example.org/bac-pro-pilote',
		...overrides
	};
}

interface StoredTraining {
	title: string;
	level: string;
	commune_code: string;
	girls_share: number | null;
	girls_share_year: string | null;
	apprenticeship: boolean;
	url: string | null;
	version: number;
}

/** Reads the rows directly, never through the code under test. */
async function stored(db: Db, id: number): Promise<StoredTraining | undefined> {
	const result = await db.execute(
		sql`select title, level, commune_code, girls_share, girls_share_year, apprenticeship, url, version from trainings where id = ${id}`
	);
	return (result as unknown as { rows: StoredTraining[] }).rows[0];
}

async function familiesOf(db: Db, id: number): Promise<string[]> {
	const result = await db.execute(sql`select job_family_code from training_job_families where training_id = ${id} order by job_family_code`);
	return (result as unknown as { rows: { job_family_code: string }[] }).rows.map((r) => r.job_family_code);
}

async function audits(db: Db, id: number) {
	const result = await db.execute(
		sql`select action, actor_user_id, before, after from audit_events where entity_type = 'training' and entity_id = ${String(id)} order by id`
	);
	return (result as unknown as { rows: { action: string; actor_user_id: string; before: unknown; after: unknown }[] }).rows;
}

describe('coordinators keep the territory’s trainings', () => {
	it('a training is created with its school, level, the school’s commune by default, its jobs and its share of girls, and its creation is audited', async () => {
		const { database, t, ribot } = fresh();
		const row = await createTraining(database.db, t.scope, coordinator, form(ribot.id));
		expect(await stored(database.db, row.id)).toEqual({
			title: 'Bac pro Pilote de ligne de production',
			level: 'bac_pro',
			commune_code: '62765',
			girls_share: 12,
			girls_share_year: '2024-2025',
			apprenticeship: true,
			url: 'https://lycee-ribot.example.org/bac-pro-pilote',
			version: 1
		});
		expect(await familiesOf(database.db, row.id)).toEqual(['line_operation', 'maintenance']);
		const trail = await audits(database.db, row.id);
		expect(trail.map((a) => a.action)).toEqual(['create']);
		expect(trail[0]!.actor_user_id).toBe('coordinatrice');
		expect(trail[0]!.after).toMatchObject({ level: 'bac_pro', communeCode: '62765', jobFamilies: ['line_operation', 'maintenance'], girlsShare: 12 });
	});

	it('an edit changes the fields and the jobs, moves the version on, and the journal keeps the values before and after', async () => {
		const { database, t, ribot } = fresh();
		const row = await createTraining(database.db, t.scope, coordinator, form(ribot.id));
		await updateTraining(
			database.db,
			t.scope,
			coordinator,
			row.id,
			form(ribot.id, { level: 'bts', communeCode: '62040', jobFamilies: ['glassmaking'], girlsShare: '18 %', apprenticeship: false, version: '1' })
		);
		expect(await stored(database.db, row.id)).toMatchObject({ level: 'bts', commune_code: '62040', girls_share: 18, apprenticeship: false, version: 2 });
		expect(await familiesOf(database.db, row.id)).toEqual(['glassmaking']);
		const trail = await audits(database.db, row.id);
		expect(trail.map((a) => a.action)).toEqual(['create', 'update']);
		expect(trail[1]!.before).toMatchObject({ level: 'bac_pro', jobFamilies: ['line_operation', 'maintenance'], girlsShare: 12 });
		expect(trail[1]!.after).toMatchObject({ level: 'bts', jobFamilies: ['glassmaking'], girlsShare: 18, apprenticeship: false });
	});

	it('bad input is refused field by field in French, and nothing is recorded', async () => {
		const { database, t, ribot, firm, neighbourSchool } = fresh();
		const cases: [Record<string, unknown>, string, string][] = [
			[{ url: 'javascript:alert(1)' }, 'url', 'Saisissez une adresse web commençant par https:// ou http://.'],
			[{ url: 'ftp://lycee.example.org/formation' }, 'url', 'Saisissez une adresse web commençant par https:// ou http://.'],
			[{ girlsShare: '120' }, 'girlsShare', 'Indiquez un pourcentage entier entre 0 et 100, par exemple 12.'],
			[{ girlsShare: '-3' }, 'girlsShare', 'Indiquez un pourcentage entier entre 0 et 100, par exemple 12.'],
			[{ girlsShare: '12,5' }, 'girlsShare', 'Indiquez un pourcentage entier entre 0 et 100, par exemple 12.'],
			[{ girlsShareYear: '' }, 'girlsShareYear', 'Indiquez l’année scolaire où la part de filles a été mesurée, par exemple 2024-2025.'],
			[{ girlsShare: '', girlsShareYear: '2024-2025' }, 'girlsShare', 'Indiquez la part de filles mesurée cette année-là, ou laissez l’année vide.'],
			[{ girlsShareYear: '2024-2026' }, 'girlsShareYear', fr('validation.school_year')],
			[{ schoolOrganisationId: String(firm.id) }, 'schoolOrganisationId', 'Choisissez un établissement de l’annuaire du territoire.'],
			[{ schoolOrganisationId: String(neighbourSchool.id) }, 'schoolOrganisationId', 'Choisissez un établissement de l’annuaire du territoire.'],
			[{ schoolOrganisationId: '' }, 'schoolOrganisationId', 'Choisissez un établissement de l’annuaire du territoire.'],
			[{ communeCode: '59350' }, 'communeCode', 'Choisissez une commune du territoire.'],
			[{ communeCode: 'Saint-Omer' }, 'communeCode', 'Choisissez une commune du territoire.'],
			[{ level: 'doctorat' }, 'level', 'Choisissez un niveau de la liste.'],
			[{ level: '' }, 'level', 'Ce champ est obligatoire.'],
			[{ jobFamilies: [] }, 'jobFamilies', 'Cochez au moins un métier auquel mène la formation.'],
			[{ jobFamilies: ['astronaute'] }, 'jobFamilies', 'Choisissez des métiers de la liste.'],
			[{ title: '   ' }, 'title', 'Ce champ est obligatoire.']
		];
		for (const [overrides, field, message] of cases) {
			const error = await createTraining(database.db, t.scope, coordinator, form(ribot.id, overrides)).then(
				() => null,
				(e: unknown) => e as { fields?: Record<string, { key: Parameters<typeof fr>[0]; params?: Record<string, string | number> }> }
			);
			const entry = error?.fields?.[field];
			expect(entry ? fr(entry.key, entry.params) : null, JSON.stringify(overrides)).toBe(message);
		}
		expect(await countRows(database.db, 'trainings')).toBe(0);
		expect(await countRows(database.db, 'training_job_families')).toBe(0);
		expect(await countRows(database.db, 'audit_events')).toBe(0);
	});

	it('a school without a commune in the directory needs the training’s commune', async () => {
		const { database, t, noCommune } = fresh();
		expect((await validationFields(createTraining(database.db, t.scope, coordinator, form(noCommune.id)))).communeCode).toBe(
			'trainings.validation.commune_required'
		);
		const row = await createTraining(database.db, t.scope, coordinator, form(noCommune.id, { communeCode: '62040' }));
		expect((await stored(database.db, row.id))!.commune_code).toBe('62040');
	});

	it('a refused edit changes nothing, and an edit from a stale version is a conflict', async () => {
		const { database, t, ribot } = fresh();
		const row = await createTraining(database.db, t.scope, coordinator, form(ribot.id));
		const before = await stored(database.db, row.id);
		const fields = await validationFields(updateTraining(database.db, t.scope, coordinator, row.id, form(ribot.id, { girlsShare: '101', version: '1' })));
		expect(fields.girlsShare).toBe('trainings.validation.girls_share');
		await expect(updateTraining(database.db, t.scope, coordinator, row.id, form(ribot.id, { title: 'Autre', version: '7' }))).rejects.toBeInstanceOf(
			TrainingConflictError
		);
		await expect(deleteTraining(database.db, t.scope, coordinator, row.id, { version: '7' })).rejects.toBeInstanceOf(TrainingConflictError);
		expect(await stored(database.db, row.id)).toEqual(before);
		expect(await familiesOf(database.db, row.id)).toEqual(['line_operation', 'maintenance']);
		expect((await audits(database.db, row.id)).map((a) => a.action)).toEqual(['create']);
	});

	it('a deletion removes the training and its jobs, and the journal keeps what it was', async () => {
		const { database, t, ribot } = fresh();
		const row = await createTraining(database.db, t.scope, coordinator, form(ribot.id));
		await deleteTraining(database.db, t.scope, coordinator, row.id, { version: '1' });
		expect(await countRows(database.db, 'trainings')).toBe(0);
		expect(await countRows(database.db, 'training_job_families')).toBe(0);
		const trail = await audits(database.db, row.id);
		expect(trail.map((a) => a.action)).toEqual(['create', 'delete']);
		expect(trail[1]!.before).toMatchObject({ title: 'Bac pro Pilote de ligne de production', schoolOrganisationId: ribot.id });
	});
});

describe('only the coordination writes; everyone reads', () => {
	it('a partner, a funder or a role model cannot create, edit, open the edit form or delete: the same 404 as an unknown training', async () => {
		const { database, t, ribot, partner, funder, roleModel, territoryCoordinator } = fresh();
		const row = await createTraining(database.db, t.scope, territoryCoordinator, form(ribot.id));
		for (const actor of [partner, funder, roleModel]) {
			await expect(createTraining(database.db, t.scope, actor, form(ribot.id))).rejects.toBeInstanceOf(TrainingNotFoundError);
			await expect(updateTraining(database.db, t.scope, actor, row.id, form(ribot.id, { title: 'Piraté', version: '1' }))).rejects.toBeInstanceOf(
				TrainingNotFoundError
			);
			await expect(editTrainingPage(database.db, t.scope, actor, row.id)).rejects.toBeInstanceOf(TrainingNotFoundError);
			await expect(deleteTraining(database.db, t.scope, actor, row.id, { version: '1' })).rejects.toBeInstanceOf(TrainingNotFoundError);
		}
		expect(await countRows(database.db, 'trainings')).toBe(1);
		expect((await stored(database.db, row.id))!.title).toBe('Bac pro Pilote de ligne de production');
		expect((await audits(database.db, row.id)).map((a) => a.action)).toEqual(['create']);
		// Reading is public: anyone (even no one signed in) sees it, and only the coordination is offered to edit.
		expect((await trainingsPage(database.db, t.scope, null, {})).count).toBe(1);
		expect((await trainingsPage(database.db, t.scope, partner.principal, {})).canManage).toBe(false);
		expect((await trainingsPage(database.db, t.scope, territoryCoordinator.principal, {})).canManage).toBe(true);
	});

	it('each territory sees and edits only its own trainings', async () => {
		const { database, t, other, ribot, neighbourSchool, neighbourCoordinator, territoryCoordinator } = fresh();
		const ours = await createTraining(database.db, t.scope, territoryCoordinator, form(ribot.id));
		const theirs = await createTraining(
			database.db,
			other.scope,
			neighbourCoordinator,
			form(neighbourSchool.id, { title: 'BTS Maintenance des systèmes', level: 'bts', jobFamilies: ['maintenance'] })
		);
		expect((await listTrainingsForApi(database.db, t.scope, {})).map((x) => x.title)).toEqual(['Bac pro Pilote de ligne de production']);
		expect((await listTrainingsForApi(database.db, other.scope, {})).map((x) => x.title)).toEqual(['BTS Maintenance des systèmes']);
		// The neighbour's coordinator, the neighbour's id or our school: nothing crosses.
		await expect(updateTraining(database.db, other.scope, neighbourCoordinator, ours.id, form(neighbourSchool.id, { version: '1' }))).rejects.toBeInstanceOf(
			TrainingNotFoundError
		);
		await expect(updateTraining(database.db, t.scope, neighbourCoordinator, ours.id, form(ribot.id, { title: 'Piraté', version: '1' }))).rejects.toBeInstanceOf(
			TrainingNotFoundError
		);
		await expect(deleteTraining(database.db, t.scope, territoryCoordinator, theirs.id, { version: '1' })).rejects.toBeInstanceOf(TrainingNotFoundError);
		const fields = await validationFields(createTraining(database.db, other.scope, neighbourCoordinator, form(ribot.id, { communeCode: other.communeCode })));
		expect(fields.schoolOrganisationId).toBe('trainings.validation.school');
		expect(await stored(database.db, ours.id)).toMatchObject({ title: 'Bac pro Pilote de ligne de production', version: 1 });
		expect(await stored(database.db, theirs.id)).toMatchObject({ title: 'BTS Maintenance des systèmes', version: 1 });
		expect(await countRows(database.db, 'trainings')).toBe(2);
	});
});

describe('the public page groups the trainings by job and filters them', () => {
	it('a training leading to two jobs shows under both; the filters narrow by job, level and commune', async () => {
		const { database, t, ribot } = fresh();
		await createTraining(database.db, t.scope, coordinator, form(ribot.id));
		await createTraining(
			database.db,
			t.scope,
			coordinator,
			form(ribot.id, { title: 'CAP Verrier', level: 'cap', communeCode: '62040', jobFamilies: ['glassmaking'], girlsShare: '', girlsShareYear: '' })
		);
		const all = await trainingsPage(database.db, t.scope, null, {});
		expect(all.groups.map((g) => [g.family.code, g.trainings.map((x) => x.title)])).toEqual([
			['line_operation', ['Bac pro Pilote de ligne de production']],
			['maintenance', ['Bac pro Pilote de ligne de production']],
			['glassmaking', ['CAP Verrier']]
		]);
		expect(all.count).toBe(2);
		expect(all.options.levels).toEqual(['cap', 'bac_pro']);
		expect(all.options.communes.map((c) => c.name)).toEqual(['Arques', 'Saint-Omer']);
		const verrier = all.groups.find((g) => g.family.code === 'glassmaking')!.trainings[0]!;
		expect(verrier).toMatchObject({ school: { name: 'Lycée Alexandre Ribot', uai: '0620108F' }, commune: { name: 'Arques' }, girlsShare: null });
		expect((await trainingsPage(database.db, t.scope, null, { family: 'maintenance' })).groups.map((g) => g.family.code)).toEqual(['maintenance']);
		expect((await trainingsPage(database.db, t.scope, null, { level: 'cap' })).count).toBe(1);
		expect((await trainingsPage(database.db, t.scope, null, { commune: '62765' })).groups.flatMap((g) => g.trainings.map((x) => x.title))).toEqual([
			'Bac pro Pilote de ligne de production',
			'Bac pro Pilote de ligne de production'
		]);
		// A malformed filter is ignored, never an error page.
		expect((await trainingsPage(database.db, t.scope, null, { level: 'doctorat', commune: '<script>' })).count).toBe(2);
	});

	it('the job families the migration inserts are those of the domain list, with the catalogue’s labels', async () => {
		const { database } = fresh();
		const result = await database.db.execute(sql`select code, label_fr, label_en from job_families order by position`);
		const rows = (result as unknown as { rows: { code: string; label_fr: string; label_en: string }[] }).rows;
		expect(rows.map((r) => r.code)).toEqual([...JOB_FAMILY_CODES]);
		const en = translator('en');
		for (const r of rows) {
			expect(r.label_fr).toBe(fr(`trainings.family.${r.code}` as Parameters<typeof fr>[0]));
			expect(r.label_en).toBe(en(`trainings.family.${r.code}` as Parameters<typeof fr>[0]));
		}
	});

	it('the default territory has no trainings; the demo’s are few, fictional and say so', async () => {
		const { database, t } = fresh();
		expect((await trainingsPage(database.db, t.scope, null, {})).total).toBe(0);
		const demo = await createDemoTerritory(database.db, { count: 5, today: '2026-11-20' });
		const listed = await listTrainingsForApi(database.db, { territoryId: demo.territoryId }, {});
		expect(listed.length).toBeGreaterThanOrEqual(4);
		expect(listed.length).toBeLessThanOrEqual(6);
		for (const training of listed) expect(training.description).toContain('Formation fictive du jeu de démonstration');
		// Measured in the last school year completed (2025-2026 on 20 November 2026).
		expect(new Set(listed.filter((x) => x.girlsShare).map((x) => x.girlsShare!.schoolYear))).toEqual(new Set(['2025-2026']));
		expect(await countRows(database.db, 'trainings')).toBe(listed.length);
	});
});
