import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/organisations.table';
import { territories } from '../territories/territories.table';

/** API tokens for partners' own tools: one organisation in one territory; only the hash is stored. */
export const apiTokens = pgTable(
	'api_tokens',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		territoryId: integer('territory_id')
			.notNull()
			.references(() => territories.id, { onDelete: 'cascade' }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/**
		 * Whom the token acts as: `partner` (its organisation, on the initiatives it leads or takes
		 * part in) or `coordinator` (the whole territory; only a coordinator creates one).
		 */
		role: text('role').notNull().default('partner'),
		/** A read-only token is refused every write (the API answers 404, as for anything out of reach). */
		readOnly: boolean('read_only').notNull().default(false),
		prefix: text('prefix').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		createdBy: text('created_by'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [index('api_tokens_territory_idx').on(t.territoryId)]
);
