import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Who changed what, when, from where, with the values before and after. Append-only. */
export const auditEvents = pgTable(
	'audit_events',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		territoryId: integer('territory_id'),
		actorUserId: text('actor_user_id'),
		actorLabel: text('actor_label'),
		ip: text('ip'),
		action: text('action').notNull(),
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id').notNull(),
		before: jsonb('before'),
		after: jsonb('after'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('audit_territory_idx').on(t.territoryId, t.createdAt), index('audit_entity_idx').on(t.entityType, t.entityId)]
);
