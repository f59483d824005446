/**
 * The vocabulary of « Métiers et formations », as data. Labels live in the message catalogue
 * (src/lib/i18n/trainings.ts) under the same codes; a code is never renamed nor removed, because
 * recorded trainings keep it.
 */

/**
 * The qualification a training leads to, in the order forms offer them (from CAP to engineering
 * school). Apprenticeship is not a level: a training of any level may be taken by apprenticeship
 * (the training's own yes/no).
 */
export const TRAINING_LEVELS = ['cap', 'bac_pro', 'mention_complementaire', 'titre_pro', 'bts', 'but', 'licence_pro', 'engineer'] as const;
export type TrainingLevel = (typeof TRAINING_LEVELS)[number];

/**
 * The national list of job families the migration inserts into `job_families` (code, position,
 * French and English labels there and in the catalogue under `trainings.family.<code>`: a test
 * checks both say the same). The journal shows a training's families by these labels.
 */
export const JOB_FAMILY_CODES = [
	'line_operation',
	'maintenance',
	'welding',
	'machining',
	'electrical',
	'automation',
	'quality',
	'logistics',
	'design_office',
	'glassmaking'
] as const;
export type JobFamilyCode = (typeof JOB_FAMILY_CODES)[number];

/** Bounds of a training's text fields. */
export const TRAINING_LIMITS = { title: 200, description: 1000, url: 500 } as const;
