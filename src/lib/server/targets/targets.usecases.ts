import { AUDIENCE_CODES, schoolYearOf } from '../../domain/reference';
import { MILESTONE_STATUSES, shareReached, targetSchoolYears } from '../../domain/targets';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { territoryIndicator, type TerritoryIndicator } from '../indicator/indicator.usecases';
import { findInitiative, listInitiatives } from '../plan/plan.repository';
import { ValidationError } from '../shared/errors';
import { parseWith } from '../shared/form';
import { todayInParis } from '../shared/paris-time';
import type { Actor, TerritoryScope } from '../shared/scope';
import { MilestoneNotFoundError, recordGoneError, TargetConflictError, TargetNotFoundError, targetExistsError } from './targets.errors';
import { mayManageTargets } from './targets.policy';
import {
	compareTargetLines,
	milestoneSnapshot,
	presentMilestone,
	presentTargetLine,
	targetSnapshot,
	targetToFormValues,
	type TargetLine
} from './targets.presenters';
import * as repo from './targets.repository';
import { milestoneInputSchema, recordRefSchema, targetChangeSchema, targetInputSchema } from './targets.schemas';

/*
 * Targets and milestones of the plan. "Actual" is always the indicator's own figure
 * (`territoryIndicator`: done activities only, from the aggregates), never a count of its own.
 */

/** Writes are the coordination's: anyone else gets the same 404 as an unknown record (targets.policy.ts). */
function requireWrite(scope: TerritoryScope, actor: Actor, notFound: () => Error): void {
	if (!mayManageTargets(actor.principal, scope.territoryId)) throw notFound();
}

/** An initiative named by a form must be one of the plan's. */
async function checkInitiative(db: Db, scope: TerritoryScope, initiativeId: number | null): Promise<void> {
	if (initiativeId !== null && !(await findInitiative(db, scope, initiativeId))) {
		throw new ValidationError({ initiativeId: { key: 'validation.initiative_unknown' } });
	}
}

/**
 * What the indicator counts for each target's line: one reading of the indicator per school year
 * and initiative (or the whole plan), its total or one audience's figure.
 */
async function actuals(db: Db, scope: TerritoryScope, rows: readonly repo.TargetRow[]): Promise<Map<number, number>> {
	const readings = new Map<string, TerritoryIndicator>();
	const out = new Map<number, number>();
	for (const row of rows) {
		const key = `${row.schoolYear}|${row.initiativeId ?? ''}`;
		let indicator = readings.get(key);
		if (!indicator) {
			indicator = await territoryIndicator(db, scope, { schoolYear: row.schoolYear, initiativeId: row.initiativeId ?? undefined });
			readings.set(key, indicator);
		}
		out.set(row.id, row.audience === null ? indicator.participations : (indicator.byAudience.find((a) => a.key === row.audience)?.participations ?? 0));
	}
	return out;
}

/** Every target with what the indicator counts for it, grouped by school year: the current year first, then the others newest first. */
export async function targetProgress(db: Db, scope: TerritoryScope, options: { today?: string } = {}) {
	const current = schoolYearOf(options.today ?? todayInParis());
	const [rows, initiatives] = [await repo.listTargets(db, scope), await listInitiatives(db, scope)];
	const actual = await actuals(db, scope, rows);
	const name = new Map(initiatives.map((i) => [i.id, i.name]));
	const lines = rows.map((r) => presentTargetLine(r, r.initiativeId === null ? null : (name.get(r.initiativeId) ?? null), actual.get(r.id) ?? 0));
	const order = compareTargetLines(initiatives.map((i) => i.id));
	const years = [...new Set(lines.map((l) => l.schoolYear))].sort((a, b) => (a === current ? -1 : b === current ? 1 : b.localeCompare(a)));
	return years.map((schoolYear) => ({ schoolYear, current: schoolYear === current, lines: lines.filter((l) => l.schoolYear === schoolYear).sort(order) }));
}

/**
 * The targets page: targets against the indicator by school year, the milestones, and — for the
 * coordination — the forms' choices and each record's values.
 */
export async function targetsPage(db: Db, scope: TerritoryScope, actor: Actor, options: { today?: string } = {}) {
	const today = options.today ?? todayInParis();
	const canManage = mayManageTargets(actor.principal, scope.territoryId);
	const years = await targetProgress(db, scope, { today });
	const initiatives = await listInitiatives(db, scope);
	const name = new Map(initiatives.map((i) => [i.id, i.name]));
	const milestones = (await repo.listMilestones(db, scope)).map((m) =>
		presentMilestone(m, m.initiativeId === null ? null : (name.get(m.initiativeId) ?? null))
	);
	return {
		years: years.map((y) => ({ ...y, lines: y.lines.map((l) => ({ ...l, values: targetToFormValues(l) })) })),
		milestones,
		canManage,
		options: {
			schoolYears: targetSchoolYears(today),
			currentSchoolYear: schoolYearOf(today),
			initiatives: initiatives.map((i) => ({ id: i.id, name: i.name })),
			audiences: [...AUDIENCE_CODES],
			statuses: [...MILESTONE_STATUSES]
		}
	};
}

/**
 * The whole plan's target beside an indicator reading of one school year, all initiatives and no
 * drill-down (the indicator page's figure): null when the reading is narrower or no target is set.
 */
