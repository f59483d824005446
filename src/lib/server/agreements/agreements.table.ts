import { customType, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id, territoryId, updatedAt } from '../db/columns';
import { organisations } from '../organisations/organisations.table';
import { initiatives } from '../plan/plan.table';
import { territories } from '../territories/territories.table';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (value) => Buffer.from(value)
});

/** Conventions: signed partnerships with their period and commitments. */
export const agreements = pgTable(
	'agreements',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		object: text('object').notNull(),
		signedOn: date('signed_on', { mode: 'string' }),
		startsOn: date('starts_on', { mode: 'string' }),
		endsOn: date('ends_on', { mode: 'string' }),
		commitments: text('commitments'),
		/** Days before endsOn when coordinators are reminded to renew. */
		reminderDays: integer('reminder_days').notNull().default(60),
		reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
		version: integer('version').notNull().default(1),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('agreements_territory_idx').on(t.territoryId, t.endsOn)]
);

export const agreementParties = pgTable(
	'agreement_parties',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		agreementId: integer('agreement_id')
			.notNull()
			.references(() => agreements.id, { onDelete: 'cascade' }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisations.id)
	},
	(t) => [primaryKey({ columns: [t.agreementId, t.organisationId] })]
);

/** The signed PDF, kept in the database so that several instances share it. */
export const agreementFiles = pgTable('agreement_files', {
	agreementId: integer('agreement_id')
		.primaryKey()
		.references(() => agreements.id, { onDelete: 'cascade' }),
	territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
	name: text('name').notNull(),
	size: integer('size').notNull(),
	sha256: text('sha256').notNull(),
	content: bytea('content').notNull(),
	uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow()
});

/** Which agreements an initiative rests on. */
export const initiativeAgreements = pgTable(
	'initiative_agreements',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		initiativeId: integer('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		agreementId: integer('agreement_id')
			.notNull()
			.references(() => agreements.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.initiativeId, t.agreementId] })]
);
