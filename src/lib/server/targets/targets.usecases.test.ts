import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { countRows, defaultTerritory, doneActivity, otherTerritory, rows, validationFields } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { createActivity } from '../activities/activities.usecases';
import type { Db } from '../db/client';
import { territoryIndicator } from '../indicator/indicator.usecases';
import { listOrganisations } from '../organisations/organisations.repository';
import { translator } from '../../i18n';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import {
	createMilestone,
	createTarget,
	removeMilestone,
	removeTarget,
	targetProgress,
	targetsPage,
	updateMilestone,
	updateTarget,
	wholePlanTarget
} from './targets.usecases';

const coordinator = adminActor('coordinatrice');
const today = '2026-01-15';

const fresh = freshDatabasePerTest(async (database) => {
	const db = database.db;
	const t = await defaultTerritory(db);
	const other = await otherTerritory(db);
	const capital = (await listOrganisations(db, t.scope)).find((o) => o.name === 'Capital Filles')!;
	const territoryId = t.scope.territoryId;
	const role = (name: string, organisationId: number | null = null) =>
		actorOf({ userId: `${name}-1`, platformAdmin: false, roles: [{ territoryId, role: name, organisationId }] });
	return {
		t,
		other,
		territoryCoordinator: role('coordinator'),
		partner: role('partner', capital.id),
		funder: role('funder'),
		neighbourCoordinator: actorOf({
			userId: 'coord-b',
			platformAdmin: false,
			roles: [{ territoryId: other.scope.territoryId, role: 'coordinator', organisationId: null }]
		})
	};
});

interface StoredTarget {
	id: number;
	territory_id: number;
	school_year: string;
	initiative_id: number | null;
	audience: string | null;
	target: number;
	version: number;
}

/** Read directly, never through the code under test. */
const storedTargets = (db: Db) =>
	rows<StoredTarget>(db, sql`select id, territory_id, school_year, initiative_id, audience, target, version from targets order by id`);
const storedMilestones = (db: Db) =>
	rows<{ id: number; title: string; status: string; progress: number; due_on: string; initiative_id: number | null; version: number }>(
		db,
		sql`select id, title, status, progress, to_char(due_on, 'YYYY-MM-DD') as due_on, initiative_id, version from milestones order by id`
	);
const auditOf = (db: Db, entity: string) =>
	rows<{ action: string; before: unknown; after: unknown }>(db, sql`select action, before, after from audit_events where entity_type = ${entity} order by id`);

/** A target as the page's form sends it. */
const targetForm = (overrides: Record<string, unknown> = {}) => ({ schoolYear: '2025-2026', initiativeId: '', audience: '', target: '40', ...overrides });
const milestoneForm = (overrides: Record<string, unknown> = {}) => ({
	title: 'Signature de la convention Capital Filles',
	initiativeId: '',
	dueOn: '2026-03-31',
	status: 'in_progress',
	progress: '40',
	description: 'Avec la CAPSO et Verr’Elles.',
	...overrides
});

