import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { countRows, defaultTerritory, validationFields } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { translator } from '../../i18n';
import type { Db } from '../db/client';
import { listOrganisations, insertOrganisation } from '../organisations/organisations.repository';
import { user } from '../accounts/accounts.table';
import { roleModelProfiles } from '../role-models/role-models.table';
import { ValidationError } from '../shared/errors';
import { CohortNotFoundError } from './mentoring.errors';
import { addMentor, closeCohortYear, createCohort, mentoringListPage, recordWorkshop, removeMentor, updateCohort, viewCohort } from './mentoring.usecases';

const today = '2026-11-20';
const coordinator = adminActor('coordinatrice');

const fresh = freshDatabasePerTest(async (database) => {
	const t = await defaultTerritory(database.db);
	const db = database.db;
	const school = await insertOrganisation(db, t.scope, { name: 'Lycée Ribot', kind: 'school', uai: '0620108F', communeCode: '62765' });
	const otherSchool = await insertOrganisation(db, t.scope, { name: 'Collège de la Morinie', kind: 'school', communeCode: '62765' });
	const orgs = await listOrganisations(db, t.scope);
	const capitalFilles = t.initiatives.find((i) => i.slug === 'capital-filles')!.id;
	const verrElles = t.initiatives.find((i) => i.slug === 'verr-elles')!.id;
	const TerritoryId = t.scope.territoryId;
	const principal = (role: string, organisationId: number | null = null, userId = `${role}-${organisationId ?? 0}`) =>
		actorOf({ userId, platformAdmin: false, roles: [{ territoryId: TerritoryId, role, organisationId }] });
	return {
		t,
		school,
		otherSchool,
		capitalFilles,
		verrElles,
		capitalFillesPartner: principal('partner', orgs.find((o) => o.name === 'Capital Filles')!.id),
		arcPartner: principal('partner', orgs.find((o) => o.name === 'Arc France')!.id),
		funder: principal('funder'),
		requester: principal('requester'),
		roleModel: principal('role_model', null, 'marraine-1')
	};
});

async function profile(db: Db, territoryId: number, firstName: string, lastName: string, userId: string | null = null, active = true) {
	if (userId) await db.insert(user).values({ id: userId, name: `${firstName} ${lastName}`, email: `${userId}@example.org` });
	const [row] = await db
		.insert(roleModelProfiles)
		.values({ territoryId, firstName, lastName, email: `${firstName.toLowerCase()}@example.org`, userId, active })
		.returning();
	return row!;
}

/** Reads the aggregate directly: participations of one initiative. */
async function participationsOf(db: Db, territoryId: number, initiativeId: number): Promise<number> {
	const result = await db.execute(
		sql`select coalesce(sum(participations), 0)::int as n from indicator_audience_cells where territory_id = ${territoryId} and initiative_id = ${initiativeId}`
	);
	return Number((result as unknown as { rows: { n: number }[] }).rows[0]!.n);
}

async function cohortRow(db: Db, id: number) {
	const result = await db.execute(sql`select pairs_formed, pairs_active_at_end, closed_at from mentoring_cohorts where id = ${id}`);
	return (result as unknown as { rows: { pairs_formed: number; pairs_active_at_end: number | null; closed_at: unknown }[] }).rows[0];
}

async function auditActions(db: Db, id: number): Promise<string[]> {
	const result = await db.execute(sql`select action from audit_events where entity_type = 'mentoring_cohort' and entity_id = ${String(id)} order by id`);
	return (result as unknown as { rows: { action: string }[] }).rows.map((r) => r.action);
}

const fr = translator('fr');

async function frenchMessages(promise: Promise<unknown>): Promise<Record<string, string>> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ValidationError);
	return Object.fromEntries(Object.entries((error as ValidationError).fields).map(([k, v]) => [k, fr(v.key, v.params)]));
}

function workshop(overrides: Record<string, unknown> = {}) {
	return {
		title: 'Atelier « Métiers de l’industrie »',
		date: '2026-10-06',
		communeCode: '62765',
		status: 'done',
		audiences: [
			{ audience: 'girls', level: 'lycee_gt', count: 18 },
			{ audience: 'teachers', level: 'unspecified', count: 2 }
		],
		...overrides
	};
}

