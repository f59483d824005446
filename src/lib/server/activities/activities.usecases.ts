import { monthOf } from '../../domain/reference';
import type { Db } from '../db/client';
import { applyContribution, type Contribution } from '../indicator/indicator.contributions';
import { findOrganisation } from '../organisations/organisations.repository';
import { can } from '../accounts/permissions';
import { findInitiative, findPlan, listAllInitiativeOrganisations } from '../plan/plan.repository';
import { ValidationError, type FieldErrors } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import { inReach, type Reach } from '../shared/reach';
import type { Actor, TerritoryScope } from '../shared/scope';
import { findCommune } from '../territories/territories.repository';
import { offeredTypesByInitiative } from '../activity-types/activity-types.usecases';
import type { Translate } from '../../i18n';
import * as repo from './activities.repository';
import { ActivityConflictError, ActivityNotFoundError } from './activities.errors';
import { mapAudienceErrors } from './activities.form';
import { activityFormOptions } from './activities.options';
import { activityReach, mayEditActivity, reachesWholeTerritory, type AccessMode } from './activities.policy';
import { activitiesToCsv, activityToFormValues } from './activities.presenters';
import { entityHistory, recordAudit } from '../audit/audit.repository';
import { activityInputSchema, cancelSchema, type ActivityFilters, type ActivityInput } from './activities.schemas';
import { todayInParis } from '../shared/paris-time';

export const PAGE_SIZE = 50;

/**
 * The initiatives the actor reaches for this use case, from activities.policy.ts: every use case
 * starts here, with the mode it needs (list/get read; create/update/cancel write).
 */
export async function reachOf(db: Db, scope: TerritoryScope, actor: Actor, mode: AccessMode): Promise<Reach> {
	// The plan's links are read only when needed: the demo records thousands of activities as SYSTEM.
	if (reachesWholeTerritory(actor.principal, scope.territoryId, mode)) return 'all';
	return activityReach(actor.principal, scope.territoryId, mode, await listAllInitiativeOrganisations(db, scope));
}

/** What the audit trail keeps of an activity: its fields and its audience counts. */
function snapshot(row: repo.ActivityRow, audiences: readonly repo.AudienceRow[]): repo.ActivitySnapshot {
	const { createdAt, updatedAt, ...fields } = row;
	void createdAt;
	void updatedAt;
	return { ...fields, audiences };
}

/** The fields a conflict is about, compared between two versions of an activity. */
const COMPARED_FIELDS = ['title', 'date', 'status', 'initiativeId', 'type', 'communeCode', 'hostOrganisationId', 'notes', 'cancelReason'] as const;

type Comparable = Partial<Record<(typeof COMPARED_FIELDS)[number], unknown>> & { audiences?: readonly repo.AudienceRow[] };

/**
 * Fields that differ between the version the editor started from and the stored one, as form
 * field names (audience cells as "aud.<audience>.<level>"), in the form's order.
 */
export function changedFields(base: Comparable, stored: Comparable): string[] {
	const norm = (v: unknown) => (v === undefined || v === null ? '' : String(v));
	const changed: string[] = COMPARED_FIELDS.filter((f) => norm(base[f]) !== norm(stored[f]));
	const cells = (list: readonly repo.AudienceRow[] = []) => new Map(list.map((c) => [`aud.${c.audience}.${c.level}`, c.count]));
	const before = cells(base.audiences);
	const after = cells(stored.audiences);
	for (const key of new Set([...before.keys(), ...after.keys()])) if ((before.get(key) ?? 0) !== (after.get(key) ?? 0)) changed.push(key);
	return changed;
}

/**
 * The activity as it was at a given version, from the audit trail (each write records the state
 * after it). Null when the trail does not have it (e.g. a demo row, recorded without a trace).
 */
async function snapshotAtVersion(db: Db, scope: TerritoryScope, id: number, version: number): Promise<Comparable | null> {
	const history = await entityHistory(db, scope, 'activity', id);
	const entry = history.find((e) => (e.after as { version?: unknown } | null)?.version === version);
	return (entry?.after as Comparable | undefined) ?? null;
}

function contributionOf(row: repo.ActivityRow, audiences: readonly repo.AudienceRow[]): Contribution | null {
	if (row.status !== 'done') return null;
	return { month: monthOf(row.date), initiativeId: row.initiativeId, communeCode: row.communeCode, activityType: row.type, audiences };
}

function parseInput(raw: unknown, today: string): ActivityInput {
	const parsed = activityInputSchema(today).safeParse(raw);
	if (!parsed.success) throw new ValidationError(mapAudienceErrors(toFieldErrors(parsed.error), (raw ?? {}) as Record<string, unknown>));
	return parsed.data;
}

/**
 * Rules that need the territory's data: references inside the territory, date inside the plan, a
 * type the initiative offers. `keptType` is the type an edited activity already has: it stays
 * valid even when the initiative no longer offers it.
 */
