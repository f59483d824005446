import { z } from 'zod';
import { msg } from '../shared/form';
import { epciSirenSchema } from '../shared/schemas';

/**
 * A territory's address (/t/<slug>): lowercase letters, digits and hyphens, as the URL scope of
 * hooks.server.ts reads it.
 */
export const territorySlugSchema = z
	.string({ error: msg('validation.required') })
	.trim()
	.min(1, msg('validation.required'))
	.regex(/^[a-z0-9][a-z0-9-]{1,79}$/, msg('territories.slug_format'));

export const territoryNameSchema = z
	.string({ error: msg('validation.required') })
	.trim()
	.min(1, msg('validation.required'))
	.min(3, msg('territories.name_short'))
	.max(200, msg('validation.too_long', { max: 200 }));

/**
 * The EPCIs of a territory by SIREN: a list (CLI, API) or one text field with the SIRENs
 * separated by commas, spaces or new lines (form). Every error is shown next to the one field.
 */
export const epciSirenListSchema = z.preprocess(
	(v) => (typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean) : v),
	z
		.array(z.string(), { error: msg('territories.epcis_required') })
		.min(1, msg('territories.epcis_required'))
		.max(50, msg('territories.epcis_too_many', { max: 50 }))
		.superRefine((list, ctx) => {
			const malformed = list.find((siren) => !epciSirenSchema.safeParse(siren).success);
			if (malformed !== undefined) ctx.addIssue({ code: 'custom', message: msg('territories.siren_malformed', { siren: malformed.slice(0, 20) }) });
		})
		.transform((list) => [...new Set(list)])
);

export const newTerritorySchema = z.object({ slug: territorySlugSchema, name: territoryNameSchema, epciSirens: epciSirenListSchema });
export type NewTerritory = z.input<typeof newTerritorySchema>;

export const renameTerritorySchema = z.object({ name: territoryNameSchema });