describe('mentoring cohorts are counts per school year and school', () => {
	it('a cohort created without an initiative goes to the Capital Filles network’s initiative, and its creation is audited', async () => {
		const { database, t, school, capitalFilles } = fresh();
		const row = await createCohort(database.db, t.scope, coordinator, { schoolYear: '2025-2026', schoolOrganisationId: String(school.id), pairsFormed: '12' });
		expect(row).toMatchObject({ initiativeId: capitalFilles, schoolYear: '2025-2026', pairsFormed: 12, pairsActiveAtEnd: null });
		expect(await auditActions(database.db, row.id)).toEqual(['create']);
	});

	it('negative, decimal or mistyped pair counts are refused with a French message and nothing is recorded', async () => {
		const { database, t, school } = fresh();
		for (const pairsFormed of ['-3', '1,5', '12e', '']) {
			const messages = await frenchMessages(
				createCohort(database.db, t.scope, coordinator, { schoolYear: '2025-2026', schoolOrganisationId: String(school.id), pairsFormed })
			);
			expect(messages.pairsFormed, pairsFormed).toBe('Indiquez un nombre entier positif ou nul, par exemple 12.');
		}
		expect(await countRows(database.db, 'mentoring_cohorts')).toBe(0);
		expect(await countRows(database.db, 'audit_events')).toBe(0);
	});

	it('a cohort must be in a school of the territory and a real school year', async () => {
		const { database, t } = fresh();
		const firm = (await listOrganisations(database.db, t.scope)).find((o) => o.name === 'Arc France')!;
		const fields = await validationFields(
			createCohort(database.db, t.scope, coordinator, { schoolYear: '2025-2027', schoolOrganisationId: String(firm.id), pairsFormed: '4' })
		);
		expect(fields.schoolYear).toBe('validation.school_year');
		const fields2 = await validationFields(
			createCohort(database.db, t.scope, coordinator, { schoolYear: '2025-2026', schoolOrganisationId: String(firm.id), pairsFormed: '4' })
		);
		expect(fields2.schoolOrganisationId).toBe('mentoring.validation.school');
		expect(await countRows(database.db, 'mentoring_cohorts')).toBe(0);
	});

	it('there is one cohort per school, school year and initiative: a second is refused, another year is not', async () => {
		const { database, t, school } = fresh();
		const first = await createCohort(database.db, t.scope, coordinator, {
			schoolYear: '2025-2026',
			schoolOrganisationId: String(school.id),
			pairsFormed: '12'
		});
		const messages = await frenchMessages(
			createCohort(database.db, t.scope, coordinator, { schoolYear: '2025-2026', schoolOrganisationId: String(school.id), pairsFormed: '3' })
		);
		expect(messages.schoolOrganisationId).toBe('Une cohorte existe déjà pour cet établissement, cette année scolaire et cette initiative.');
		const next = await createCohort(database.db, t.scope, coordinator, { schoolYear: '2026-2027', schoolOrganisationId: String(school.id), pairsFormed: '3' });
		// Moving next year's cohort onto this year's key is refused too.
		const moved = await validationFields(
			updateCohort(database.db, t.scope, coordinator, next.id, { schoolYear: '2025-2026', schoolOrganisationId: String(school.id), pairsFormed: '3' })
		);
		expect(moved.schoolOrganisationId).toBe('mentoring.validation.duplicate');
		expect(await countRows(database.db, 'mentoring_cohorts')).toBe(2);
		expect((await cohortRow(database.db, first.id))!.pairs_formed).toBe(12);
	});

	it('the database itself refuses a duplicate cohort, negative counts and more active pairs than formed', async () => {
		const { database, t, school, capitalFilles } = fresh();
		const insert = (formed: number, active: number | null) =>
			database.db.execute(
				sql`insert into mentoring_cohorts (territory_id, initiative_id, school_year, school_organisation_id, pairs_formed, pairs_active_at_end) values (${t.scope.territoryId}, ${capitalFilles}, '2024-2025', ${school.id}, ${formed}, ${active})`
			);
		await expect(insert(-1, null)).rejects.toThrow();
		await expect(insert(5, 6)).rejects.toThrow();
		await expect(insert(5, -1)).rejects.toThrow();
		await insert(5, 5);
		await expect(insert(7, null)).rejects.toThrow();
		expect(await countRows(database.db, 'mentoring_cohorts')).toBe(1);
	});

	it('closing the year with more active pairs than formed is refused in French and leaves the year open', async () => {
		const { database, t, school } = fresh();
		const cohort = await createCohort(database.db, t.scope, coordinator, {
			schoolYear: '2025-2026',
			schoolOrganisationId: String(school.id),
			pairsFormed: '12'
		});
		const messages = await frenchMessages(closeCohortYear(database.db, t.scope, coordinator, cohort.id, { pairsActiveAtEnd: '15' }));
		expect(messages.pairsActiveAtEnd).toBe('Il ne peut pas y avoir plus de binômes actifs (15) que de binômes formés (12).');
		expect(await cohortRow(database.db, cohort.id)).toMatchObject({ pairs_formed: 12, pairs_active_at_end: null, closed_at: null });
		await closeCohortYear(database.db, t.scope, coordinator, cohort.id, { pairsActiveAtEnd: '9' });
		expect(await cohortRow(database.db, cohort.id)).toMatchObject({ pairs_formed: 12, pairs_active_at_end: 9 });
		// Once closed, the pairs formed cannot fall below those still active.
		const lowered = await validationFields(
			updateCohort(database.db, t.scope, coordinator, cohort.id, { schoolYear: '2025-2026', schoolOrganisationId: String(school.id), pairsFormed: '8' })
		);
		expect(lowered.pairsFormed).toBe('mentoring.validation.formed_below_active');
		expect(await auditActions(database.db, cohort.id)).toEqual(['create', 'close']);
	});
});

