import { z } from 'zod';
import { presentAudit, type AuditNames, type AuditView } from '../../audit-view';
import type { Locale, Translate } from '../../i18n';
import type { Db } from '../db/client';
import { listOrganisations } from '../organisations/organisations.repository';
import { listInitiatives } from '../plan/plan.repository';
import type { FieldErrors } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import { calendarDateSchema, searchParamsToObject } from '../shared/schemas';
import type { TerritoryScope } from '../shared/scope';
import { listCommunes, listEpcis } from '../territories/territories.repository';
import { auditCsvFile, auditCsvHeader, auditCsvLine } from './audit.presenters';
import { listAudit, listAuditedUsers, listNetworkNames } from './audit.repository';

export const AUDIT_PAGE_SIZE = 100;

export const AUDIT_ENTITY_TYPES = [
	'activity',
	'plan',
	'organisation',
	'agreement',
	'user',
	'invitation',
	'api_token',
	'intervention_request',
	'role_model',
	'network',
	'mentoring_cohort',
	'mail',
	'calendar_feed'
] as const;

/** Dates must name real days (2025-13-01 is refused with a message, never sent to the database). */
export const auditFiltersSchema = z.object({
	from: calendarDateSchema.optional(),
	to: calendarDateSchema.optional(),
	entityType: z.enum(AUDIT_ENTITY_TYPES).optional().catch(undefined),
	entityId: z.string().max(64).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100000).catch(1).default(1)
});
export type AuditFilters = z.output<typeof auditFiltersSchema>;

export type AuditFiltersResult = { ok: true; filters: AuditFilters } | { ok: false; errors: FieldErrors; values: Record<string, string> };

export function readAuditFilters(params: URLSearchParams): AuditFiltersResult {
	const raw = searchParamsToObject(params);
	const parsed = auditFiltersSchema.safeParse(raw);
	return parsed.success ? { ok: true, filters: parsed.data } : { ok: false, errors: toFieldErrors(parsed.error), values: raw };
}

async function auditNames(db: Db, scope: TerritoryScope, locale: Locale): Promise<AuditNames> {
	const [initiatives, communes, epcis, organisations, users, network] = await Promise.all([
		listInitiatives(db, scope),
		listCommunes(db, scope),
		listEpcis(db, scope),
		listOrganisations(db, scope),
		listAuditedUsers(db, scope),
		listNetworkNames(db, scope)
	]);
	return {
		users: new Map(users.map((u) => [u.id, u.name || u.email])),
		initiatives: new Map(initiatives.map((i) => [String(i.id), i.name])),
		communes: new Map(communes.map((c) => [c.codeInsee, c.name])),
		epcis: new Map(epcis.map((e) => [e.siren, e.name])),
		organisations: new Map(organisations.map((o) => [String(o.id), o.name])),
		networks: new Map(network.networks.map((n) => [String(n.id), n.name])),
		roleModels: new Map(network.profiles.map((p) => [String(p.id), `${p.firstName} ${p.lastName}`])),
		interventionKinds: new Map(network.kinds.map((k) => [k.code, locale === 'fr' ? k.labelFr : k.labelEn])),
		requests: new Map(network.requests.map((r) => [String(r.id), r.organisationName]))
	};
}

export interface Presentation {
	t: Translate;
	locale: Locale;
	slug: string;
}

export async function browseAudit(db: Db, scope: TerritoryScope, filters: AuditFilters, p: Presentation) {
	const [{ rows, total }, names] = await Promise.all([listAudit(db, scope, filters, AUDIT_PAGE_SIZE), auditNames(db, scope, p.locale)]);
	const entries: AuditView[] = presentAudit(rows, { ...p, names });
	return { entries, total, page: filters.page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** The whole filtered trail as CSV (semicolons, UTF-8 with BOM), read like the screen: labels and names. */
export async function exportAuditCsv(db: Db, scope: TerritoryScope, filters: AuditFilters, p: Presentation): Promise<string> {
	const names = await auditNames(db, scope, p.locale);
	const lines = [auditCsvHeader(p.t)];
	for (let page = 1; ; page++) {
		const { rows } = await listAudit(db, scope, { ...filters, page }, 1000);
		for (const [i, v] of presentAudit(rows, { ...p, names }).entries()) lines.push(auditCsvLine(v, rows[i]!.entityId));
		if (rows.length < 1000) break;
	}
	return auditCsvFile(lines);
}
