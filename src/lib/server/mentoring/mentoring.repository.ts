import { and, asc, desc, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { activities, activityAudiences } from '../activities/activities.table';
import { organisations } from '../organisations/organisations.table';
import { initiatives } from '../plan/plan.table';
import { networks, roleModelProfiles } from '../role-models/role-models.table';
import { reachCondition } from '../shared/reach';
import type { TerritoryScope } from '../shared/scope';
import type { MentoringReach } from './mentoring.policy';
import { mentoringCohortMentors, mentoringCohortWorkshops, mentoringCohorts } from './mentoring.table';

export type CohortRow = typeof mentoringCohorts.$inferSelect;

/** The reach as SQL: the cohorts of its initiatives, or those where one of its profiles is a marraine. */
function reachWhere(reach: MentoringReach): SQL | undefined {
	const byInitiative = reachCondition(mentoringCohorts.initiativeId, reach.initiatives);
	if (reach.initiatives === 'all') return undefined;
	if (reach.mentorProfiles.length === 0) return byInitiative;
	const asMentor = exists(
		sql`(select 1 from ${mentoringCohortMentors} where ${mentoringCohortMentors.cohortId} = ${mentoringCohorts.id} and ${inArray(mentoringCohortMentors.profileId, [...reach.mentorProfiles])})`
	);
	return or(byInitiative, asMentor);
}

/** The cohorts within the reach, with their school's and initiative's names, newest school year first. */
export async function listCohorts(db: Db, scope: TerritoryScope, reach: MentoringReach) {
	return db
		.select({ cohort: mentoringCohorts, schoolName: organisations.name, initiativeName: initiatives.name })
		.from(mentoringCohorts)
		.innerJoin(organisations, eq(organisations.id, mentoringCohorts.schoolOrganisationId))
		.innerJoin(initiatives, eq(initiatives.id, mentoringCohorts.initiativeId))
		.where(and(eq(mentoringCohorts.territoryId, scope.territoryId), reachWhere(reach)))
		.orderBy(desc(mentoringCohorts.schoolYear), asc(organisations.name), asc(mentoringCohorts.id));
}

/** One cohort within the reach; out of reach is the same as unknown. */
export async function findCohort(db: Db, scope: TerritoryScope, reach: MentoringReach, id: number, options: { forUpdate?: boolean } = {}) {
	const query = db
		.select()
		.from(mentoringCohorts)
		.where(and(eq(mentoringCohorts.territoryId, scope.territoryId), eq(mentoringCohorts.id, id), reachWhere(reach)))
		.limit(1);
	const [row] = options.forUpdate ? await query.for('update') : await query;
	return row ?? null;
}

/** The cohort of a school, school year and initiative (the unique key), if any. */
export async function findCohortByKey(db: Db, scope: TerritoryScope, key: { initiativeId: number; schoolYear: string; schoolOrganisationId: number }) {
	const [row] = await db
		.select({ id: mentoringCohorts.id })
		.from(mentoringCohorts)
		.where(
			and(
				eq(mentoringCohorts.territoryId, scope.territoryId),
				eq(mentoringCohorts.initiativeId, key.initiativeId),
				eq(mentoringCohorts.schoolYear, key.schoolYear),
				eq(mentoringCohorts.schoolOrganisationId, key.schoolOrganisationId)
			)
		)
		.limit(1);
	return row ?? null;
}

export async function insertCohort(db: Db, scope: TerritoryScope, values: Omit<typeof mentoringCohorts.$inferInsert, 'territoryId' | 'id'>) {
	const [row] = await db
		.insert(mentoringCohorts)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

export async function updateCohortRow(
	db: Db,
	scope: TerritoryScope,
	id: number,
	values: Partial<Omit<typeof mentoringCohorts.$inferInsert, 'territoryId' | 'id' | 'createdAt'>>
) {
	const [row] = await db
		.update(mentoringCohorts)
		.set({ ...values, updatedAt: new Date() })
		.where(and(eq(mentoringCohorts.territoryId, scope.territoryId), eq(mentoringCohorts.id, id)))
		.returning();
	return row!;
}

/** The marraines of the given cohorts: profile id and name (shown only where the policy allows). */
export async function listMentors(db: Db, scope: TerritoryScope, cohortIds: readonly number[]) {
	if (cohortIds.length === 0) return [];
	return db
		.select({
			cohortId: mentoringCohortMentors.cohortId,
			profileId: roleModelProfiles.id,
			firstName: roleModelProfiles.firstName,
			lastName: roleModelProfiles.lastName
		})
		.from(mentoringCohortMentors)
		.innerJoin(roleModelProfiles, eq(roleModelProfiles.id, mentoringCohortMentors.profileId))
		.where(and(eq(mentoringCohortMentors.territoryId, scope.territoryId), inArray(mentoringCohortMentors.cohortId, [...cohortIds])))
		.orderBy(asc(roleModelProfiles.lastName), asc(roleModelProfiles.firstName));
}

export async function insertMentor(db: Db, scope: TerritoryScope, cohortId: number, profileId: number) {
	await db.insert(mentoringCohortMentors).values({ territoryId: scope.territoryId, cohortId, profileId });
}

/** Removes a marraine from a cohort; false when she was not in it. */
export async function deleteMentor(db: Db, scope: TerritoryScope, cohortId: number, profileId: number): Promise<boolean> {
	const rows = await db
		.delete(mentoringCohortMentors)
		.where(
			and(
				eq(mentoringCohortMentors.territoryId, scope.territoryId),
				eq(mentoringCohortMentors.cohortId, cohortId),
				eq(mentoringCohortMentors.profileId, profileId)
			)
		)
		.returning({ profileId: mentoringCohortMentors.profileId });
	return rows.length > 0;
}

/** The active role-model profiles of the territory (the marraines a cohort may take). */
export async function listActiveProfiles(db: Db, scope: TerritoryScope) {
	return db
		.select({ id: roleModelProfiles.id, firstName: roleModelProfiles.firstName, lastName: roleModelProfiles.lastName })
		.from(roleModelProfiles)
		.where(and(eq(roleModelProfiles.territoryId, scope.territoryId), eq(roleModelProfiles.active, true)))
		.orderBy(asc(roleModelProfiles.lastName), asc(roleModelProfiles.firstName));
}

export async function findActiveProfile(db: Db, scope: TerritoryScope, profileId: number) {
	const [row] = await db
		.select({ id: roleModelProfiles.id })
		.from(roleModelProfiles)
		.where(and(eq(roleModelProfiles.territoryId, scope.territoryId), eq(roleModelProfiles.id, profileId), eq(roleModelProfiles.active, true)))
		.limit(1);
	return row ?? null;
}

/** The role-model profiles of a user in the territory (a role model sees the cohorts she takes part in). */
export async function profileIdsOfUser(db: Db, scope: TerritoryScope, userId: string): Promise<number[]> {
	const rows = await db
		.select({ id: roleModelProfiles.id })
		.from(roleModelProfiles)
		.where(and(eq(roleModelProfiles.territoryId, scope.territoryId), eq(roleModelProfiles.userId, userId)));
	return rows.map((r) => r.id);
}

export async function insertWorkshop(db: Db, scope: TerritoryScope, cohortId: number, activityId: number) {
	await db.insert(mentoringCohortWorkshops).values({ territoryId: scope.territoryId, cohortId, activityId });
}

/** The workshops of the given cohorts, each with its activity and the people it reached (audience total). */
export async function listWorkshops(db: Db, scope: TerritoryScope, cohortIds: readonly number[]) {
	if (cohortIds.length === 0) return [];
	return db
		.select({
			cohortId: mentoringCohortWorkshops.cohortId,
			activityId: activities.id,
			title: activities.title,
			date: activities.date,
			status: activities.status,
			reached: sql<number>`coalesce((select sum(${activityAudiences.count}) from ${activityAudiences} where ${activityAudiences.activityId} = ${activities.id}), 0)::int`
		})
		.from(mentoringCohortWorkshops)
		.innerJoin(activities, eq(activities.id, mentoringCohortWorkshops.activityId))
		.where(and(eq(mentoringCohortWorkshops.territoryId, scope.territoryId), inArray(mentoringCohortWorkshops.cohortId, [...cohortIds])))
		.orderBy(asc(activities.date), asc(activities.id));
}

/** The schools of the territory (organisations of kind `school`): a cohort's choices. */
export async function listSchools(db: Db, scope: TerritoryScope) {
	return db
		.select({ id: organisations.id, name: organisations.name })
		.from(organisations)
		.where(and(eq(organisations.territoryId, scope.territoryId), eq(organisations.kind, 'school')))
		.orderBy(asc(organisations.name));
}

export async function findSchool(db: Db, scope: TerritoryScope, id: number) {
	const [row] = await db
		.select({ id: organisations.id, name: organisations.name })
		.from(organisations)
		.where(and(eq(organisations.territoryId, scope.territoryId), eq(organisations.id, id), eq(organisations.kind, 'school')))
		.limit(1);
	return row ?? null;
}

/** The initiative of the network "Capital Filles" in the territory, when it exists: the cohorts' default. */
export async function capitalFillesInitiative(db: Db, scope: TerritoryScope): Promise<number | null> {
	const [row] = await db
		.select({ initiativeId: networks.initiativeId })
		.from(networks)
		.where(and(eq(networks.territoryId, scope.territoryId), eq(networks.name, 'Capital Filles')))
		.limit(1);
	return row?.initiativeId ?? null;
}