describe('collective workshops are activities of the accounting', () => {
	it('a workshop creates exactly one activity, of type workshop under the cohort’s initiative, and the indicator rises by its audience', async () => {
		const { database, t, school, capitalFilles, verrElles } = fresh();
		const cohort = await createCohort(database.db, t.scope, coordinator, {
			schoolYear: '2026-2027',
			schoolOrganisationId: String(school.id),
			pairsFormed: '10'
		});
		const before = await participationsOf(database.db, t.scope.territoryId, capitalFilles);
		// Whatever initiative or type the form sends, the workshop is the cohort's.
		const activity = await recordWorkshop(
			database.db,
			t.scope,
			coordinator,
			cohort.id,
			{ ...workshop(), initiativeId: String(verrElles), type: 'forum' },
			{ today }
		);
		expect(await countRows(database.db, 'activities')).toBe(1);
		const result = await database.db.execute(sql`select type, initiative_id, status from activities where id = ${activity.id}`);
		expect((result as unknown as { rows: unknown[] }).rows[0]).toEqual({ type: 'workshop', initiative_id: capitalFilles, status: 'done' });
		expect(await participationsOf(database.db, t.scope.territoryId, capitalFilles)).toBe(before + 20);
		expect(await countRows(database.db, 'mentoring_cohort_workshops')).toBe(1);
		expect(await auditActions(database.db, cohort.id)).toEqual(['create', 'workshop_add']);
		// Its workshops tie the cohort to its initiative and school year.
		const moved = await validationFields(
			updateCohort(database.db, t.scope, coordinator, cohort.id, {
				initiativeId: String(verrElles),
				schoolYear: '2026-2027',
				schoolOrganisationId: String(school.id),
				pairsFormed: '10'
			})
		);
		expect(moved.initiativeId).toBe('mentoring.validation.locked_by_workshops');
		const page = await mentoringListPage(database.db, t.scope, coordinator);
		expect(page.years[0]!.totals).toMatchObject({ workshops: 1, reached: 20, pairsFormed: 10 });
	});

	it('a workshop with wrong counts or outside the cohort’s school year is refused with French messages and creates nothing', async () => {
		const { database, t, school, capitalFilles } = fresh();
		const cohort = await createCohort(database.db, t.scope, coordinator, {
			schoolYear: '2026-2027',
			schoolOrganisationId: String(school.id),
			pairsFormed: '10'
		});
		const before = await participationsOf(database.db, t.scope.territoryId, capitalFilles);
		const messages = await frenchMessages(
			recordWorkshop(database.db, t.scope, coordinator, cohort.id, workshop({ audiences: [{ audience: 'girls', level: 'lycee_gt', count: '12e' }] }), { today })
		);
		expect(messages['aud.girls.lycee_gt']).toBe(fr('validation.count'));
		const outside = await frenchMessages(recordWorkshop(database.db, t.scope, coordinator, cohort.id, workshop({ date: '2026-08-31' }), { today }));
		expect(outside.date).toBe('La date doit être dans l’année scolaire 2026-2027 de la cohorte.');
		const empty = await frenchMessages(recordWorkshop(database.db, t.scope, coordinator, cohort.id, workshop({ audiences: [] }), { today }));
		expect(empty.audiences).toBe(fr('validation.done_needs_audience'));
		expect(await countRows(database.db, 'activities')).toBe(0);
		expect(await countRows(database.db, 'mentoring_cohort_workshops')).toBe(0);
		expect(await participationsOf(database.db, t.scope.territoryId, capitalFilles)).toBe(before);
		expect(await auditActions(database.db, cohort.id)).toEqual(['create']);
	});
});

