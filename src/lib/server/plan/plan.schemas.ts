import { z } from 'zod';
import { ACTIVITY_TYPES, INITIATIVE_STATUSES, OBJECTIVE_TARGETS, PLAN_STATEMENT_KINDS, STAKEHOLDER_ROLES } from '../../domain/reference';
import { formToObject, msg } from '../shared/form';
import { calendarDateSchema, optional, positiveIntSchema } from '../shared/schemas';

/*
 * What the plan editor sends, checked the same way for forms and (later) the API. Messages are
 * catalogue keys; a wrong value is a French message next to its field, never a 500.
 */

/** An empty select is a missing value ("Ce champ est obligatoire."), not a wrong one. */
const listError = (issue: { input?: unknown }) =>
	msg(issue.input === undefined || issue.input === null || issue.input === '' ? 'validation.required' : 'validation.enum');

const requiredText = (max: number) =>
	z
		.string({ error: msg('validation.required') })
		.trim()
		.min(1, msg('validation.required'))
		.max(max, msg('validation.too_long', { max }));
const optionalText = (max: number) => optional(z.string().trim().max(max, msg('validation.too_long', { max })));
const optionalDate = optional(calendarDateSchema);
const optionalId = optional(positiveIntSchema('form', msg('validation.organisation_unknown')));
const periodInOrder = (v: { startsOn: string | null; endsOn: string | null }) => !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn;

export const planPeriodSchema = z
	.object({ startsOn: optionalDate, endsOn: optionalDate })
	.refine(periodInOrder, { path: ['endsOn'], message: msg('validation.period_order') });

/** The plan's presentation: title, summary, period and quote. */
export const planGeneralSchema = z
	.object({
		title: requiredText(300),
		summary: optionalText(4000),
		quote: optionalText(1000),
		startsOn: optionalDate,
		endsOn: optionalDate
	})
	.refine(periodInOrder, { path: ['endsOn'], message: msg('validation.period_order') });

export const statementSchema = z.object({ kind: z.enum(PLAN_STATEMENT_KINDS, { error: listError }), body: requiredText(4000) });

export const objectiveSchema = z.object({ target: z.enum(OBJECTIVE_TARGETS, { error: listError }), title: requiredText(500) });

/**
 * A public contact: a role, and a name only with the person's consent (the box ticked; the date
 * of her consent, today when left empty). Without consent no name is kept at all.
 */
export function contactSchema(today: string) {
	return z
		.object({
			role: requiredText(300),
			name: optionalText(200),
			organisationId: optionalId,
			consent: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
			consentOn: optionalDate
		})
		.superRefine((v, ctx) => {
			if (v.name && !v.consent) ctx.addIssue({ code: 'custom', path: ['consent'], message: msg('validation.contact_consent') });
			if (v.consentOn && v.consentOn > today) ctx.addIssue({ code: 'custom', path: ['consentOn'], message: msg('validation.date') });
		})
		.transform((v) => ({
			role: v.role,
			organisationId: v.organisationId,
			name: v.consent ? v.name : null,
			consentOn: v.consent && v.name ? (v.consentOn ?? today) : null
		}));
}

export const stakeholderSchema = z.object({
	organisationId: positiveIntSchema('form', msg('validation.organisation_unknown')),
	role: z.enum(STAKEHOLDER_ROLES, { error: listError })
});

/** A checkbox group of organisations: one message for the group (its fieldset), not one per box. */
const idList = z
	.array(z.string())
	.max(200, msg('validation.organisation_unknown'))
	.refine((ids) => ids.every((id) => positiveIntSchema('form').safeParse(id).success), msg('validation.organisation_unknown'))
	.transform((ids) => ids.map(Number));
const isActivityType = (code: string): code is (typeof ACTIVITY_TYPES)[number] => (ACTIVITY_TYPES as readonly string[]).includes(code);

/** An initiative: what it is, who leads it, who takes part, which networks it relies on, what activities it offers. */
export const initiativeSchema = z
	.object({
		name: requiredText(200),
		description: requiredText(4000),
		status: z.enum(INITIATIVE_STATUSES, { error: listError }),
		startsOn: optionalDate,
		endsOn: optionalDate,
		leadId: positiveIntSchema('form', msg('validation.lead_required')),
		partnerIds: idList.default([]),
		networkIds: idList.default([]),
		activityTypes: z
			.array(z.string())
			.refine((codes) => codes.every(isActivityType), msg('validation.activity_type_unknown'))
			.transform((codes) => codes.filter(isActivityType))
			.default([])
	})
	.refine(periodInOrder, { path: ['endsOn'], message: msg('validation.period_order') });
export type InitiativeInput = z.output<typeof initiativeSchema>;

/** A new initiative starts with its name, description and lead; the rest is edited on its page. */
export const newInitiativeSchema = z.object({
	name: requiredText(200),
	description: requiredText(4000),
	leadId: positiveIntSchema('form', msg('validation.lead_required'))
});

/** The initiative form sends checkbox groups: every value of each, not only the last. */
export function initiativeFormToInput(form: FormData): Record<string, unknown> {
	const strings = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');
	return { ...formToObject(form), partnerIds: strings('partnerIds'), networkIds: strings('networkIds'), activityTypes: strings('activityTypes') };
}

/**
 * The item a form of the editor acts on, named "<section>:<id>" ("statement:4", "initiative:2")
 * or, for a stakeholder (no id of its own), "stakeholder:<organisationId>:<role>".
 */
export type ItemRef =
	{ section: 'statement' | 'objective' | 'contact' | 'initiative'; id: number } | { section: 'stakeholder'; organisationId: number; role: string };

export function parseItemRef(value: unknown): ItemRef | null {
	if (typeof value !== 'string') return null;
	const ordered = /^(statement|objective|contact|initiative):(\d{1,10})$/.exec(value);
	if (ordered) {
		const id = Number(ordered[2]);
		return id > 0 && id <= 2_147_483_647 ? { section: ordered[1] as 'statement', id } : null;
	}
	const stakeholder = /^stakeholder:(\d{1,10}):([a-z_]+)$/.exec(value);
	if (stakeholder && (STAKEHOLDER_ROLES as readonly string[]).includes(stakeholder[2]!)) {
		const organisationId = Number(stakeholder[1]);
		return organisationId > 0 && organisationId <= 2_147_483_647 ? { section: 'stakeholder', organisationId, role: stakeholder[2]! } : null;
	}
	return null;
}

export const moveSchema = z.object({ direction: z.enum(['up', 'down'], { error: msg('validation.enum') }) });
