import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { organisations } from '../organisations/organisations.table';
import type { TerritoryScope } from '../shared/scope';
import { jobFamilies, trainingJobFamilies, trainings } from './trainings.table';

export type TrainingRow = typeof trainings.$inferSelect;
type TrainingValues = Omit<typeof trainings.$inferInsert, 'territoryId' | 'id' | 'version' | 'createdAt' | 'updatedAt'>;

/** The national job families still offered, in their order. */
export async function listJobFamilies(db: Db) {
	return db.select().from(jobFamilies).where(eq(jobFamilies.retired, false)).orderBy(asc(jobFamilies.position));
}

/** Every job family, retired ones too (a recorded training keeps its families). */
export async function listAllJobFamilies(db: Db) {
	return db.select().from(jobFamilies).orderBy(asc(jobFamilies.position));
}

/** The territory's trainings with their school's name, UAI and commune, by title. */
export async function listTrainings(db: Db, scope: TerritoryScope) {
	return db
		.select({ training: trainings, schoolName: organisations.name, schoolUai: organisations.uai })
		.from(trainings)
		.innerJoin(organisations, and(eq(organisations.id, trainings.schoolOrganisationId), eq(organisations.territoryId, scope.territoryId)))
		.where(eq(trainings.territoryId, scope.territoryId))
		.orderBy(asc(trainings.title), asc(trainings.id));
}

/** The job families of the given trainings. */
export async function listTrainingFamilies(db: Db, scope: TerritoryScope, trainingIds: readonly number[]) {
	if (trainingIds.length === 0) return [];
	return db
		.select({ trainingId: trainingJobFamilies.trainingId, code: trainingJobFamilies.jobFamilyCode })
		.from(trainingJobFamilies)
		.innerJoin(jobFamilies, eq(jobFamilies.code, trainingJobFamilies.jobFamilyCode))
		.where(and(eq(trainingJobFamilies.territoryId, scope.territoryId), inArray(trainingJobFamilies.trainingId, [...trainingIds])))
		.orderBy(asc(jobFamilies.position));
}

export async function findTraining(db: Db, scope: TerritoryScope, id: number, options: { forUpdate?: boolean } = {}) {
	const query = db
		.select()
		.from(trainings)
		.where(and(eq(trainings.territoryId, scope.territoryId), eq(trainings.id, id)))
		.limit(1);
	const [row] = options.forUpdate ? await query.for('update') : await query;
	return row ?? null;
}

export async function insertTraining(db: Db, scope: TerritoryScope, values: TrainingValues) {
	const [row] = await db
		.insert(trainings)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

/** Saves the new values and moves the version on. */
export async function updateTrainingRow(db: Db, scope: TerritoryScope, id: number, version: number, values: Omit<TrainingValues, 'createdBy'>) {
	const [row] = await db
		.update(trainings)
		.set({ ...values, version: version + 1, updatedAt: new Date() })
		.where(and(eq(trainings.territoryId, scope.territoryId), eq(trainings.id, id)))
		.returning();
	return row!;
}

export async function deleteTrainingRow(db: Db, scope: TerritoryScope, id: number) {
	await db.delete(trainings).where(and(eq(trainings.territoryId, scope.territoryId), eq(trainings.id, id)));
}

/** Replaces a training's job families. */
export async function setTrainingFamilies(db: Db, scope: TerritoryScope, trainingId: number, codes: readonly string[]) {
	await db.delete(trainingJobFamilies).where(and(eq(trainingJobFamilies.territoryId, scope.territoryId), eq(trainingJobFamilies.trainingId, trainingId)));
	if (codes.length > 0) {
		await db.insert(trainingJobFamilies).values(codes.map((jobFamilyCode) => ({ territoryId: scope.territoryId, trainingId, jobFamilyCode })));
	}
}

/** The territory's schools (organisations of kind `school`), with their UAI and commune: the form's choices. */
export async function listSchools(db: Db, scope: TerritoryScope) {
	return db
		.select({ id: organisations.id, name: organisations.name, uai: organisations.uai, communeCode: organisations.communeCode })
		.from(organisations)
		.where(and(eq(organisations.territoryId, scope.territoryId), eq(organisations.kind, 'school')))
		.orderBy(asc(organisations.name));
}

export async function findSchool(db: Db, scope: TerritoryScope, id: number) {
	const [row] = await db
		.select({ id: organisations.id, name: organisations.name, uai: organisations.uai, communeCode: organisations.communeCode })
		.from(organisations)
		.where(and(eq(organisations.territoryId, scope.territoryId), eq(organisations.id, id), eq(organisations.kind, 'school')))
		.limit(1);
	return row ?? null;
}
