import { date, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { territoryId } from '../db/columns';

/*
 * Pre-aggregated counts of done activities, kept current in the same transaction as every
 * activity write; pages read these, never the raw rows. Each table is at month grain and
 * keeps only the dimensions its breakdowns need, so a territory's rows stay few
 * (docs/decisions/0001, measured in BENCHMARKS.md).
 */

/** Participations by audience and level: totals, audience, level, initiative, month. */
export const indicatorAudienceCells = pgTable(
	'indicator_audience_cells',
	{
		territoryId: territoryId(),
		month: date('month', { mode: 'string' }).notNull(),
		initiativeId: integer('initiative_id').notNull(),
		audience: text('audience').notNull(),
		level: text('level').notNull(),
		participations: integer('participations').notNull()
	},
	(t) => [primaryKey({ columns: [t.territoryId, t.month, t.initiativeId, t.audience, t.level] })]
);

/** Participations and activities by commune (and so EPCI); also the activity totals. */
export const indicatorCommuneCells = pgTable(
	'indicator_commune_cells',
	{
		territoryId: territoryId(),
		month: date('month', { mode: 'string' }).notNull(),
		initiativeId: integer('initiative_id').notNull(),
		communeCode: text('commune_code').notNull(),
		participations: integer('participations').notNull(),
		activities: integer('activities').notNull()
	},
	(t) => [primaryKey({ columns: [t.territoryId, t.month, t.initiativeId, t.communeCode] })]
);

/** Participations and activities by activity type. */
export const indicatorTypeCells = pgTable(
	'indicator_type_cells',
	{
		territoryId: territoryId(),
		month: date('month', { mode: 'string' }).notNull(),
		initiativeId: integer('initiative_id').notNull(),
		activityType: text('activity_type').notNull(),
		participations: integer('participations').notNull(),
		activities: integer('activities').notNull()
	},
	(t) => [primaryKey({ columns: [t.territoryId, t.month, t.initiativeId, t.activityType] })]
);

/** Coarse roll-up for national figures: one territory, one month, one audience. */
export const indicatorNational = pgTable(
	'indicator_national',
	{
		territoryId: territoryId(),
		month: date('month', { mode: 'string' }).notNull(),
		audience: text('audience').notNull(),
		participations: integer('participations').notNull()
	},
	(t) => [primaryKey({ columns: [t.territoryId, t.month, t.audience] }), index('indicator_national_month_idx').on(t.month)]
);

export const indicatorNationalActivities = pgTable(
	'indicator_national_activities',
	{
		territoryId: territoryId(),
		month: date('month', { mode: 'string' }).notNull(),
		activities: integer('activities').notNull()
	},
	(t) => [primaryKey({ columns: [t.territoryId, t.month] })]
);

/** National roll-up by level: one territory, one month, one audience and level (the national dashboard's levels). */
export const indicatorNationalLevels = pgTable(
	'indicator_national_levels',
	{
		territoryId: territoryId(),
		month: date('month', { mode: 'string' }).notNull(),
		audience: text('audience').notNull(),
		level: text('level').notNull(),
		participations: integer('participations').notNull()
	},
	(t) => [primaryKey({ columns: [t.territoryId, t.month, t.audience, t.level] }), index('indicator_national_levels_month_idx').on(t.month)]
);

/** National roll-up by activity type: one territory, one month, one type (the national dashboard's types). */
export const indicatorNationalTypes = pgTable(
	'indicator_national_types',
	{
		territoryId: territoryId(),
		month: date('month', { mode: 'string' }).notNull(),
		activityType: text('activity_type').notNull(),
		participations: integer('participations').notNull(),
		activities: integer('activities').notNull()
	},
	(t) => [primaryKey({ columns: [t.territoryId, t.month, t.activityType] }), index('indicator_national_types_month_idx').on(t.month)]
);