export async function wholePlanTarget(db: Db, scope: TerritoryScope, schoolYear: string | undefined, indicator: TerritoryIndicator) {
	const narrowed = indicator.initiativeId !== undefined || Object.values(indicator.drill).some((v) => v !== undefined);
	if (!schoolYear || narrowed) return null;
	const row = await repo.findTargetLine(db, scope, { schoolYear, initiativeId: null, audience: null });
	if (!row) return null;
	return { schoolYear, target: row.target, actual: indicator.participations, share: shareReached(indicator.participations, row.target) ?? 0 };
}

/** Sets the target of a line (year × initiative or whole plan × audience or all); a line has one target. */
export async function createTarget(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	requireWrite(scope, actor, () => new TargetNotFoundError());
	const input = parseWith(targetInputSchema, raw);
	return db.transaction(async (tx) => {
		await checkInitiative(tx, scope, input.initiativeId);
		if (await repo.findTargetLine(tx, scope, input)) throw targetExistsError();
		const row = await repo.insertTarget(tx, scope, input);
		await recordAudit(tx, scope, actor, { action: 'create', entityType: 'target', entityId: row.id, after: targetSnapshot(row) });
		return row;
	});
}

async function lockTarget(tx: Db, scope: TerritoryScope, id: number, version: number) {
	const row = await repo.findTarget(tx, scope, id, { forUpdate: true });
	if (!row) throw recordGoneError();
	if (row.version !== version) throw new TargetConflictError(targetSnapshot(row));
	return row;
}

/** Changes a target's number, from the version the editor read (a stale one is a conflict: nothing saved). */
export async function updateTarget(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	requireWrite(scope, actor, () => new TargetNotFoundError());
	const { target } = parseWith(targetChangeSchema, raw);
	const { id, version } = parseWith(recordRefSchema, raw);
	return db.transaction(async (tx) => {
		const current = await lockTarget(tx, scope, id, version);
		const row = await repo.updateTargetRow(tx, scope, id, current.version, { ...targetSnapshot(current), target });
		await recordAudit(tx, scope, actor, { action: 'update', entityType: 'target', entityId: id, before: targetSnapshot(current), after: targetSnapshot(row) });
		return row;
	});
}

/** Removes a target; the journal keeps what it was. */
export async function removeTarget(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	requireWrite(scope, actor, () => new TargetNotFoundError());
	const { id, version } = parseWith(recordRefSchema, raw);
	await db.transaction(async (tx) => {
		const current = await lockTarget(tx, scope, id, version);
		await repo.deleteTargetRow(tx, scope, id);
		await recordAudit(tx, scope, actor, { action: 'delete', entityType: 'target', entityId: id, before: targetSnapshot(current) });
	});
}

/**
 * Before an initiative is deleted (the plan editor, in its transaction): its targets and milestones
 * go with it, each removed and journalled here so that the journal keeps what they were.
 */
export async function removeInitiativeTargets(tx: Db, scope: TerritoryScope, actor: Actor, initiativeId: number) {
	for (const row of (await repo.listTargets(tx, scope)).filter((r) => r.initiativeId === initiativeId)) {
		await repo.deleteTargetRow(tx, scope, row.id);
		await recordAudit(tx, scope, actor, { action: 'delete', entityType: 'target', entityId: row.id, before: targetSnapshot(row) });
	}
	for (const row of (await repo.listMilestones(tx, scope)).filter((r) => r.initiativeId === initiativeId)) {
		await repo.deleteMilestoneRow(tx, scope, row.id);
		await recordAudit(tx, scope, actor, { action: 'delete', entityType: 'milestone', entityId: row.id, before: milestoneSnapshot(row) });
	}
}

/** Adds a milestone of the plan or of one of its initiatives. */
export async function createMilestone(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	requireWrite(scope, actor, () => new MilestoneNotFoundError());
	const input = parseWith(milestoneInputSchema, raw);
	return db.transaction(async (tx) => {
		await checkInitiative(tx, scope, input.initiativeId);
		const row = await repo.insertMilestone(tx, scope, input);
		await recordAudit(tx, scope, actor, { action: 'create', entityType: 'milestone', entityId: row.id, after: milestoneSnapshot(row) });
		return row;
	});
}

async function lockMilestone(tx: Db, scope: TerritoryScope, id: number, version: number) {
	const row = await repo.findMilestone(tx, scope, id, { forUpdate: true });
	if (!row) throw recordGoneError();
	if (row.version !== version) throw new TargetConflictError(milestoneSnapshot(row));
	return row;
}

/** Edits a milestone (its status and progress among the rest), from the version the editor read. */
export async function updateMilestone(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	requireWrite(scope, actor, () => new MilestoneNotFoundError());
	const input = parseWith(milestoneInputSchema, raw);
	const { id, version } = parseWith(recordRefSchema, raw);
	return db.transaction(async (tx) => {
		const current = await lockMilestone(tx, scope, id, version);
		await checkInitiative(tx, scope, input.initiativeId);
		const row = await repo.updateMilestoneRow(tx, scope, id, current.version, input);
		await recordAudit(tx, scope, actor, {
			action: 'update',
			entityType: 'milestone',
			entityId: id,
			before: milestoneSnapshot(current),
			after: milestoneSnapshot(row)
		});
		return row;
	});
}

/** Removes a milestone; the journal keeps what it was. */
export async function removeMilestone(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	requireWrite(scope, actor, () => new MilestoneNotFoundError());
	const { id, version } = parseWith(recordRefSchema, raw);
	await db.transaction(async (tx) => {
		const current = await lockMilestone(tx, scope, id, version);
		await repo.deleteMilestoneRow(tx, scope, id);
		await recordAudit(tx, scope, actor, { action: 'delete', entityType: 'milestone', entityId: id, before: milestoneSnapshot(current) });
	});
}

export type { TargetLine };
