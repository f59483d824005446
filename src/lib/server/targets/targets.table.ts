import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, smallint, text, unique } from 'drizzle-orm/pg-core';
import { createdAt, id, territoryId, updatedAt } from '../db/columns';
import { initiatives } from '../plan/plan.table';
import { territories } from '../territories/territories.table';

/**
 * A target of the plan: a number of participations (the indicator's unit) to reach in a school
 * year, for one initiative or the whole plan (null), for one audience or all of them (null).
 * One target per territory × year × initiative × audience (nulls included: one whole-plan line a year).
 */
export const targets = pgTable(
	'targets',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		/** "2025-2026" (schoolYearSchema). */
		schoolYear: text('school_year').notNull(),
		/** Null: the whole plan. An initiative removed takes its targets with it (only one without activities can be). */
		initiativeId: integer('initiative_id').references(() => initiatives.id, { onDelete: 'cascade' }),
		/** An AUDIENCE code; null: every audience. */
		audience: text('audience'),
		/** Participations to reach: a positive whole number. */
		target: integer('target').notNull(),
		version: integer('version').notNull().default(1),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		unique('targets_line_unique').on(t.territoryId, t.schoolYear, t.initiativeId, t.audience).nullsNotDistinct(),
		check('targets_target_positive', sql`${t.target} > 0`)
	]
);

/** A milestone of the plan (or of one initiative): due date, status (MILESTONE_STATUSES) and progress in percent. */
export const milestones = pgTable(
	'milestones',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		/** Null: the whole plan. */
		initiativeId: integer('initiative_id').references(() => initiatives.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		dueOn: date('due_on', { mode: 'string' }).notNull(),
		/** See MILESTONE_STATUSES: planned | in_progress | done | late. */
		status: text('status').notNull().default('planned'),
		progress: smallint('progress').notNull().default(0),
		description: text('description'),
		version: integer('version').notNull().default(1),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('milestones_territory_idx').on(t.territoryId, t.dueOn), check('milestones_progress_range', sql`${t.progress} >= 0 and ${t.progress} <= 100`)]
);
