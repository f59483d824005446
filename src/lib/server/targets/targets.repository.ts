import { and, asc, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import { milestones, targets } from './targets.table';

export type TargetRow = typeof targets.$inferSelect;
export type MilestoneRow = typeof milestones.$inferSelect;
type TargetValues = Pick<typeof targets.$inferInsert, 'schoolYear' | 'initiativeId' | 'audience' | 'target'>;
type MilestoneValues = Pick<typeof milestones.$inferInsert, 'initiativeId' | 'title' | 'dueOn' | 'status' | 'progress' | 'description'>;

/** The territory's targets, newest school year first, the whole plan before the initiatives. */
export async function listTargets(db: Db, scope: TerritoryScope) {
	return db.select().from(targets).where(eq(targets.territoryId, scope.territoryId)).orderBy(desc(targets.schoolYear), asc(targets.id));
}

export async function findTarget(db: Db, scope: TerritoryScope, id: number, options: { forUpdate?: boolean } = {}) {
	const query = db
		.select()
		.from(targets)
		.where(and(eq(targets.territoryId, scope.territoryId), eq(targets.id, id)))
		.limit(1);
	const [row] = options.forUpdate ? await query.for('update') : await query;
	return row ?? null;
}

const nullable = (column: typeof targets.initiativeId | typeof targets.audience, value: number | string | null): SQL =>
	value === null ? isNull(column) : eq(column, value);

/** The target of one line (year × initiative × audience), if set. */
export async function findTargetLine(db: Db, scope: TerritoryScope, line: Omit<TargetValues, 'target'>) {
	const [row] = await db
		.select()
		.from(targets)
		.where(
			and(
				eq(targets.territoryId, scope.territoryId),
				eq(targets.schoolYear, line.schoolYear),
				nullable(targets.initiativeId, line.initiativeId ?? null),
				nullable(targets.audience, line.audience ?? null)
			)
		)
		.limit(1);
	return row ?? null;
}

export async function insertTarget(db: Db, scope: TerritoryScope, values: TargetValues) {
	const [row] = await db
		.insert(targets)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function updateTargetRow(db: Db, scope: TerritoryScope, id: number, version: number, values: TargetValues) {
	const [row] = await db
		.update(targets)
		.set({ ...values, version: version + 1, updatedAt: new Date() })
		.where(and(eq(targets.territoryId, scope.territoryId), eq(targets.id, id)))
		.returning();
	return row!;
}

export async function deleteTargetRow(db: Db, scope: TerritoryScope, id: number) {
	await db.delete(targets).where(and(eq(targets.territoryId, scope.territoryId), eq(targets.id, id)));
}

/** The territory's milestones by due date. */
export async function listMilestones(db: Db, scope: TerritoryScope) {
	return db.select().from(milestones).where(eq(milestones.territoryId, scope.territoryId)).orderBy(asc(milestones.dueOn), asc(milestones.id));
}

export async function findMilestone(db: Db, scope: TerritoryScope, id: number, options: { forUpdate?: boolean } = {}) {
	const query = db
		.select()
		.from(milestones)
		.where(and(eq(milestones.territoryId, scope.territoryId), eq(milestones.id, id)))
		.limit(1);
	const [row] = options.forUpdate ? await query.for('update') : await query;
	return row ?? null;
}

export async function insertMilestone(db: Db, scope: TerritoryScope, values: MilestoneValues) {
	const [row] = await db
		.insert(milestones)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function updateMilestoneRow(db: Db, scope: TerritoryScope, id: number, version: number, values: MilestoneValues) {
	const [row] = await db
		.update(milestones)
		.set({ ...values, version: version + 1, updatedAt: new Date() })
		.where(and(eq(milestones.territoryId, scope.territoryId), eq(milestones.id, id)))
		.returning();
	return row!;
}

export async function deleteMilestoneRow(db: Db, scope: TerritoryScope, id: number) {
	await db.delete(milestones).where(and(eq(milestones.territoryId, scope.territoryId), eq(milestones.id, id)));
}
