import { z } from 'zod';
import type { MessageKey } from '../../i18n/fr';
import { formToObject, msg } from '../shared/form';
import { calendarDateSchema, isCalendarDate, optional, versionSchema } from '../shared/schemas';

export const AGREEMENT_LIMITS = {
	titleLength: 200,
	objectLength: 2000,
	commitmentsLength: 10000,
	maxReminderDays: 730,
	defaultReminderDays: 60,
	/** More links than this is a forged form, not a real agreement. */
	maxLinks: 200,
	maxFileMegabytes: 10,
	fileNameLength: 200
} as const;
export const MAX_FILE_BYTES = AGREEMENT_LIMITS.maxFileMegabytes * 1024 * 1024;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const optionalDay = optional(calendarDateSchema);

function boundedText(max: number) {
	return z
		.string({ error: msg('validation.required') })
		.trim()
		.min(1, msg('validation.required'))
		.max(max, msg('validation.too_long', { max }));
}

/**
 * Checkbox values ("12", "15", …) → distinct positive ids. Anything else turns into -1 so that the
 * refinement names the field, not an array index.
 */
function idList(unknownKey: MessageKey, required?: MessageKey) {
	const ids = z
		.array(z.number())
		.max(AGREEMENT_LIMITS.maxLinks, msg(unknownKey))
		.refine((list) => list.every((id) => id > 0), msg(unknownKey))
		.refine((list) => !required || list.length > 0, msg(required ?? unknownKey))
		.transform((list) => [...new Set(list)]);
	return z.preprocess((v) => {
		const list = blank(v) ? [] : Array.isArray(v) ? v : [v];
		return list.map((x) => (typeof x === 'number' && Number.isSafeInteger(x) ? x : typeof x === 'string' && /^\d{1,9}$/.test(x.trim()) ? Number(x) : -1));
	}, ids);
}

export const agreementInputSchema = z
	.object({
		title: boundedText(AGREEMENT_LIMITS.titleLength),
		object: boundedText(AGREEMENT_LIMITS.objectLength),
		commitments: z.preprocess(
			(v) => (blank(v) ? null : v),
			z
				.string()
				.trim()
				.max(AGREEMENT_LIMITS.commitmentsLength, msg('validation.too_long', { max: AGREEMENT_LIMITS.commitmentsLength }))
				.nullable()
		),
		signedOn: optionalDay,
		startsOn: optionalDay,
		endsOn: optionalDay,
		reminderDays: z.preprocess(
			(v) => (blank(v) ? AGREEMENT_LIMITS.defaultReminderDays : v),
			z.coerce
				.number({ error: msg('validation.agreement_reminder_days', { max: AGREEMENT_LIMITS.maxReminderDays }) })
				.int(msg('validation.agreement_reminder_days', { max: AGREEMENT_LIMITS.maxReminderDays }))
				.min(0, msg('validation.agreement_reminder_days', { max: AGREEMENT_LIMITS.maxReminderDays }))
				.max(AGREEMENT_LIMITS.maxReminderDays, msg('validation.agreement_reminder_days', { max: AGREEMENT_LIMITS.maxReminderDays }))
		),
		partyIds: idList('validation.agreement_party_unknown', 'validation.agreement_parties_required'),
		initiativeIds: idList('validation.agreement_initiative_unknown')
	})
	.superRefine(
		(input, ctx) => {
			// Runs even when other fields are wrong, so that every error shows at once: read defensively.
			const { startsOn, endsOn } = input as { startsOn: unknown; endsOn: unknown };
			if (typeof startsOn === 'string' && typeof endsOn === 'string' && isCalendarDate(startsOn.trim()) && isCalendarDate(endsOn.trim()) && endsOn < startsOn) {
				ctx.addIssue({ code: 'custom', path: ['endsOn'], message: msg('validation.agreement_period_order') });
			}
		},
		{ when: () => true }
	);
export type AgreementInput = z.output<typeof agreementInputSchema>;

/** The version the editor saw, sent back with a deletion (the form's hidden field). */
export const agreementDeletionSchema = z.object({ version: versionSchema('form') });

const PDF_MAGIC = '%PDF-';

/** A PDF as uploaded: checked by its bytes (the browser's content type proves nothing). */
export const pdfUploadSchema = z.object({
	file: z
		.object({ name: z.string(), bytes: z.instanceof(Uint8Array) }, { error: msg('validation.file_required') })
		.superRefine(({ bytes }, ctx) => {
			if (bytes.length === 0) ctx.addIssue({ code: 'custom', message: msg('validation.file_required') });
			else if (bytes.length > MAX_FILE_BYTES)
				ctx.addIssue({ code: 'custom', message: msg('validation.file_too_large', { max: AGREEMENT_LIMITS.maxFileMegabytes }) });
			else if (Buffer.from(bytes.subarray(0, PDF_MAGIC.length)).toString('latin1') !== PDF_MAGIC)
				ctx.addIssue({ code: 'custom', message: msg('validation.pdf_only') });
		})
		.transform(({ name, bytes }) => ({ name: safeFileName(name), bytes }))
});
export type PdfUpload = z.output<typeof pdfUploadSchema>['file'];

/** The name shown and offered on download: no path, no control characters, always ".pdf". */
export function safeFileName(name: string): string {
	const base = (name.split(/[\\/]/).pop() ?? '')
		.replace(/[\p{Cc}\p{Cf}"]/gu, '')
		.trim()
		.slice(0, AGREEMENT_LIMITS.fileNameLength);
	if (!base) return 'convention.pdf';
	return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

/** The HTML form: plain fields, plus one "partyIds" / "initiativeIds" value per ticked checkbox. */
export function agreementFormToInput(form: FormData): Record<string, unknown> {
	const strings = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');
	return { ...formToObject(form), partyIds: strings('partyIds'), initiativeIds: strings('initiativeIds') };
}
