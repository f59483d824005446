import { z } from 'zod';
import { LIMITS } from '../../domain/reference';
import { parseTypedCount } from '../activities/activities.schemas';
import { msg } from '../shared/form';
import { optional, positiveIntSchema, schoolYearSchema } from '../shared/schemas';

/** Upper bound of a cohort's pairs: beyond it, a typing mistake. */
export const MAX_PAIRS = 5000;

/**
 * A count of pairs: a number from the API, digits from a form ("12", "1 000"); "-3", "1.5", "12e"
 * are refused with the French message next to the field, never read as something else.
 */
const pairsCount = z.preprocess(
	(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : (parseTypedCount(v) ?? v)) : v),
	z
		.number({ error: msg('mentoring.validation.count') })
		.int(msg('mentoring.validation.count'))
		.min(0, msg('mentoring.validation.count'))
		.max(MAX_PAIRS, msg('mentoring.validation.count_too_high', { max: MAX_PAIRS }))
);

const notes = optional(
	z
		.string()
		.trim()
		.max(LIMITS.notesLength, msg('validation.too_long', { max: LIMITS.notesLength }))
);

/** A select's id: digits from the form, a number from the API; an empty one is "missing". */
const idField = (message: Parameters<typeof msg>[0]) => z.preprocess((v) => (typeof v === 'number' ? String(v) : v), positiveIntSchema('form', msg(message)));

/** A cohort's fields: initiative (empty: the Capital Filles network's), school year, school, pairs formed, notes. */
export const cohortInputSchema = z.object({
	initiativeId: optional(idField('mentoring.validation.initiative')),
	schoolYear: z.preprocess((v) => (v === undefined || v === null ? '' : v), schoolYearSchema),
	schoolOrganisationId: idField('mentoring.validation.school'),
	pairsFormed: pairsCount,
	notes
});
export type CohortInput = z.output<typeof cohortInputSchema>;

export const closeInputSchema = z.object({ pairsActiveAtEnd: pairsCount });

export const mentorInputSchema = z.object({ profileId: idField('mentoring.validation.mentor') });
