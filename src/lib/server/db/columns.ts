import { integer, timestamp } from 'drizzle-orm/pg-core';

/** Surrogate key shared by the domain tables. */
export const id = () => integer('id').primaryKey().generatedAlwaysAsIdentity();

/** Every domain row belongs to exactly one territory: the scope every query must carry. */
export const territoryId = () => integer('territory_id').notNull();

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