describe('targets: set by the coordination, read against the indicator', () => {
	it('a coordinator sets a whole-plan target and an initiative × audience target; each is stored and audited', async () => {
		const { database, t, territoryCoordinator } = fresh();
		const db = database.db;
		await createTarget(db, t.scope, territoryCoordinator, targetForm());
		await createTarget(db, t.scope, territoryCoordinator, targetForm({ initiativeId: String(t.initiativeId), audience: 'girls', target: '10' }));
		expect(await storedTargets(db)).toEqual([
			expect.objectContaining({ territory_id: t.scope.territoryId, school_year: '2025-2026', initiative_id: null, audience: null, target: 40, version: 1 }),
			expect.objectContaining({ school_year: '2025-2026', initiative_id: t.initiativeId, audience: 'girls', target: 10 })
		]);
		expect(await auditOf(db, 'target')).toEqual([
			{ action: 'create', before: null, after: { schoolYear: '2025-2026', initiativeId: null, audience: null, target: 40 } },
			{ action: 'create', before: null, after: { schoolYear: '2025-2026', initiativeId: t.initiativeId, audience: 'girls', target: 10 } }
		]);
	});

	it('the actual of each line is the indicator’s figure for the school year once done activities are recorded, and the share is computed', async () => {
		const { database, t } = fresh();
		const db = database.db;
		await createTarget(db, t.scope, coordinator, targetForm());
		await createTarget(db, t.scope, coordinator, targetForm({ initiativeId: String(t.initiativeId), audience: 'girls', target: '10' }));
		await createTarget(db, t.scope, coordinator, targetForm({ initiativeId: String(t.initiatives[1]!.id), target: '200' }));
		// 12 girls, 9 boys and 2 teachers in October 2025 (school year 2025-2026); a planned one and one of the year before do not count.
		await createActivity(db, t.scope, coordinator, doneActivity(t.initiativeId), { today });
		await createActivity(db, t.scope, coordinator, doneActivity(t.initiativeId, { status: 'planned', date: '2026-02-10' }), { today });
		await createActivity(db, t.scope, coordinator, doneActivity(t.initiativeId, { date: '2025-06-10' }), { today });

		const [year] = await targetProgress(db, t.scope, { today });
		const indicator = await territoryIndicator(db, t.scope, { schoolYear: '2025-2026' });
		expect(indicator.participations).toBe(23);
		expect(year!.schoolYear).toBe('2025-2026');
		expect(year!.current).toBe(true);
		expect(
			year!.lines.map((l) => ({ initiative: l.initiative?.id ?? null, audience: l.audience, target: l.target, actual: l.actual, share: l.share }))
		).toEqual([
			{ initiative: null, audience: null, target: 40, actual: indicator.participations, share: 57 },
			{ initiative: t.initiativeId, audience: 'girls', target: 10, actual: 12, share: 120 },
			{ initiative: t.initiatives[1]!.id, audience: null, target: 200, actual: 0, share: 0 }
		]);
		// The indicator page's line: the same figure beside the whole plan's target, only for a whole-plan reading.
		expect(await wholePlanTarget(db, t.scope, '2025-2026', indicator)).toEqual({ schoolYear: '2025-2026', target: 40, actual: 23, share: 57 });
		expect(
			await wholePlanTarget(db, t.scope, '2025-2026', await territoryIndicator(db, t.scope, { schoolYear: '2025-2026', initiativeId: t.initiativeId }))
		).toBeNull();
		expect(await wholePlanTarget(db, t.scope, undefined, indicator)).toBeNull();
	});

	it('the page lists the current school year first, then the others newest first, the whole-plan line first', async () => {
		const { database, t, funder } = fresh();
		const db = database.db;
		for (const schoolYear of ['2024-2025', '2026-2027', '2025-2026']) {
			await createTarget(db, t.scope, coordinator, targetForm({ schoolYear, initiativeId: String(t.initiativeId), target: '5' }));
			await createTarget(db, t.scope, coordinator, targetForm({ schoolYear, target: '50' }));
		}
		const page = await targetsPage(db, t.scope, funder, { today });
		expect(page.years.map((y) => y.schoolYear)).toEqual(['2025-2026', '2026-2027', '2024-2025']);
		expect(page.years.every((y) => y.lines[0]!.initiative === null)).toBe(true);
		expect(page.canManage).toBe(false);
		expect((await targetsPage(db, t.scope, coordinator, { today })).canManage).toBe(true);
	});

	it('wrong input is refused next to its field in French and changes nothing', async () => {
		const { database, t, other } = fresh();
		const db = database.db;
		for (const target of ['0', '-3', '12,5', 'trois cents', '']) {
			expect(await validationFields(createTarget(db, t.scope, coordinator, targetForm({ target })))).toEqual({ target: 'targets.validation.target' });
		}
		expect(await validationFields(createTarget(db, t.scope, coordinator, targetForm({ schoolYear: '2025-2027' })))).toEqual({
			schoolYear: 'validation.school_year'
		});
		expect(await validationFields(createTarget(db, t.scope, coordinator, targetForm({ audience: 'aliens' })))).toEqual({ audience: 'validation.enum' });
		// The neighbour's initiative, an unknown one, a word: "choose an initiative of the plan".
		for (const initiativeId of [String(other.initiativeId), '999999', 'Verr’Elles']) {
			expect(await validationFields(createTarget(db, t.scope, coordinator, targetForm({ initiativeId })))).toEqual({
				initiativeId: 'validation.initiative_unknown'
			});
		}
		expect(await countRows(db, 'targets')).toBe(0);
		await createTarget(db, t.scope, coordinator, targetForm());
		expect(await validationFields(createTarget(db, t.scope, coordinator, targetForm({ target: '90' })))).toEqual({ schoolYear: 'targets.validation.exists' });
		const [stored] = await storedTargets(db);
		expect(await validationFields(updateTarget(db, t.scope, coordinator, { id: String(stored!.id), version: '1', target: '0' }))).toEqual({
			target: 'targets.validation.target'
		});
		expect(await storedTargets(db)).toEqual([expect.objectContaining({ target: 40, version: 1 })]);
		expect(await countRows(db, 'audit_events')).toBe(1);
	});

	it('a number written the French way, « 1 000 » (space, no-break space, narrow no-break space), is read as 1000; decimals and odd groups are still refused', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const years = ['2025-2026', '2026-2027', '2027-2028', '2028-2029'];
		for (const [i, target] of ['1 000', '1\u00a0000', '1\u202f000', ' 12 345 '].entries()) {
			await createTarget(db, t.scope, coordinator, targetForm({ schoolYear: years[i], target }));
		}
		expect((await storedTargets(db)).map((s) => s.target)).toEqual([1000, 1000, 1000, 12345]);
		for (const target of ['1 000,5', '1,000', '1.000', '10 00', '1  000', '1 000 00']) {
			expect(await validationFields(createTarget(db, t.scope, coordinator, targetForm({ schoolYear: '2029-2030', target }))), target).toEqual({
				target: 'targets.validation.target'
			});
		}
		const [first] = await storedTargets(db);
		await updateTarget(db, t.scope, coordinator, { id: String(first!.id), version: '1', target: '2\u202f500' });
		expect((await storedTargets(db))[0]).toEqual(expect.objectContaining({ target: 2500, version: 2 }));
	});

	it('a number above the largest the platform stores has its own message, naming that largest number in French', async () => {
		const { database, t } = fresh();
		const db = database.db;
		for (const target of ['99999999999', '2 147 483 648', '99999999999999999999999']) {
			const refused = await createTarget(db, t.scope, coordinator, targetForm({ target })).then(
				() => null,
				(e: unknown) => e as ValidationError
			);
			expect(refused, target).toBeInstanceOf(ValidationError);
			expect(refused!.fields, target).toEqual({ target: { key: 'validation.integer_too_large', params: { max: 2147483647 } } });
			const m = refused!.fields.target!;
			expect(translator('fr')(m.key, m.params)).toBe('Nombre trop grand : 2\u202f147\u202f483\u202f647 au plus.');
		}
		await createTarget(db, t.scope, coordinator, targetForm({ target: '2 147 483 647' }));
		expect((await storedTargets(db)).map((s) => s.target)).toEqual([2147483647]);
	});

	it('a coordinator changes a target from the version she read and removes it; a stale version changes nothing', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const row = await createTarget(db, t.scope, coordinator, targetForm());
		await updateTarget(db, t.scope, coordinator, { id: String(row.id), version: '1', target: '60' });
		expect(await storedTargets(db)).toEqual([expect.objectContaining({ target: 60, version: 2 })]);
		await expect(updateTarget(db, t.scope, coordinator, { id: String(row.id), version: '1', target: '70' })).rejects.toBeInstanceOf(ConflictError);
		await expect(removeTarget(db, t.scope, coordinator, { id: String(row.id), version: '1' })).rejects.toBeInstanceOf(ConflictError);
		expect(await storedTargets(db)).toEqual([expect.objectContaining({ target: 60, version: 2 })]);
		await removeTarget(db, t.scope, coordinator, { id: String(row.id), version: '2' });
		expect(await countRows(db, 'targets')).toBe(0);
		expect((await auditOf(db, 'target')).map((a) => a.action)).toEqual(['create', 'update', 'delete']);
		expect((await auditOf(db, 'target'))[1]).toMatchObject({ before: { target: 40 }, after: { target: 60 } });
		// Removed in another tab: a message on the page, nothing else.
		expect(await validationFields(removeTarget(db, t.scope, coordinator, { id: String(row.id), version: '2' }))).toEqual({ _form: 'targets.validation.gone' });
	});

	it('a partner and a funder read the targets but cannot set, change or remove one', async () => {
		const { database, t, partner, funder } = fresh();
		const db = database.db;
		const row = await createTarget(db, t.scope, coordinator, targetForm());
		for (const actor of [partner, funder]) {
			await expect(createTarget(db, t.scope, actor, targetForm({ schoolYear: '2026-2027' }))).rejects.toBeInstanceOf(NotFoundError);
			await expect(updateTarget(db, t.scope, actor, { id: String(row.id), version: '1', target: '1' })).rejects.toBeInstanceOf(NotFoundError);
			await expect(removeTarget(db, t.scope, actor, { id: String(row.id), version: '1' })).rejects.toBeInstanceOf(NotFoundError);
			await expect(createMilestone(db, t.scope, actor, milestoneForm())).rejects.toBeInstanceOf(NotFoundError);
			expect((await targetsPage(db, t.scope, actor, { today })).years[0]!.lines).toHaveLength(1);
		}
		expect(await storedTargets(db)).toEqual([expect.objectContaining({ school_year: '2025-2026', target: 40, version: 1 })]);
		expect(await countRows(db, 'milestones')).toBe(0);
	});

	it('one territory never reads nor changes another’s targets and milestones', async () => {
		const { database, t, other, neighbourCoordinator } = fresh();
		const db = database.db;
		const mine = await createTarget(db, t.scope, coordinator, targetForm());
		const milestone = await createMilestone(db, t.scope, coordinator, milestoneForm());
		await createTarget(db, other.scope, neighbourCoordinator, targetForm({ target: '7' }));
		// The neighbour's coordinator, in her own territory, naming A's records: they are not hers.
		expect(await validationFields(updateTarget(db, other.scope, neighbourCoordinator, { id: String(mine.id), version: '1', target: '1' }))).toEqual({
			_form: 'targets.validation.gone'
		});
		expect(await validationFields(removeMilestone(db, other.scope, neighbourCoordinator, { id: String(milestone.id), version: '1' }))).toEqual({
			_form: 'targets.validation.gone'
		});
		// And in A's scope without a role there: the same 404 as for anyone who may not write.
		await expect(removeTarget(db, t.scope, neighbourCoordinator, { id: String(mine.id), version: '1' })).rejects.toBeInstanceOf(NotFoundError);
		const a = await targetsPage(db, t.scope, coordinator, { today });
		const b = await targetsPage(db, other.scope, neighbourCoordinator, { today });
		expect(a.years.flatMap((y) => y.lines.map((l) => l.target))).toEqual([40]);
		expect(b.years.flatMap((y) => y.lines.map((l) => l.target))).toEqual([7]);
		expect(b.milestones).toEqual([]);
		expect(await storedTargets(db)).toEqual([
			expect.objectContaining({ territory_id: t.scope.territoryId, target: 40, version: 1 }),
			expect.objectContaining({ territory_id: other.scope.territoryId, target: 7 })
		]);
		expect(await storedMilestones(db)).toHaveLength(1);
	});
});

