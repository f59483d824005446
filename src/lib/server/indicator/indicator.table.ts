import { date, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { territoryId } from '../db/columns';

/**
 * Pre-aggregated participations of done activities, kept current in the same
 * transaction as every activity write. Pages read these, never the raw rows.
 * Grain: one territory, one month, one initiative, one commune, one type, one audience, one level.
 */
export const indicatorCells = pgTable(
	'indicator_cells',
	{
		territoryId: territoryId(),
		month: date('month', { mode: 'string' }).notNull(),
		initiativeId: integer('initiative_id').notNull(),
		communeCode: text('commune_code').notNull(),
		activityType: text('activity_type').notNull(),
		audience: text('audience').notNull(),
		level: text('level').notNull(),
		participations: integer('participations').notNull()
	},
	(t) => [
		primaryKey({
			columns: [t.territoryId, t.month, t.initiativeId, t.communeCode, t.activityType, t.audience, t.level]
		})
	]
);

/** Number of done activities at the same grain, without the audience split. */
export const indicatorActivityCells = pgTable(
	'indicator_activity_cells',
	{
		territoryId: territoryId(),
		month: date('month', { mode: 'string' }).notNull(),
		initiativeId: integer('initiative_id').notNull(),
		communeCode: text('commune_code').notNull(),
		activityType: text('activity_type').notNull(),
		activities: integer('activities').notNull()
	},
	(t) => [primaryKey({ columns: [t.territoryId, t.month, t.initiativeId, t.communeCode, t.activityType] })]
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
