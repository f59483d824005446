import { date, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, id, territoryId, updatedAt } from '../db/columns';
import { organisations } from '../organisations/organisations.table';
import { territories } from '../territories/territories.table';

export const actionPlans = pgTable(
	'action_plans',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		summary: text('summary'),
		/** Not in the source text: editable, never invented. */
		startsOn: date('starts_on', { mode: 'string' }),
		endsOn: date('ends_on', { mode: 'string' }),
		indicator: text('indicator'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('action_plans_territory_idx').on(t.territoryId)]
);

export const objectives = pgTable('objectives', {
	id: id(),
	territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
	planId: integer('plan_id')
		.notNull()
		.references(() => actionPlans.id, { onDelete: 'cascade' }),
	position: integer('position').notNull(),
	/** girls | firms | prescribers: the audience the objective wants to sensitize. */
	target: text('target').notNull(),
	title: text('title').notNull()
});

export const planOrganisations = pgTable(
	'plan_organisations',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		planId: integer('plan_id')
			.notNull()
			.references(() => actionPlans.id, { onDelete: 'cascade' }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		role: text('role').notNull()
	},
	(t) => [primaryKey({ columns: [t.planId, t.organisationId, t.role] })]
);

export const initiatives = pgTable(
	'initiatives',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		planId: integer('plan_id')
			.notNull()
			.references(() => actionPlans.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		description: text('description').notNull(),
		/** See INITIATIVE_STATUSES. */
		status: text('status').notNull().default('active'),
		createdAt: createdAt()
	},
	(t) => [index('initiatives_territory_idx').on(t.territoryId, t.position)]
);

export const initiativeOrganisations = pgTable(
	'initiative_organisations',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		initiativeId: integer('initiative_id')
			.notNull()
			.references(() => initiatives.id, { onDelete: 'cascade' }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		/** lead | partner */
		role: text('role').notNull()
	},
	(t) => [primaryKey({ columns: [t.initiativeId, t.organisationId] })]
);