async function checkReferences(db: Db, scope: TerritoryScope, reach: Reach, input: ActivityInput, keptType: string | null = null): Promise<void> {
	const errors: FieldErrors = {};
	// One after the other: inside a transaction the connection runs one query at a time anyway.
	const initiative = await findInitiative(db, scope, input.initiativeId);
	const commune = await findCommune(db, scope, input.communeCode);
	const host = input.hostOrganisationId ? await findOrganisation(db, scope, input.hostOrganisationId) : null;
	const plan = await findPlan(db, scope);
	if (!initiative) errors.initiativeId = { key: 'validation.initiative_unknown' };
	else if (!inReach(reach, initiative.id)) errors.initiativeId = { key: 'validation.initiative_not_yours' };
	else if (input.type !== keptType && !(await offeredTypesByInitiative(db, scope, [initiative.id])).get(initiative.id)?.includes(input.type)) {
		errors.type = { key: 'validation.activity_type_not_offered' };
	}
	if (!commune) errors.communeCode = { key: 'validation.commune_outside' };
	if (input.hostOrganisationId && !host) errors.hostOrganisationId = { key: 'validation.host_unknown' };
	if (plan && ((plan.startsOn && input.date < plan.startsOn) || (plan.endsOn && input.date > plan.endsOn))) {
		errors.date = { key: 'validation.outside_plan', params: { from: plan.startsOn ?? '…', to: plan.endsOn ?? '…' } };
	}
	if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

function rowValues(input: ActivityInput) {
	return {
		initiativeId: input.initiativeId,
		type: input.type,
		title: input.title,
		date: input.date,
		communeCode: input.communeCode,
		hostOrganisationId: input.hostOrganisationId,
		status: input.status,
		notes: input.notes
	};
}

export async function createActivity(
	db: Db,
	scope: TerritoryScope,
	actor: Actor,
	raw: unknown,
	options: {
		source?: string;
		today?: string;
		/** Writes what belongs with the activity (a screening's portraits) in its transaction. */ link?: (tx: Db, activityId: number) => Promise<void>;
	} = {}
) {
	const reach = await reachOf(db, scope, actor, 'write');
	const input = parseInput(raw, options.today ?? todayInParis());
	return db.transaction(async (tx) => {
		await checkReferences(tx, scope, reach, input);
		const row = await repo.insertActivity(tx, scope, { ...rowValues(input), source: options.source ?? 'manual', createdBy: actor.userId });
		await repo.insertAudiences(tx, scope, row.id, input.audiences);
		await options.link?.(tx, row.id);
		const contribution = contributionOf(row, input.audiences);
		if (contribution) await applyContribution(tx, scope, contribution, 1);
		if (options.source !== 'demo')
			await recordAudit(tx, scope, actor, { action: 'create', entityType: 'activity', entityId: row.id, after: snapshot(row, input.audiences) });
		return row;
	});
}

async function findReachable(db: Db, scope: TerritoryScope, reach: Reach, id: number) {
	const row = await repo.findActivity(db, scope, reach, id);
	if (!row) throw new ActivityNotFoundError();
	return { ...row, audiences: await repo.listAudiences(db, scope, id) };
}

/** One activity with its audiences; unknown and out of reach are the same 404. */
export async function getActivity(db: Db, scope: TerritoryScope, actor: Actor, id: number) {
	const reach = await reachOf(db, scope, actor, 'read');
	return findReachable(db, scope, reach, id);
}

/**
 * The activity page: the activity, whether the actor may edit it (the policy's rule), its form
 * values, the choices the form offers, and its history for those who read the audit trail.
 */
export async function viewActivity(db: Db, scope: TerritoryScope, actor: Actor, id: number) {
	const reach = await reachOf(db, scope, actor, 'read');
	const activity = await findReachable(db, scope, reach, id);
	const writeReach = await reachOf(db, scope, actor, 'write');
	const editable = mayEditActivity(actor.principal, scope.territoryId, writeReach, activity);
	return {
		activity,
		editable,
		values: activityToFormValues(activity),
		// An editor chooses among the initiatives she may write for; a reader sees their names.
		options: await activityFormOptions(db, scope, editable ? writeReach : reach),
		history: can(actor.principal, 'audit.read', scope.territoryId) ? await entityHistory(db, scope, 'activity', activity.id) : null
	};
}

/** The choices of the new-activity form: the initiatives the actor may record activities for. */
export async function newActivityForm(db: Db, scope: TerritoryScope, actor: Actor) {
	const reach = await reachOf(db, scope, actor, 'write');
	return { options: await activityFormOptions(db, scope, reach), today: todayInParis() };
}

/**
 * Replaces an activity and moves its contribution in the same transaction.
 * expectedVersion is the version the editor saw: a stale save is refused, never merged silently.
 */
export async function updateActivity(
	db: Db,
	scope: TerritoryScope,
	actor: Actor,
	id: number,
	expectedVersion: number,
	raw: unknown,
	options: { today?: string } = {}
) {
	const reach = await reachOf(db, scope, actor, 'write');
	const input = parseInput(raw, options.today ?? todayInParis());
	return db.transaction(async (tx) => {
		const current = await repo.findActivity(tx, scope, reach, id, { forUpdate: true });
		if (!current) throw new ActivityNotFoundError();
		const currentAudiences = await repo.listAudiences(tx, scope, id);
		if (current.version !== expectedVersion) {
			const stored = snapshot(current, currentAudiences);
			const base = await snapshotAtVersion(tx, scope, id, expectedVersion);
			throw new ActivityConflictError(stored, changedFields(base ?? { ...input, audiences: input.audiences }, stored));
		}
		if (current.status === 'cancelled') throw new ValidationError({ status: { key: 'validation.already_cancelled' } });
		await checkReferences(tx, scope, reach, input, current.type);
		const before = contributionOf(current, currentAudiences);
		if (before) await applyContribution(tx, scope, before, -1);
		const row = await repo.updateActivityRow(tx, scope, id, rowValues(input));
		await repo.replaceAudiences(tx, scope, id, input.audiences);
		const after = contributionOf(row, input.audiences);
		if (after) await applyContribution(tx, scope, after, 1);
		await recordAudit(tx, scope, actor, {
			action: 'update',
			entityType: 'activity',
			entityId: id,
			before: snapshot(current, currentAudiences),
			after: snapshot(row, input.audiences)
		});
		return row;
	});
}

/** Cancelling keeps the record (traceability) and removes it from the indicator. */
export async function cancelActivity(db: Db, scope: TerritoryScope, actor: Actor, id: number, expectedVersion: number, raw: unknown) {
	const reach = await reachOf(db, scope, actor, 'write');
	const parsed = cancelSchema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	return db.transaction(async (tx) => {
		const current = await repo.findActivity(tx, scope, reach, id, { forUpdate: true });
		if (!current) throw new ActivityNotFoundError();
		const audiences = await repo.listAudiences(tx, scope, id);
		if (current.version !== expectedVersion) {
			const stored = snapshot(current, audiences);
			const base = await snapshotAtVersion(tx, scope, id, expectedVersion);
			throw new ActivityConflictError(stored, base ? changedFields(base, stored) : []);
		}
		if (current.status === 'cancelled') throw new ValidationError({ reason: { key: 'validation.already_cancelled' } });
		const before = contributionOf(current, audiences);
		if (before) await applyContribution(tx, scope, before, -1);
		const row = await repo.updateActivityRow(tx, scope, id, { status: 'cancelled', cancelReason: parsed.data.reason });
		await recordAudit(tx, scope, actor, {
			action: 'cancel',
			entityType: 'activity',
			entityId: id,
			before: snapshot(current, audiences),
			after: snapshot(row, audiences)
		});
		return row;
	});
}

export async function listActivities(db: Db, scope: TerritoryScope, actor: Actor, filters: ActivityFilters) {
	const reach = await reachOf(db, scope, actor, 'read');
	const [rows, summary] = await Promise.all([repo.listActivities(db, scope, reach, filters, PAGE_SIZE), repo.summariseActivities(db, scope, reach, filters)]);
	return { rows, ...summary, page: filters.page, pages: Math.max(1, Math.ceil(summary.count / PAGE_SIZE)) };
}

/** The list page: the matching activities and the filters' choices (the initiatives the actor reads). */
export async function activityListPage(db: Db, scope: TerritoryScope, actor: Actor, filters: ActivityFilters) {
	const reach = await reachOf(db, scope, actor, 'read');
	const [rows, summary, options] = await Promise.all([
		repo.listActivities(db, scope, reach, filters, PAGE_SIZE),
		repo.summariseActivities(db, scope, reach, filters),
		activityFormOptions(db, scope, reach)
	]);
	return { result: { rows, ...summary, page: filters.page, pages: Math.max(1, Math.ceil(summary.count / PAGE_SIZE)) }, options };
}

export async function exportActivities(db: Db, scope: TerritoryScope, actor: Actor, filters: Omit<ActivityFilters, 'page'>) {
	const reach = await reachOf(db, scope, actor, 'read');
	return repo.exportActivities(db, scope, reach, filters);
}

/** The matching activities as the CSV file (see activities.presenters.ts), in the reader's language. */
export async function exportActivitiesCsv(db: Db, scope: TerritoryScope, actor: Actor, filters: Omit<ActivityFilters, 'page'>, t: Translate): Promise<string> {
	const reach = await reachOf(db, scope, actor, 'read');
	const [data, options] = await Promise.all([repo.exportActivities(db, scope, reach, filters), activityFormOptions(db, scope, reach)]);
	return activitiesToCsv(data, options, t);
}

/** The activity's own audit trail, newest first. */
export function activityHistory(db: Db, scope: TerritoryScope, id: number) {
	return entityHistory(db, scope, 'activity', id);
}
