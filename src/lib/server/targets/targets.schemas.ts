import { z } from 'zod';
import { AUDIENCE_CODES } from '../../domain/reference';
import { MILESTONE_PROGRESS, MILESTONE_STATUSES, TARGET_LIMITS } from '../../domain/targets';
import type { MessageKey } from '../../i18n/fr';
import { msg } from '../shared/form';
import { calendarDateSchema, optional, percentSchema, positiveIntSchema, schoolYearSchema } from '../shared/schemas';

/*
 * What the targets page sends, checked the same way for forms and (later) the API. Messages are
 * catalogue keys; a wrong value is a French message next to its field, never a 500. Rules that
 * need the territory's data (an initiative of its plan) are the use case's.
 */

/** Digits from a form, a number from the API. */
const asText = (v: unknown) => (typeof v === 'number' ? String(v) : v);

/** Empty: the whole plan; else one of the plan's initiatives (checked by the use case). */
const initiativeId = optional(z.preprocess(asText, positiveIntSchema('form', msg('validation.initiative_unknown'))));

/** The number of participations to reach: a positive whole number. */
const targetNumber = z.preprocess(asText, positiveIntSchema('form', msg('targets.validation.target')));

/** A target's line (school year, initiative or the whole plan, audience or all) and its number. */
export const targetInputSchema = z.object({
	schoolYear: schoolYearSchema,
	initiativeId,
	/** Empty: every audience. */
	audience: optional(z.enum(AUDIENCE_CODES as [string, ...string[]], { error: msg('validation.enum') })),
	target: targetNumber
});
export type TargetInput = z.output<typeof targetInputSchema>;

/** A change of a target: its number only (its line is what it is). */
export const targetChangeSchema = z.object({ target: targetNumber });

const requiredText = (max: number) =>
	z
		.string({ error: msg('validation.required') })
		.trim()
		.min(1, msg('validation.required'))
		.max(max, msg('validation.too_long', { max }));

/**
 * A milestone. The progress left empty is the least its status allows (0 %, or 100 % for one
 * done); a progress its status does not allow (a milestone done at 40 %) is refused next to it.
 */
export const milestoneInputSchema = z
	.object({
		title: requiredText(TARGET_LIMITS.title),
		initiativeId,
		dueOn: calendarDateSchema,
		status: z.enum(MILESTONE_STATUSES, {
			error: (issue) => msg(issue.input === undefined || issue.input === '' ? 'validation.required' : 'validation.enum')
		}),
		progress: optional(percentSchema(msg('targets.validation.progress'))),
		description: optional(
			z
				.string()
				.trim()
				.max(TARGET_LIMITS.description, msg('validation.too_long', { max: TARGET_LIMITS.description }))
		)
	})
	.transform((v) => ({ ...v, progress: v.progress ?? MILESTONE_PROGRESS[v.status].min }))
	.superRefine((v, ctx) => {
		const allowed = MILESTONE_PROGRESS[v.status];
		if (v.progress < allowed.min || v.progress > allowed.max) {
			ctx.addIssue({ code: 'custom', path: ['progress'], message: msg(`targets.validation.progress_${v.status}` as MessageKey) });
		}
	});
export type MilestoneInput = z.output<typeof milestoneInputSchema>;

/**
 * The record a form of the page acts on (its id, a hidden field) and the version its editor read.
 * An id that names nothing is the same answer as a record removed in another tab.
 */
export const recordRefSchema = z.object({
	id: z.preprocess(asText, positiveIntSchema('form', msg('targets.validation.gone'))),
	version: z.preprocess(asText, positiveIntSchema('form', msg('validation.version')))
});