describe('milestones: status and progress', () => {
	it('a coordinator adds a milestone, moves it on to done and removes it; each change is audited', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const row = await createMilestone(db, t.scope, coordinator, milestoneForm({ initiativeId: String(t.initiativeId) }));
		expect(await storedMilestones(db)).toEqual([
			{
				id: row.id,
				title: 'Signature de la convention Capital Filles',
				status: 'in_progress',
				progress: 40,
				due_on: '2026-03-31',
				initiative_id: t.initiativeId,
				version: 1
			}
		]);
		// Done with its progress left empty: 100 %.
		await updateMilestone(db, t.scope, coordinator, { ...milestoneForm({ status: 'done', progress: '' }), id: String(row.id), version: '1' });
		expect(await storedMilestones(db)).toEqual([expect.objectContaining({ status: 'done', progress: 100, initiative_id: null, version: 2 })]);
		const page = await targetsPage(db, t.scope, coordinator, { today });
		expect(page.milestones).toEqual([expect.objectContaining({ title: 'Signature de la convention Capital Filles', status: 'done', progress: 100 })]);
		await removeMilestone(db, t.scope, coordinator, { id: String(row.id), version: '2' });
		expect(await countRows(db, 'milestones')).toBe(0);
		const audit = await auditOf(db, 'milestone');
		expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
		expect(audit[1]).toMatchObject({ before: { status: 'in_progress', progress: 40 }, after: { status: 'done', progress: 100 } });
	});

	it('a progress its status does not allow, a wrong date, an unknown status or no title are refused and change nothing', async () => {
		const { database, t } = fresh();
		const db = database.db;
		const cases: [Record<string, unknown>, Record<string, string>][] = [
			[{ status: 'done', progress: '40' }, { progress: 'targets.validation.progress_done' }],
			[{ status: 'planned', progress: '10' }, { progress: 'targets.validation.progress_planned' }],
			[{ status: 'late', progress: '100' }, { progress: 'targets.validation.progress_late' }],
			[{ progress: '120' }, { progress: 'targets.validation.progress' }],
			[{ progress: '12,5' }, { progress: 'targets.validation.progress' }],
			[{ dueOn: '2026-02-30' }, { dueOn: 'validation.date' }],
			[{ status: 'forgotten' }, { status: 'validation.enum' }],
			[{ title: '   ' }, { title: 'validation.required' }]
		];
		for (const [overrides, expected] of cases)
			expect(await validationFields(createMilestone(db, t.scope, coordinator, milestoneForm(overrides)))).toEqual(expected);
		const row = await createMilestone(db, t.scope, coordinator, milestoneForm());
		expect(
			await validationFields(
				updateMilestone(db, t.scope, coordinator, { ...milestoneForm({ status: 'done', progress: '50' }), id: String(row.id), version: '1' })
			)
		).toEqual({ progress: 'targets.validation.progress_done' });
		expect(await storedMilestones(db)).toEqual([expect.objectContaining({ status: 'in_progress', progress: 40, version: 1 })]);
		expect(await countRows(db, 'audit_events')).toBe(1);
	});
});
