import { z } from 'zod';
import { CONSENT_SCOPES, PORTRAIT_LIMITS } from '../../domain/portraits';
import { msg } from '../shared/form';
import { calendarDateSchema, optional, positiveIntSchema } from '../shared/schemas';

const L = PORTRAIT_LIMITS;

function requiredText(max: number) {
	return z
		.string({ error: msg('validation.required') })
		.trim()
		.min(1, msg('validation.required'))
		.max(max, msg('validation.too_long', { max }));
}
const optionalText = (max: number) => optional(z.string().trim().max(max, msg('validation.too_long', { max })));

/** « maintenance, conduite de ligne » → distinct tags, lower case, at most 8. */
const tagsSchema = z.preprocess(
	(v) =>
		typeof v === 'string'
			? [
					...new Set(
						v
							.split(/[,;\n]/)
							.map((t) => t.trim().toLocaleLowerCase('fr'))
							.filter(Boolean)
					)
				]
			: v,
	z
		.array(z.string().max(L.tagLength, msg('portraits.tags_invalid', { max: L.tagLength, count: L.tags })))
		.max(L.tags, msg('portraits.tags_invalid', { max: L.tagLength, count: L.tags }))
		.default([])
);

/**
 * A duration typed by a person: « 125 », « 2:05 » or « 2 min 05 » → seconds. Only used when
 * ffprobe is not installed (otherwise it is read from the video).
 */
export function parseDuration(text: string): number | null {
	const v = text.trim().toLowerCase();
	let m = /^(\d{1,5})$/.exec(v);
	if (m) return Number(m[1]);
	m = /^(\d{1,3})\s*(?::|min|mn|m)\s*(\d{1,2})?\s*s?$/.exec(v);
	if (m && Number(m[2] ?? 0) < 60) return Number(m[1]) * 60 + Number(m[2] ?? 0);
	return null;
}

const durationSchema = optional(
	z.string().transform((v, ctx) => {
		const seconds = parseDuration(v);
		if (seconds === null || seconds < 1 || seconds > L.maxDurationSeconds) {
			ctx.addIssue({ code: 'custom', message: msg('portraits.duration_invalid') });
			return z.NEVER;
		}
		return seconds;
	})
);

export const portraitInputSchema = z.object({
	title: requiredText(L.titleLength),
	firstName: requiredText(L.nameLength),
	job: requiredText(L.textLength),
	organisationId: optional(positiveIntSchema('form', msg('validation.enum'))),
	sector: optionalText(L.textLength),
	trainingPath: optionalText(L.textLength),
	quote: optionalText(L.quoteLength),
	tags: tagsSchema,
	durationSeconds: durationSchema
});
export type PortraitInput = z.output<typeof portraitInputSchema>;

/**
 * WebVTT captions: the « WEBVTT » signature, then at least one cue with its times, nothing over
 * 512 KB. Only text: the file is served as text/vtt and never interpreted as HTML.
 */
export function captionsProblem(text: string): 'portraits.captions_empty' | 'portraits.captions_invalid' | 'portraits.captions_too_large' | null {
	const body = text.replace(/^\uFEFF/, '');
	if (body.trim() === '') return 'portraits.captions_empty';
	if (new TextEncoder().encode(body).byteLength > L.captionsBytes) return 'portraits.captions_too_large';
	if (!/^WEBVTT(?:[ \t][^\n]*)?\r?\n/.test(body + '\n')) return 'portraits.captions_invalid';
	const cue = /(?:^|\n)(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}[ \t]+-->[ \t]+(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}/;
	return cue.test(body) ? null : 'portraits.captions_invalid';
}

export const transcriptSchema = z.object({
	transcript: requiredText(L.transcriptLength)
});

/** The consent: signed on a day (not in the future), what it covers, until when (after the signature). */
export function consentSchema(today: string) {
	return z
		.object({
			signedOn: z.string({ error: msg('validation.required') }).pipe(calendarDateSchema),
			scopes: z.preprocess(
				(v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
				z.array(z.enum(CONSENT_SCOPES, { error: msg('validation.enum') })).min(1, msg('portraits.consent_scopes_required'))
			),
			expiresOn: z.string({ error: msg('validation.required') }).pipe(calendarDateSchema)
		})
		.superRefine((input, ctx) => {
			if (typeof input.signedOn === 'string' && input.signedOn > today)
				ctx.addIssue({ code: 'custom', path: ['signedOn'], message: msg('portraits.consent_signed_future') });
			if (typeof input.signedOn === 'string' && typeof input.expiresOn === 'string' && input.expiresOn <= input.signedOn)
				ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: msg('portraits.consent_expiry_before') });
		})
		.transform((input) => ({ ...input, scopes: [...new Set(input.scopes)] }));
}

/** The portraits chosen for a screening: ids of the checkboxes. */
export const screeningPortraitsSchema = z.preprocess(
	(v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
	z
		.array(
			z
				.string()
				.regex(/^\d{1,9}$/, msg('portraits.screening_portraits_required'))
				.transform(Number)
		)
		.min(1, msg('portraits.screening_portraits_required'))
		.max(50, msg('portraits.screening_portraits_required'))
		.transform((ids) => [...new Set(ids)])
);

/** Gallery filters (GET): a tag, a sector, a firm. Unknown values show nothing rather than an error. */
export const galleryFiltersSchema = z.object({
	tag: optionalText(L.tagLength).catch(null),
	sector: optionalText(L.textLength).catch(null),
	firm: optional(positiveIntSchema('form')).catch(null)
});
export type GalleryFilters = z.output<typeof galleryFiltersSchema>;
