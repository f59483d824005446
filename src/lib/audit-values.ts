/**
 * How the journal shows the VALUES inside a trace's changes, as data: field name → value format.
 * An enum is shown by its catalogue label (`prefix.code`), an id by the record's name read in the
 * same territory (else « n° 12 »). The journal page, a record's history and the CSV export all
 * read this one table (audit-view.ts `presentAudit`); audit.labels.test.ts checks that every
 * enum-valued field the network's use cases record has its line here, and every code its label.
 */
import { AUDIENCE_CODES, INITIATIVE_ORGANISATION_ROLES, LEVELS, STAKEHOLDER_ROLES } from './domain/reference';
import { REQUEST_STATES, REQUESTER_KINDS } from './domain/request-workflow';
import { CONSENT_SCOPES } from './domain/portraits';
import { JOB_FAMILY_CODES, TRAINING_LEVELS } from './domain/trainings';
import { MILESTONE_STATUSES } from './domain/targets';

/** What an id names: the journal reads these names once per page (audit.usecases.ts `auditNames`). */
export type AuditLookup = 'initiative' | 'commune' | 'organisation' | 'network' | 'roleModel' | 'interventionKind' | 'user' | 'epci' | 'request' | 'record';

export type ValueFormat =
	/** One code, shown by the catalogue's label `prefix.code`; `values` (when the domain lists them) lets the test check each has a label. */
	| { enum: string; values?: readonly (string | number)[] }
	/** A list of codes, each shown by its label. */
	| { enums: string; values?: readonly (string | number)[] }
	/** One id, shown by the record's name, else « n° 12 ». */
	| { id: AuditLookup }
	/** A list of ids. */
	| { ids: AuditLookup }
	/** ISO 639-1 codes, shown by the language's name in the reader's language. */
	| { languages: true }
	/** An activity's audience breakdown, or an agreement's file: shaped values. */
	| { shape: 'audiences' | 'file' };

export const SPEAKER_STATUSES = ['proposed', 'accepted', 'declined', 'waitlisted', 'withdrawn'] as const;
export const REPORTER_KINDS = ['requester', 'role_model', 'coordinator'] as const;
export const REPORT_OUTCOMES = ['applied', 'agreeing', 'conflicting'] as const;
export const FEED_KINDS = ['role_model', 'coordinator'] as const;
export const AVAILABILITY_KIND_CODES = ['weekly', 'date', 'away'] as const;
export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Every field, whatever the record. */
export const AUDIT_VALUE_FORMATS: Readonly<Record<string, ValueFormat>> = {
	// plan, activities, agreements, organisations, accounts
	initiativeId: { id: 'initiative' },
	initiativeIds: { ids: 'initiative' },
	partyIds: { ids: 'organisation' },
	parentId: { id: 'organisation' },
	activityTypes: { enums: 'type' },
	communeCode: { id: 'commune' },
	hostOrganisationId: { id: 'organisation' },
	organisationId: { id: 'organisation' },
	status: { enum: 'status' },
	type: { enum: 'type' },
	role: { enum: 'role' },
	kind: { enum: 'kind' },
	audiences: { shape: 'audiences' },
	file: { shape: 'file' },
	// the role-model network: requests, their answers and reports
	requesterKind: { enum: 'kind', values: REQUESTER_KINDS },
	state: { enum: 'interventions.state', values: REQUEST_STATES },
	kindCode: { id: 'interventionKind' },
	audience: { enum: 'audience', values: AUDIENCE_CODES },
	level: { enum: 'level', values: LEVELS },
	networkId: { id: 'network' },
	networkIds: { ids: 'network' },
	profileId: { id: 'roleModel' },
	requesterUserId: { id: 'user' },
	userId: { id: 'user' },
	requestId: { id: 'request' },
	reportId: { id: 'record' },
	outcome: { enum: 'audit.value.outcome', values: REPORT_OUTCOMES },
	reporterKind: { enum: 'interventions.actor', values: REPORTER_KINDS },
	// role models' profiles and availability
	preferredAudiences: { enums: 'audience', values: AUDIENCE_CODES },
	preferredLevels: { enums: 'level', values: LEVELS },
	reachCommunes: { ids: 'commune' },
	reachEpcis: { ids: 'epci' },
	languages: { languages: true },
	weekday: { enum: 'weekday', values: WEEKDAYS },
	// mentoring cohorts
	schoolOrganisationId: { id: 'organisation' },
	// video portraits
	consentScopes: { enums: 'portraits.consent_scope', values: CONSENT_SCOPES },
	scopes: { enums: 'portraits.consent_scope', values: CONSENT_SCOPES }
};

/** Where one field name means different things on different records: the record's own line wins. */
export const AUDIT_VALUE_FORMATS_BY_ENTITY: Readonly<Record<string, Readonly<Record<string, ValueFormat>>>> = {
	intervention_request: { status: { enum: 'interventions.speaker', values: SPEAKER_STATUSES } },
	role_model_availability: { kind: { enum: 'role_models.availability', values: AVAILABILITY_KIND_CODES } },
	calendar_feed: { kind: { enum: 'audit.value.feed', values: FEED_KINDS } },
	mail: { status: { enum: 'outbox.status', values: MAIL_STATUSES } },
	portrait: { reason: { enum: 'portraits.unpublish_reason', values: ['consent_ended'] } },
	// « Métiers et formations »: a training's level is a qualification, not a pupil's level
	training: { level: { enum: 'trainings.level', values: TRAINING_LEVELS }, jobFamilies: { enums: 'trainings.family', values: JOB_FAMILY_CODES } },
	// an initiative's organisations (lead, partner, network) and the plan's stakeholders: their roles, not an account's
	initiative: { role: { enum: 'audit.value.initiative_role', values: INITIATIVE_ORGANISATION_ROLES } },
	plan_stakeholder: { role: { enum: 'stakeholder_role', values: STAKEHOLDER_ROLES } },
	// the plan's milestones: their own statuses, not an activity's
	milestone: { status: { enum: 'targets.milestone_status', values: MILESTONE_STATUSES } }
};

export function valueFormat(entityType: string, field: string): ValueFormat | undefined {
	return AUDIT_VALUE_FORMATS_BY_ENTITY[entityType]?.[field] ?? AUDIT_VALUE_FORMATS[field];
}
