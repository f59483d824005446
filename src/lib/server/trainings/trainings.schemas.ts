import { z } from 'zod';
import { TRAINING_LEVELS, TRAINING_LIMITS } from '../../domain/trainings';
import { formToObject, msg } from '../shared/form';
import { communeCodeSchema, optional, percentSchema, positiveIntSchema, schoolYearSchema, websiteSchema } from '../shared/schemas';

/** An empty select is a missing value, not a wrong one. */
const listError = (issue: { input?: unknown }) =>
	msg(issue.input === undefined || issue.input === null || issue.input === '' ? 'validation.required' : 'trainings.validation.level');

const optionalText = (max: number) => optional(z.string().trim().max(max, msg('validation.too_long', { max })));

/** The share of girls: a whole percentage from 0 to 100 (shared/schemas.ts `percentSchema`). */
const girlsShare = percentSchema(msg('trainings.validation.girls_share'));

/** Yes/no: a JSON boolean, or a form's checkbox (present: yes). */
const yesNo = z.preprocess(
	(v) => (v === undefined || v === null || v === '' ? false : v === true || v === 'on' || v === '1' || v === 'true' ? true : v),
	z.boolean({ error: msg('validation.enum') })
);

/** A select's id: digits from the form, a number from the API; an empty one is "missing". */
const schoolId = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), positiveIntSchema('form', msg('trainings.validation.school')));

/**
 * A training's fields, from the form or the API. Rules that need the territory's data (a school of
 * the directory, one of its communes, known job families) are the use case's.
 */
export const trainingInputSchema = z
	.object({
		title: z
			.string({ error: msg('validation.required') })
			.trim()
			.min(1, msg('validation.required'))
			.max(TRAINING_LIMITS.title, msg('validation.too_long', { max: TRAINING_LIMITS.title })),
		schoolOrganisationId: schoolId,
		level: z.enum(TRAINING_LEVELS, { error: listError }),
		/** Empty: the school's commune. */
		communeCode: optional(
			z
				.string()
				.trim()
				.refine((v) => communeCodeSchema.safeParse(v).success, msg('trainings.validation.commune'))
		),
		jobFamilies: z.preprocess(
			(v) => (v === undefined || v === null ? [] : typeof v === 'string' ? [v] : v),
			z
				.array(z.string({ error: msg('trainings.validation.job_family') }).trim(), { error: msg('trainings.validation.job_families') })
				.min(1, msg('trainings.validation.job_families'))
				.max(20, msg('trainings.validation.job_families'))
		),
		girlsShare: optional(girlsShare),
		girlsShareYear: optional(schoolYearSchema),
		apprenticeship: yesNo,
		description: optionalText(TRAINING_LIMITS.description),
		url: optional(websiteSchema)
	})
	.superRefine((input, ctx) => {
		// The share says something only with the school year it was measured in, and a year alone says nothing.
		if (input.girlsShare !== null && input.girlsShareYear === null) {
			ctx.addIssue({ code: 'custom', path: ['girlsShareYear'], message: msg('trainings.validation.girls_share_year') });
		}
		if (input.girlsShare === null && input.girlsShareYear !== null) {
			ctx.addIssue({ code: 'custom', path: ['girlsShare'], message: msg('trainings.validation.girls_share_missing') });
		}
	});
export type TrainingInput = z.output<typeof trainingInputSchema>;

/** The version an editor read, sent back with a change or a deletion. */
export const trainingVersionSchema = z.object({
	version: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), positiveIntSchema('form', msg('validation.version')))
});

/** The form's fields as the use case reads them: the ticked job families as a list, the checkbox as yes/no. */
export function trainingFormToInput(form: FormData): Record<string, unknown> {
	const families = form.getAll('jobFamilies').filter((v): v is string => typeof v === 'string');
	return { ...formToObject(form), jobFamilies: families, apprenticeship: form.has('apprenticeship') };
}

/** The public page's filters from the query string; anything malformed is ignored, never an error page. */
export const trainingFiltersSchema = z.object({
	family: z
		.string()
		.trim()
		.regex(/^[a-z_]{1,40}$/)
		.optional()
		.catch(undefined),
	level: z.enum(TRAINING_LEVELS).optional().catch(undefined),
	commune: communeCodeSchema.optional().catch(undefined)
});
export type TrainingFilters = z.output<typeof trainingFiltersSchema>;
