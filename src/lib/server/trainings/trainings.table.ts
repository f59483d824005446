import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { createdAt, id, territoryId, updatedAt } from '../db/columns';
import { organisations } from '../organisations/organisations.table';
import { territories } from '../territories/territories.table';

/**
 * The job families a training leads to (line operation, maintenance, welding…): national data
 * like intervention kinds, inserted by the migration (codes: JOB_FAMILY_CODES in
 * src/lib/domain/trainings.ts). A family is retired, never deleted.
 */
export const jobFamilies = pgTable('job_families', {
	code: text('code').primaryKey(),
	position: integer('position').notNull(),
	labelFr: text('label_fr').notNull(),
	labelEn: text('label_en').notNull(),
	retired: boolean('retired').notNull().default(false)
});

/**
 * An industrial training of the territory (« Métiers et formations »), edited by coordinators and
 * shown to the public: a school of the directory, a level, a commune, and the share of girls when
 * known (a percentage with the school year it was measured: a count, never a name).
 */
export const trainings = pgTable(
	'trainings',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** An organisation of the territory of kind `school` (its UAI is shown beside its name). */
		schoolOrganisationId: integer('school_organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		/** See TRAINING_LEVELS. */
		level: text('level').notNull(),
		/** INSEE code of one of the territory's communes (the school's by default). */
		communeCode: text('commune_code').notNull(),
		/** Share of girls, in percent (0–100), when known; with the school year it was measured. */
		girlsShare: smallint('girls_share'),
		/** "2024-2025" (schoolYearSchema): set exactly when the share is. */
		girlsShareYear: text('girls_share_year'),
		apprenticeship: boolean('apprenticeship').notNull().default(false),
		description: text('description'),
		/** The school's page of the training: http or https only. */
		url: text('url'),
		version: integer('version').notNull().default(1),
		createdBy: text('created_by'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('trainings_territory_idx').on(t.territoryId, t.title),
		check('trainings_girls_share_range', sql`${t.girlsShare} is null or (${t.girlsShare} >= 0 and ${t.girlsShare} <= 100)`),
		check('trainings_girls_share_year', sql`(${t.girlsShare} is null) = (${t.girlsShareYear} is null)`)
	]
);

/** The job families each training leads to (one or more). */
export const trainingJobFamilies = pgTable(
	'training_job_families',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		trainingId: integer('training_id')
			.notNull()
			.references(() => trainings.id, { onDelete: 'cascade' }),
		jobFamilyCode: text('job_family_code')
			.notNull()
			.references(() => jobFamilies.code)
	},
	(t) => [primaryKey({ columns: [t.trainingId, t.jobFamilyCode] }), index('training_job_families_territory_idx').on(t.territoryId, t.jobFamilyCode)]
);
