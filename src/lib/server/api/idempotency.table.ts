import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { territories } from '../territories/territories.table';

/**
 * Idempotency-Key of API writes (as Stripe's API): the first answer to a key, stored in the same
 * transaction as the write it describes, replayed to a client that retries. Scoped by territory and
 * by caller (the token), so that two tools choosing the same key never see each other's answers.
 */
export const apiIdempotencyKeys = pgTable(
	'api_idempotency_keys',
	{
		territoryId: integer('territory_id')
			.notNull()
			.references(() => territories.id, { onDelete: 'cascade' }),
		caller: text('caller').notNull(),
		key: text('key').notNull(),
		/** SHA-256 of method, path and canonical JSON body: a different request under the same key is refused. */
		requestHash: text('request_hash').notNull(),
		status: integer('status').notNull(),
		body: jsonb('body').notNull(),
		location: text('location'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.territoryId, t.caller, t.key] }), index('api_idempotency_keys_created_idx').on(t.territoryId, t.createdAt)]
);