describe('marraines', () => {
	it('a coordinator adds and removes active marraines of the territory, each change audited', async () => {
		const { database, t, school } = fresh();
		const cohort = await createCohort(database.db, t.scope, coordinator, {
			schoolYear: '2025-2026',
			schoolOrganisationId: String(school.id),
			pairsFormed: '6'
		});
		const amina = await profile(database.db, t.scope.territoryId, 'Amina', 'Benali');
		const away = await profile(database.db, t.scope.territoryId, 'Claire', 'Dumont', null, false);
		await addMentor(database.db, t.scope, coordinator, cohort.id, { profileId: String(amina.id) });
		expect((await validationFields(addMentor(database.db, t.scope, coordinator, cohort.id, { profileId: String(amina.id) }))).profileId).toBe(
			'mentoring.validation.mentor_already'
		);
		expect((await validationFields(addMentor(database.db, t.scope, coordinator, cohort.id, { profileId: String(away.id) }))).profileId).toBe(
			'mentoring.validation.mentor'
		);
		expect(await countRows(database.db, 'mentoring_cohort_mentors')).toBe(1);
		await removeMentor(database.db, t.scope, coordinator, cohort.id, { profileId: String(amina.id) });
		expect(await countRows(database.db, 'mentoring_cohort_mentors')).toBe(0);
		expect(await auditActions(database.db, cohort.id)).toEqual(['create', 'mentor_add', 'mentor_remove']);
	});
});

