import { z } from 'zod';
import { msg } from '../shared/form';

export const signInSchema = z.object({
	email: z.string({ error: msg('validation.email') }).trim().toLowerCase().max(254, msg('validation.email')).pipe(z.email(msg('validation.email'))),
	password: z.string({ error: msg('validation.required') }).min(1, msg('validation.required')).max(256, msg('validation.too_long', { max: 256 }))
});

export const setupSchema = z
	.object({
		name: z.string({ error: msg('validation.required') }).trim().min(1, msg('validation.required')).max(120, msg('validation.too_long', { max: 120 })),
		email: z.string({ error: msg('validation.email') }).trim().toLowerCase().max(254, msg('validation.email')).pipe(z.email(msg('validation.email'))),
		password: z.string({ error: msg('validation.required') }).min(12, msg('validation.password_short')).max(256, msg('validation.too_long', { max: 256 })),
		passwordConfirm: z.string({ error: msg('validation.required') })
	})
	.refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: msg('validation.password_mismatch') });
