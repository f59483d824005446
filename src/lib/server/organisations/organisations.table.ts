import { date, foreignKey, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, territoryId } from '../db/columns';
import { territories } from '../territories/territories.table';

export const organisations = pgTable(
	'organisations',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** See ORGANISATION_KINDS. */
		kind: text('kind').notNull(),
		/** Checked with the Luhn key (La Poste's SIRET 356 000 000 xxxxx excepted). */
		siren: text('siren'),
		siret: text('siret'),
		uai: text('uai'),
		communeCode: text('commune_code'),
		website: text('website'),
		/** A network inside a firm (Verr'Elles inside Arc France). */
		parentId: integer('parent_id'),
		description: text('description'),
		createdAt: createdAt()
	},
	(t) => [index('organisations_territory_idx').on(t.territoryId, t.name), foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }).onDelete('set null')]
);

/**
 * Status over time: a firm in receivership or closed keeps its past activities,
 * so the status is a history, never a deletion.
 */
export const organisationStatuses = pgTable(
	'organisation_statuses',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		status: text('status').notNull(),
		since: date('since', { mode: 'string' }).notNull(),
		note: text('note'),
		createdAt: createdAt()
	},
	(t) => [index('organisation_statuses_org_idx').on(t.organisationId, t.since)]
);
