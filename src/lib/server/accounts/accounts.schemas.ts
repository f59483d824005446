import { z } from 'zod';
import { msg } from '../shared/form';
import { optional, positiveIntSchema } from '../shared/schemas';
import { isContextual, passwordSchema } from './passwords';
import { TERRITORY_ROLES } from './permissions';

const email = z
	.string({ error: msg('validation.email') })
	.trim()
	.toLowerCase()
	.max(254, msg('validation.email'))
	.pipe(z.email(msg('validation.email')));
const name = z
	.string({ error: msg('validation.required') })
	.trim()
	.min(1, msg('validation.required'))
	.max(120, msg('validation.too_long', { max: 120 }));

export const signInSchema = z.object({
	email,
	password: z
		.string({ error: msg('validation.required') })
		.min(1, msg('validation.required'))
		.max(256, msg('validation.too_long', { max: 256 }))
});

const newPassword = z
	.object({ password: passwordSchema, passwordConfirm: z.string({ error: msg('validation.required') }) })
	.refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: msg('validation.password_mismatch') });

const personalWords = (v: { name: string; email?: string; password: string }) =>
	!isContextual(v.password, [v.name, ...(v.email ? [v.email.split('@')[0]!] : [])]);

export const setupSchema = z
	.object({ name, email })
	.and(newPassword)
	.refine(personalWords, { path: ['password'], message: msg('validation.password_common') });
export const acceptInvitationSchema = z
	.object({ name })
	.and(newPassword)
	.refine(personalWords, { path: ['password'], message: msg('validation.password_common') });
export const resetPasswordSchema = newPassword;

/** The current password, asked again before a sensitive change (two-step verification, new password). */
export const confirmPasswordSchema = z.object({
	password: z
		.string({ error: msg('validation.required') })
		.min(1, msg('validation.required'))
		.max(256, msg('validation.too_long', { max: 256 }))
});

/** Changing one's password in "Mon compte": the current one, then the new one twice. */
export const changePasswordSchema = z
	.object({
		currentPassword: z
			.string({ error: msg('validation.required') })
			.min(1, msg('validation.required'))
			.max(256, msg('validation.too_long', { max: 256 }))
	})
	.and(newPassword);

export const invitationSchema = z
	.object({
		email,
		role: z.enum(TERRITORY_ROLES, { error: msg('validation.enum') }),
		organisationId: optional(positiveIntSchema('form'))
	})
	.refine((v) => v.role !== 'partner' || v.organisationId !== null, { path: ['organisationId'], message: msg('validation.partner_needs_organisation') });

/** A 6-digit TOTP code, or one of the backup codes shown when two-step verification was turned on. */
export const totpSchema = z.object({
	code: z
		.string({ error: msg('validation.totp') })
		// Authenticator apps show "123 456": spaces typed or pasted with the code are not part of it.
		.transform((c) => c.replace(/\s+/g, ''))
		.pipe(z.string().regex(/^(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/, msg('validation.totp')))
		.transform((c) => (/^[A-Za-z0-9]{10}$/.test(c) && !/^\d+$/.test(c) ? `${c.slice(0, 5)}-${c.slice(5)}` : c))
});
