import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, territoryId, updatedAt } from '../db/columns';
import { activities } from '../activities/activities.table';
import { organisations } from '../organisations/organisations.table';
import { initiatives } from '../plan/plan.table';
import { roleModelProfiles } from '../role-models/role-models.table';
import { territories } from '../territories/territories.table';

/**
 * A mentoring cohort (Capital Filles): one school year in one school, under one initiative.
 * Counts only: there is deliberately no column that could hold a girl's identity (no name, no
 * e-mail, no class list): the pairs are counted, never listed.
 */
export const mentoringCohorts = pgTable(
	'mentoring_cohorts',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		initiativeId: integer('initiative_id')
			.notNull()
			.references(() => initiatives.id),
		/** "2025-2026" (schoolYearSchema). */
		schoolYear: text('school_year').notNull(),
		/** An organisation of the territory of kind `school`. */
		schoolOrganisationId: integer('school_organisation_id')
			.notNull()
			.references(() => organisations.id),
		/** Number of mentor–girl pairs formed this year: a count, never a list. */
		pairsFormed: integer('pairs_formed').notNull().default(0),
		/** Pairs still active at the end of the year: null until the year is closed. */
		pairsActiveAtEnd: integer('pairs_active_at_end'),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		notes: text('notes'),
		createdBy: text('created_by'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('mentoring_cohorts_unique_idx').on(t.territoryId, t.initiativeId, t.schoolYear, t.schoolOrganisationId),
		index('mentoring_cohorts_territory_year_idx').on(t.territoryId, t.schoolYear),
		check('mentoring_cohorts_pairs_formed_positive', sql`${t.pairsFormed} >= 0`),
		check(
			'mentoring_cohorts_pairs_active_range',
			sql`${t.pairsActiveAtEnd} is null or (${t.pairsActiveAtEnd} >= 0 and ${t.pairsActiveAtEnd} <= ${t.pairsFormed})`
		)
	]
);

/** The marraines (role-model profiles) taking part in a cohort. */
export const mentoringCohortMentors = pgTable(
	'mentoring_cohort_mentors',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		cohortId: integer('cohort_id')
			.notNull()
			.references(() => mentoringCohorts.id, { onDelete: 'cascade' }),
		profileId: integer('profile_id')
			.notNull()
			.references(() => roleModelProfiles.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.cohortId, t.profileId] }), index('mentoring_cohort_mentors_profile_idx').on(t.profileId)]
);

/** The cohort's collective workshops: each one an activity of the accounting (its audience is there). */
export const mentoringCohortWorkshops = pgTable(
	'mentoring_cohort_workshops',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		cohortId: integer('cohort_id')
			.notNull()
			.references(() => mentoringCohorts.id, { onDelete: 'cascade' }),
		activityId: integer('activity_id')
			.notNull()
			.references(() => activities.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.cohortId, t.activityId] }), uniqueIndex('mentoring_cohort_workshops_activity_idx').on(t.activityId)]
);