describe('who sees which cohort', () => {
	it('a partner of another initiative gets a 404 on a Capital Filles cohort and writes nothing; a partner of the initiative reads it', async () => {
		const { database, t, school, arcPartner, capitalFillesPartner } = fresh();
		const cohort = await createCohort(database.db, t.scope, coordinator, {
			schoolYear: '2025-2026',
			schoolOrganisationId: String(school.id),
			pairsFormed: '12'
		});
		await expect(viewCohort(database.db, t.scope, arcPartner, cohort.id)).rejects.toBeInstanceOf(CohortNotFoundError);
		expect((await mentoringListPage(database.db, t.scope, arcPartner)).years).toEqual([]);
		await expect(closeCohortYear(database.db, t.scope, arcPartner, cohort.id, { pairsActiveAtEnd: '1' })).rejects.toBeInstanceOf(CohortNotFoundError);
		await expect(closeCohortYear(database.db, t.scope, capitalFillesPartner, cohort.id, { pairsActiveAtEnd: '1' })).rejects.toBeInstanceOf(CohortNotFoundError);
		expect((await cohortRow(database.db, cohort.id))!.pairs_active_at_end).toBeNull();
		const seen = await viewCohort(database.db, t.scope, capitalFillesPartner, cohort.id);
		expect(seen).toMatchObject({ school: 'Lycée Ribot', editable: false, edit: null, mentors: [] });
	});

	it('a funder reads the counts but not the marraines’ names; a requester reaches nothing', async () => {
		const { database, t, school, funder, requester } = fresh();
		const cohort = await createCohort(database.db, t.scope, coordinator, {
			schoolYear: '2025-2026',
			schoolOrganisationId: String(school.id),
			pairsFormed: '12'
		});
		const amina = await profile(database.db, t.scope.territoryId, 'Amina', 'Benali');
		await addMentor(database.db, t.scope, coordinator, cohort.id, { profileId: String(amina.id) });
		const seen = await viewCohort(database.db, t.scope, funder, cohort.id);
		expect(seen.mentors).toBeNull();
		expect(seen.counts).toMatchObject({ pairsFormed: 12, mentors: 1 });
		expect(JSON.stringify(seen)).not.toContain('Benali');
		await expect(mentoringListPage(database.db, t.scope, requester)).rejects.toBeInstanceOf(CohortNotFoundError);
		await expect(viewCohort(database.db, t.scope, requester, cohort.id)).rejects.toBeInstanceOf(CohortNotFoundError);
	});

	it('a role model sees the cohorts she takes part in, and only those', async () => {
		const { database, t, school, otherSchool, roleModel } = fresh();
		const mine = await createCohort(database.db, t.scope, coordinator, { schoolYear: '2025-2026', schoolOrganisationId: String(school.id), pairsFormed: '12' });
		const theirs = await createCohort(database.db, t.scope, coordinator, {
			schoolYear: '2025-2026',
			schoolOrganisationId: String(otherSchool.id),
			pairsFormed: '4'
		});
		const her = await profile(database.db, t.scope.territoryId, 'Sonia', 'Leroy', 'marraine-1');
		await addMentor(database.db, t.scope, coordinator, mine.id, { profileId: String(her.id) });
		const list = await mentoringListPage(database.db, t.scope, roleModel);
		expect(list.years.flatMap((y) => y.cohorts.map((c) => c.id))).toEqual([mine.id]);
		expect((await viewCohort(database.db, t.scope, roleModel, mine.id)).mentors).toEqual([{ profileId: her.id, name: 'Sonia Leroy' }]);
		await expect(viewCohort(database.db, t.scope, roleModel, theirs.id)).rejects.toBeInstanceOf(CohortNotFoundError);
	});
});

describe('counts only', () => {
	it('the mentoring tables have no column that could hold a girl’s identity: only references, counts, dates and notes', async () => {
		const { database } = fresh();
		const result = await database.db.execute(
			sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name like 'mentoring_%' order by table_name, ordinal_position`
		);
		const rows = (result as unknown as { rows: { table_name: string; column_name: string }[] }).rows;
		expect(rows.map((r) => `${r.table_name}.${r.column_name}`)).toEqual([
			'mentoring_cohort_mentors.territory_id',
			'mentoring_cohort_mentors.cohort_id',
			'mentoring_cohort_mentors.profile_id',
			'mentoring_cohort_mentors.created_at',
			'mentoring_cohort_workshops.territory_id',
			'mentoring_cohort_workshops.cohort_id',
			'mentoring_cohort_workshops.activity_id',
			'mentoring_cohort_workshops.created_at',
			'mentoring_cohorts.id',
			'mentoring_cohorts.territory_id',
			'mentoring_cohorts.initiative_id',
			'mentoring_cohorts.school_year',
			'mentoring_cohorts.school_organisation_id',
			'mentoring_cohorts.pairs_formed',
			'mentoring_cohorts.pairs_active_at_end',
			'mentoring_cohorts.closed_at',
			'mentoring_cohorts.notes',
			'mentoring_cohorts.created_by',
			'mentoring_cohorts.created_at',
			'mentoring_cohorts.updated_at'
		]);
		expect(rows.filter((r) => /name|mail|phone|birth|address|pupil|girl|eleve/i.test(r.column_name))).toEqual([]);
	});
});
