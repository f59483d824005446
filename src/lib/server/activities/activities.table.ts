import { date, index, integer, pgTable, primaryKey, text, check, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, territoryId, updatedAt } from '../db/columns';
import { initiatives } from '../plan/plan.table';
import { organisations } from '../organisations/organisations.table';
import { territories } from '../territories/territories.table';

export const activities = pgTable(
	'activities',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		initiativeId: integer('initiative_id')
			.notNull()
			.references(() => initiatives.id),
		/** See ACTIVITY_TYPES. */
		type: text('type').notNull(),
		title: text('title').notNull(),
		date: date('date', { mode: 'string' }).notNull(),
		communeCode: text('commune_code').notNull(),
		hostOrganisationId: integer('host_organisation_id').references(() => organisations.id),
		/** planned | done | cancelled: only done activities count as people sensitized. */
		status: text('status').notNull(),
		notes: text('notes'),
		cancelReason: text('cancel_reason'),
		/** demo rows belong to the fictional dataset and are removed with it. */
		source: text('source').notNull().default('manual'),
		/**
		 * An imported row's fingerprint (its content and its rank among identical rows of the file,
		 * see activity-rows.ts): importing the same spreadsheet again finds it and adds nothing.
		 */
		importKey: text('import_key'),
		/** Bumped on every write: optimistic concurrency for edits. */
		version: integer('version').notNull().default(1),
		createdBy: text('created_by'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('activities_territory_date_idx').on(t.territoryId, t.date),
		index('activities_territory_initiative_idx').on(t.territoryId, t.initiativeId, t.date),
		uniqueIndex('activities_territory_import_key_idx')
			.on(t.territoryId, t.importKey)
			.where(sql`${t.importKey} is not null`)
	]
);

/**
 * Audience counts, disaggregated. Counts only: there is deliberately no column that
 * could hold a pupil's identity.
 */
export const activityAudiences = pgTable(
	'activity_audiences',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		activityId: integer('activity_id')
			.notNull()
			.references(() => activities.id, { onDelete: 'cascade' }),
		audience: text('audience').notNull(),
		level: text('level').notNull(),
		count: integer('count').notNull()
	},
	(t) => [primaryKey({ columns: [t.activityId, t.audience, t.level] }), check('activity_audiences_count_positive', sql`${t.count} > 0`)]
);
