import { z } from 'zod';
import { msg } from '../shared/form';
import { passwordSchema } from './passwords';
import { TERRITORY_ROLES } from './permissions';

const email = z.string({ error: msg('validation.email') }).trim().toLowerCase().max(254, msg('validation.email')).pipe(z.email(msg('validation.email')));
const name = z.string({ error: msg('validation.required') }).trim().min(1, msg('validation.required')).max(120, msg('validation.too_long', { max: 120 }));

export const signInSchema = z.object({
	email,
	password: z.string({ error: msg('validation.required') }).min(1, msg('validation.required')).max(256, msg('validation.too_long', { max: 256 }))
});

const newPassword = z
	.object({ password: passwordSchema, passwordConfirm: z.string({ error: msg('validation.required') }) })
	.refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: msg('validation.password_mismatch') });

export const setupSchema = z.object({ name, email }).and(newPassword);
export const acceptInvitationSchema = z.object({ name }).and(newPassword);
export const resetPasswordSchema = newPassword;

export const invitationSchema = z
	.object({
		email,
		role: z.enum(TERRITORY_ROLES, { error: msg('validation.enum') }),
		organisationId: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int().positive().nullable())
	})
	.refine((v) => v.role !== 'partner' || v.organisationId !== null, { path: ['organisationId'], message: msg('validation.partner_needs_organisation') });

export const totpSchema = z.object({ code: z.string({ error: msg('validation.totp') }).trim().regex(/^\d{6}$/, msg('validation.totp')) });
