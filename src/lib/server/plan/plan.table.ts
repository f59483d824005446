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
		/** The sheet's quote, as the territory wrote it. */
		quote: text('quote'),
		/** The plan it was started from ("Partir de ce plan"): provenance only, no figures copied. */
		copiedFromPlanId: integer('copied_from_plan_id'),
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

/** The sheet's findings (constats) and obstacles, in order. */
export const planStatements = pgTable(
	'plan_statements',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		planId: integer('plan_id')
			.notNull()
			.references(() => actionPlans.id, { onDelete: 'cascade' }),
		/** See PLAN_STATEMENT_KINDS: finding | obstacle. */
		kind: text('kind').notNull(),
		position: integer('position').notNull(),
		body: text('body').notNull()
	},
	(t) => [index('plan_statements_plan_idx').on(t.territoryId, t.planId, t.kind, t.position)]
);

/**
 * Public contacts of the sheet: name and role entered by a coordinator with the person's
 * consent (the date is kept). No e-mail address unless it is a functional one she chose.
 */
export const planContacts = pgTable(
	'plan_contacts',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		planId: integer('plan_id')
			.notNull()
			.references(() => actionPlans.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		name: text('name'),
		role: text('role').notNull(),
		organisationId: integer('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		email: text('email'),
		consentOn: date('consent_on', { mode: 'string' })
	},
	(t) => [index('plan_contacts_plan_idx').on(t.territoryId, t.planId, t.position)]
);

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
		/** See STAKEHOLDER_ROLES: pilot | funder | partner | operator. */
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
		/** See INITIATIVE_STATUSES: planned | running | finished | stopped. */
		status: text('status').notNull().default('planned'),
		startsOn: date('starts_on', { mode: 'string' }),
		endsOn: date('ends_on', { mode: 'string' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
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
		/** See INITIATIVE_ORGANISATION_ROLES: lead | partner | network (a network the initiative relies on). */
		role: text('role').notNull()
	},
	(t) => [primaryKey({ columns: [t.initiativeId, t.organisationId] })]
);
