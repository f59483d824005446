import { z } from 'zod';
import { ValidationError } from '../shared/errors';
import { msg, toFieldErrors } from '../shared/form';
import { versionSchema } from '../shared/schemas';

export const TOKEN_NAME_MAX = 80;

/** Whom a token acts as: its organisation (partner), or the whole territory (coordinator). */
export const TOKEN_ROLES = ['partner', 'coordinator'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** `mxi_` then 32 random bytes in base64url (43 characters, no padding). */
export const TOKEN_PATTERN = /^mxi_[A-Za-z0-9_-]{43}$/;

/** Characters shown in lists so that people can tell their tokens apart; never enough to use one. */
export const TOKEN_PREFIX_LENGTH = 8;

export const createTokenSchema = z.object({
	name: z
		.string({ error: msg('tokens.name_required') })
		.trim()
		.min(1, msg('tokens.name_required'))
		.max(TOKEN_NAME_MAX, msg('validation.too_long', { max: TOKEN_NAME_MAX })),
	organisationId: z.coerce
		.number({ error: msg('tokens.organisation_required') })
		.int(msg('tokens.organisation_required'))
		.positive(msg('tokens.organisation_required'))
		.max(2_147_483_647, msg('tokens.organisation_required')),
	/** Whom the token acts as; only a coordinator may create a `coordinator` token (tokens.policy.ts). */
	role: z.enum(TOKEN_ROLES, { error: msg('validation.enum') }).default('partner'),
	/** The form's checkbox ('on') or a boolean: refused every write. */
	readOnly: z
		.union([z.boolean(), z.literal('on'), z.literal('')])
		.optional()
		.transform((v) => v === true || v === 'on')
});
export type CreateTokenInput = z.output<typeof createTokenSchema>;

const apiVersionSchema = z.object({ version: versionSchema('json') });

/**
 * The `version` of an API request body; a missing or malformed one is a field error, never a
 * conflict. Kept here for the API's activity routes; it is the shared `versionSchema('json')`.
 */
export function versionOf(body: unknown): number {
	const parsed = apiVersionSchema.safeParse(body);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	return parsed.data.version;
}
