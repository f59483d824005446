import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id, territoryId } from '../db/columns';
import { user } from '../accounts/accounts.table';
import { roleModelProfiles } from '../role-models/role-models.table';
import { territories } from '../territories/territories.table';

/**
 * Private iCal feeds: a secret URL per person and territory (a role model's interventions, or all
 * the territory's for a coordinator). Only the SHA-256 of the secret is stored; revoking ends it.
 */
export const calendarFeeds = pgTable(
	'calendar_feeds',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		/** A coordinator's feed: every intervention of the territory. */
		userId: text('user_id').references(() => user.id, { onDelete: 'cascade' }),
		/** A role model's feed: her interventions (she may answer by e-mail link, without an account). */
		profileId: integer('profile_id').references(() => roleModelProfiles.id, { onDelete: 'cascade' }),
		/** role_model | coordinator */
		kind: text('kind').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		createdAt: createdAt(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [index('calendar_feeds_user_idx').on(t.userId, t.territoryId), index('calendar_feeds_profile_idx').on(t.profileId)]
);
