import { boolean, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { territoryId } from '../db/columns';
import { initiatives } from '../plan/plan.table';
import { territories } from '../territories/territories.table';

/**
 * The national list of activity types (codes; labels in the message catalogue under `type.<code>`).
 * Kept in step with NATIONAL_ACTIVITY_TYPES at start-up; a retired type stays for the activities that have it.
 */
export const activityTypes = pgTable('activity_types', {
	code: text('code').primaryKey(),
	position: integer('position').notNull(),
	/** Offered for new activities; a retired type is kept for the activities recorded with it. */
	retired: boolean('retired').notNull().default(false)
});

/** The types an initiative offers on its activity form. */
export const initiativeActivityTypes = pgTable(
	'initiative_activity_types',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		initiativeId: integer('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		typeCode: text('type_code')
			.notNull()
			.references(() => activityTypes.code)
	},
	(t) => [primaryKey({ columns: [t.initiativeId, t.typeCode] })]
);
