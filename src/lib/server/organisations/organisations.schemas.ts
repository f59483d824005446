import { z } from 'zod';
import { ORGANISATION_KINDS, ORGANISATION_STATUSES } from '../../domain/reference';
import { msg } from '../shared/form';
import { calendarDateSchema, communeCodeSchema, optional, sirenSchema, siretSchema, uaiSchema, websiteSchema } from '../shared/schemas';

/** An empty select is a missing value, not a wrong one. */
const listError = (issue: { input?: unknown }) =>
	msg(issue.input === undefined || issue.input === null || issue.input === '' ? 'validation.required' : 'validation.enum');

const optionalText = (max: number) => optional(z.string().trim().max(max, msg('validation.too_long', { max })));

/** An organisation's record, from the form or the API; identifiers checked with their keys. */
export const organisationInputSchema = z
	.object({
		name: z
			.string({ error: msg('validation.required') })
			.trim()
			.min(1, msg('validation.required'))
			.max(200, msg('validation.too_long', { max: 200 })),
		kind: z.enum(ORGANISATION_KINDS, { error: listError }),
		siren: optional(sirenSchema),
		siret: optional(siretSchema),
		uai: optional(uaiSchema),
		communeCode: optional(
			z
				.string()
				.trim()
				.refine((v) => communeCodeSchema.safeParse(v).success, msg('validation.organisation_commune'))
		),
		website: optional(websiteSchema),
		description: optionalText(2000)
	})
	.superRefine((input, ctx) => {
		if (typeof input.siren === 'string' && typeof input.siret === 'string' && !input.siret.startsWith(input.siren)) {
			ctx.addIssue({ code: 'custom', path: ['siret'], message: msg('validation.siret_siren') });
		}
	})
	// A SIRET begins with its SIREN: the directory shows and searches the SIREN even when only the SIRET was typed.
	.transform((input) => (typeof input.siret === 'string' && !input.siren ? { ...input, siren: input.siret.slice(0, 9) } : input));
export type OrganisationInput = z.output<typeof organisationInputSchema>;

export const statusChangeSchema = z.object({
	status: z.enum(ORGANISATION_STATUSES, { error: msg('validation.enum') }),
	// A real calendar day: 2026-02-30 would otherwise pass Date.parse and fail in the database.
	since: calendarDateSchema,
	note: z
		.string()
		.trim()
		.max(2000, msg('validation.too_long', { max: 2000 }))
		.nullable()
		.default(null)
});

/** The directory's filters from the query string; anything malformed is ignored, never an error page. */
export const organisationFiltersSchema = z.object({
	q: z.string().trim().max(200).optional().catch(undefined),
	kind: z.enum(ORGANISATION_KINDS).optional().catch(undefined)
});
export type OrganisationFilters = z.output<typeof organisationFiltersSchema>;
