import { schoolYearOf, schoolYearRange } from '../../domain/reference';
import { can } from '../accounts/permissions';
import { activityFormOptions } from '../activities/activities.options';
import { todayInParis } from '../shared/paris-time';
import { createActivity } from '../activities/activities.usecases';
import { entityHistory, recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { findInitiative, listAllInitiativeOrganisations, listInitiatives } from '../plan/plan.repository';
import { ValidationError, type FieldErrors } from '../shared/errors';
import { parseWith } from '../shared/form';
import { isCalendarDate } from '../shared/schemas';
import type { Actor, TerritoryScope } from '../shared/scope';
import { CohortNotFoundError } from './mentoring.errors';
import { mayReadNames, mentoringReach, reachesAllCohorts, type AccessMode, type MentoringReach } from './mentoring.policy';
import { addCounts, cohortSnapshot, cohortToFormValues, NO_COUNTS, retentionShare, type CohortCounts } from './mentoring.presenters';
import * as repo from './mentoring.repository';
import { closeInputSchema, cohortInputSchema, mentorInputSchema, type CohortInput } from './mentoring.schemas';

const ENTITY = 'mentoring_cohort';

/**
 * The cohorts the actor reaches for this use case (mentoring.policy.ts), with the mode it needs:
 * every use case starts here. Reaching none at all is the same 404 as an unknown cohort.
 */
async function reachOf(db: Db, scope: TerritoryScope, actor: Actor, mode: AccessMode): Promise<MentoringReach> {
	const whole = reachesAllCohorts(actor.principal, scope.territoryId, 'write');
	const facts = whole
		? { links: [], ownProfiles: [] }
		: { links: await listAllInitiativeOrganisations(db, scope), ownProfiles: await repo.profileIdsOfUser(db, scope, actor.userId) };
	const reach = mentoringReach(actor.principal, scope.territoryId, mode, facts);
	if (!reach) throw new CohortNotFoundError();
	return reach;
}

/** The choices of the cohort form: the plan's initiatives and the territory's schools. */
async function cohortFormOptions(db: Db, scope: TerritoryScope) {
	const [initiatives, schools] = [await listInitiatives(db, scope), await repo.listSchools(db, scope)];
	const collator = new Intl.Collator('fr');
	return {
		initiatives: initiatives.map((i) => ({ id: i.id, name: i.name })),
		schools: schools.sort((a, b) => collator.compare(a.name, b.name))
	};
}

/**
 * Rules that need the territory's data: the initiative (empty: the Capital Filles network's), a
 * school of the territory, one cohort per school, school year and initiative.
 */
async function resolveInput(db: Db, scope: TerritoryScope, input: CohortInput, exceptId: number | null) {
	const errors: FieldErrors = {};
	const initiativeId = input.initiativeId ?? (await repo.capitalFillesInitiative(db, scope));
	const initiative = initiativeId ? await findInitiative(db, scope, initiativeId) : null;
	if (!initiative) errors.initiativeId = { key: 'mentoring.validation.initiative' };
	if (!(await repo.findSchool(db, scope, input.schoolOrganisationId))) errors.schoolOrganisationId = { key: 'mentoring.validation.school' };
	if (Object.keys(errors).length > 0) throw new ValidationError(errors);
	const existing = await repo.findCohortByKey(db, scope, {
		initiativeId: initiative!.id,
		schoolYear: input.schoolYear,
		schoolOrganisationId: input.schoolOrganisationId
	});
	if (existing && existing.id !== exceptId) throw new ValidationError({ schoolOrganisationId: { key: 'mentoring.validation.duplicate' } });
	return {
		initiativeId: initiative!.id,
		schoolYear: input.schoolYear,
		schoolOrganisationId: input.schoolOrganisationId,
		pairsFormed: input.pairsFormed,
		notes: input.notes
	};
}

/** The new-cohort form: its choices and defaults (the Capital Filles initiative, the current school year). */
export async function newCohortForm(db: Db, scope: TerritoryScope, actor: Actor) {
	await reachOf(db, scope, actor, 'write');
	const options = await cohortFormOptions(db, scope);
	const initiativeId = await repo.capitalFillesInitiative(db, scope);
	return { options, defaults: { initiativeId: initiativeId ? String(initiativeId) : '', schoolYear: schoolYearOf(todayInParis()), pairsFormed: '0' } };
}

export async function createCohort(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	await reachOf(db, scope, actor, 'write');
	const input = parseWith(cohortInputSchema, raw);
	return db.transaction(async (tx) => {
		const values = await resolveInput(tx, scope, input, null);
		const row = await repo.insertCohort(tx, scope, { ...values, createdBy: actor.userId });
		await recordAudit(tx, scope, actor, { action: 'create', entityType: ENTITY, entityId: row.id, after: cohortSnapshot(row) });
		return row;
	});
}

async function lockCohort(tx: Db, scope: TerritoryScope, reach: MentoringReach, id: number) {
	const row = await repo.findCohort(tx, scope, reach, id, { forUpdate: true });
	if (!row) throw new CohortNotFoundError();
	return row;
}

/** Edits a cohort; once the year is closed, the pairs formed cannot fall below those still active. */
export async function updateCohort(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown) {
	const reach = await reachOf(db, scope, actor, 'write');
	const input = parseWith(cohortInputSchema, raw);
	return db.transaction(async (tx) => {
		const current = await lockCohort(tx, scope, reach, id);
		const values = await resolveInput(tx, scope, input, id);
		// Its workshops are activities of its initiative, dated in its school year: those stay put once there are workshops.
		if ((values.initiativeId !== current.initiativeId || values.schoolYear !== current.schoolYear) && (await repo.listWorkshops(tx, scope, [id])).length > 0) {
			const field = values.initiativeId !== current.initiativeId ? 'initiativeId' : 'schoolYear';
			throw new ValidationError({ [field]: { key: 'mentoring.validation.locked_by_workshops' } });
		}
		if (current.pairsActiveAtEnd !== null && values.pairsFormed < current.pairsActiveAtEnd) {
			throw new ValidationError({ pairsFormed: { key: 'mentoring.validation.formed_below_active', params: { active: current.pairsActiveAtEnd } } });
		}
		const row = await repo.updateCohortRow(tx, scope, id, values);
		await recordAudit(tx, scope, actor, { action: 'update', entityType: ENTITY, entityId: id, before: cohortSnapshot(current), after: cohortSnapshot(row) });
		return row;
	});
}

/** Closes the school year with the pairs still active (a count no greater than the pairs formed); closing again corrects it. */
export async function closeCohortYear(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown) {
	const reach = await reachOf(db, scope, actor, 'write');
	const input = parseWith(closeInputSchema, raw);
	return db.transaction(async (tx) => {
		const current = await lockCohort(tx, scope, reach, id);
		if (input.pairsActiveAtEnd > current.pairsFormed) {
			throw new ValidationError({
				pairsActiveAtEnd: { key: 'mentoring.validation.active_above_formed', params: { active: input.pairsActiveAtEnd, formed: current.pairsFormed } }
			});
		}
		const row = await repo.updateCohortRow(tx, scope, id, { pairsActiveAtEnd: input.pairsActiveAtEnd, closedAt: current.closedAt ?? new Date() });
		await recordAudit(tx, scope, actor, { action: 'close', entityType: ENTITY, entityId: id, before: cohortSnapshot(current), after: cohortSnapshot(row) });
		return row;
	});
}

/** Adds a marraine: an active role-model profile of the territory, not yet in the cohort. */
export async function addMentor(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown) {
	const reach = await reachOf(db, scope, actor, 'write');
	const { profileId } = parseWith(mentorInputSchema, raw);
	await db.transaction(async (tx) => {
		await lockCohort(tx, scope, reach, id);
		if (!(await repo.findActiveProfile(tx, scope, profileId))) throw new ValidationError({ profileId: { key: 'mentoring.validation.mentor' } });
		const mentors = await repo.listMentors(tx, scope, [id]);
		if (mentors.some((m) => m.profileId === profileId)) throw new ValidationError({ profileId: { key: 'mentoring.validation.mentor_already' } });
		await repo.insertMentor(tx, scope, id, profileId);
		await recordAudit(tx, scope, actor, { action: 'mentor_add', entityType: ENTITY, entityId: id, after: { profileId } });
	});
}

export async function removeMentor(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown) {
	const reach = await reachOf(db, scope, actor, 'write');
	const { profileId } = parseWith(mentorInputSchema, raw);
	await db.transaction(async (tx) => {
		await lockCohort(tx, scope, reach, id);
		if (!(await repo.deleteMentor(tx, scope, id, profileId))) throw new ValidationError({ profileId: { key: 'mentoring.validation.mentor' } });
		await recordAudit(tx, scope, actor, { action: 'mentor_remove', entityType: ENTITY, entityId: id, before: { profileId } });
	});
}

/**
 * Records a collective workshop: an activity of the accounting, created by the activities use case
 * (same form rules, the indicator moves in the same transaction), of type `workshop` under the
 * cohort's initiative, then linked to the cohort. A refusal leaves nothing behind.
 */
export async function recordWorkshop(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: Record<string, unknown>, options: { today?: string } = {}) {
	const reach = await reachOf(db, scope, actor, 'write');
	return db.transaction(async (tx) => {
		const cohort = await lockCohort(tx, scope, reach, id);
		const range = schoolYearRange(cohort.schoolYear);
		if (range && typeof raw.date === 'string' && isCalendarDate(raw.date.trim()) && (raw.date.trim() < range.from || raw.date.trim() > range.to)) {
			throw new ValidationError({ date: { key: 'mentoring.validation.workshop_outside_year', params: { year: cohort.schoolYear } } });
		}
		const activity = await createActivity(tx, scope, actor, { ...raw, initiativeId: cohort.initiativeId, type: 'workshop' }, { today: options.today });
		await repo.insertWorkshop(tx, scope, id, activity.id);
		await recordAudit(tx, scope, actor, { action: 'workshop_add', entityType: ENTITY, entityId: id, after: { activityId: activity.id } });
		return activity;
	});
}

type WorkshopRow = Awaited<ReturnType<typeof repo.listWorkshops>>[number];

/** A cohort's counts: cancelled workshops are not counted; people reached are those of done workshops. */
function countsOf(cohort: repo.CohortRow, mentors: number, workshops: readonly WorkshopRow[]): CohortCounts {
	const held = workshops.filter((w) => w.status !== 'cancelled');
	const closed = cohort.pairsActiveAtEnd !== null;
	return {
		pairsFormed: cohort.pairsFormed,
		mentors,
		workshops: held.length,
		reached: held.filter((w) => w.status === 'done').reduce((n, w) => n + w.reached, 0),
		closedPairsFormed: closed ? cohort.pairsFormed : 0,
		pairsActiveAtEnd: cohort.pairsActiveAtEnd ?? 0,
		closed: closed ? 1 : 0
	};
}

/** The list page: the cohorts the actor reads, by school year (newest first), with each year's totals. */
export async function mentoringListPage(db: Db, scope: TerritoryScope, actor: Actor) {
	const reach = await reachOf(db, scope, actor, 'read');
	const rows = await repo.listCohorts(db, scope, reach);
	const ids = rows.map((r) => r.cohort.id);
	const [mentors, workshops] = [await repo.listMentors(db, scope, ids), await repo.listWorkshops(db, scope, ids)];
	const years: {
		schoolYear: string;
		cohorts: { id: number; schoolName: string; initiativeName: string; closed: boolean; counts: CohortCounts; retention: number | null }[];
		totals: CohortCounts;
		retention: number | null;
	}[] = [];
	for (const r of rows) {
		const counts = countsOf(
			r.cohort,
			mentors.filter((m) => m.cohortId === r.cohort.id).length,
			workshops.filter((w) => w.cohortId === r.cohort.id)
		);
		let year = years.find((y) => y.schoolYear === r.cohort.schoolYear);
		if (!year) years.push((year = { schoolYear: r.cohort.schoolYear, cohorts: [], totals: NO_COUNTS, retention: null }));
		year.cohorts.push({
			id: r.cohort.id,
			schoolName: r.schoolName,
			initiativeName: r.initiativeName,
			closed: r.cohort.pairsActiveAtEnd !== null,
			counts,
			retention: retentionShare(counts)
		});
		year.totals = addCounts(year.totals, counts);
		year.retention = retentionShare(year.totals);
	}
	return { years, canCreate: await mayWrite(db, scope, actor) };
}

async function mayWrite(db: Db, scope: TerritoryScope, actor: Actor): Promise<boolean> {
	return reachOf(db, scope, actor, 'write').then(
		() => true,
		() => false
	);
}

/**
 * The cohort page: its counts, its marraines (names only where the policy allows), its workshops,
 * and for coordinators the forms (edit, marraines, workshop with the activity form's grid, close).
 */
export async function viewCohort(db: Db, scope: TerritoryScope, actor: Actor, id: number) {
	const reach = await reachOf(db, scope, actor, 'read');
	const cohort = await repo.findCohort(db, scope, reach, id);
	if (!cohort) throw new CohortNotFoundError();
	const [mentors, workshops] = [await repo.listMentors(db, scope, [id]), await repo.listWorkshops(db, scope, [id])];
	const names = mayReadNames(
		reach,
		cohort,
		mentors.map((m) => m.profileId)
	);
	const counts = countsOf(cohort, mentors.length, workshops);
	const editable = await mayWrite(db, scope, actor);
	const options = await cohortFormOptions(db, scope);
	const base = {
		cohort: {
			id: cohort.id,
			schoolYear: cohort.schoolYear,
			pairsFormed: cohort.pairsFormed,
			pairsActiveAtEnd: cohort.pairsActiveAtEnd,
			notes: names ? cohort.notes : null
		},
		school: options.schools.find((s) => s.id === cohort.schoolOrganisationId)?.name ?? '—',
		initiative: options.initiatives.find((i) => i.id === cohort.initiativeId)?.name ?? '—',
		counts,
		retention: retentionShare(counts),
		mentors: names ? mentors.map((m) => ({ profileId: m.profileId, name: `${m.firstName} ${m.lastName}` })) : null,
		workshops: workshops.map((w) => ({ activityId: w.activityId, title: w.title, date: w.date, status: w.status, reached: w.reached })),
		linkActivities: can(actor.principal, 'activity.read', scope.territoryId),
		editable
	};
	if (!editable) return { ...base, edit: null };
	const activityOptions = await activityFormOptions(db, scope, [cohort.initiativeId]);
	const taken = new Set(mentors.map((m) => m.profileId));
	return {
		...base,
		edit: {
			values: cohortToFormValues(cohort),
			options,
			profiles: (await repo.listActiveProfiles(db, scope)).filter((p) => !taken.has(p.id)).map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}` })),
			// The activity form, narrowed to what a workshop of this cohort is: its initiative, type workshop.
			workshopOptions: { ...activityOptions, initiatives: activityOptions.initiatives.map((i) => ({ ...i, types: ['workshop'] })) },
			workshopValues: {
				initiativeId: String(cohort.initiativeId),
				type: 'workshop',
				status: 'done',
				date: todayInParis(),
				hostOrganisationId: String(cohort.schoolOrganisationId)
			},
			history: can(actor.principal, 'audit.read', scope.territoryId) ? await entityHistory(db, scope, ENTITY, id) : null
		}
	};
}
