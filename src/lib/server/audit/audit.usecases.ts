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
import { listCommunes } from '../territories/territories.repository';
import { listAudit, listAuditedUsers } from './audit.repository';

export const AUDIT_PAGE_SIZE = 100;

export const AUDIT_ENTITY_TYPES = ['activity', 'plan', 'organisation', 'agreement', 'user', 'invitation', 'api_token'] as const;

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

async function auditNames(db: Db, scope: TerritoryScope): Promise<AuditNames> {
	const [initiatives, communes, organisations, users] = await Promise.all([
		listInitiatives(db, scope),
		listCommunes(db, scope),
		listOrganisations(db, scope),
		listAuditedUsers(db, scope)
	]);
	return {
		users: new Map(users.map((u) => [u.id, u.name || u.email])),
		initiatives: new Map(initiatives.map((i) => [String(i.id), i.name])),
		communes: new Map(communes.map((c) => [c.codeInsee, c.name])),
		organisations: new Map(organisations.map((o) => [String(o.id), o.name]))
	};
}

export interface Presentation {
	t: Translate;
	locale: Locale;
	slug: string;
}

export async function browseAudit(db: Db, scope: TerritoryScope, filters: AuditFilters, p: Presentation) {
	const [{ rows, total }, names] = await Promise.all([listAudit(db, scope, filters, AUDIT_PAGE_SIZE), auditNames(db, scope)]);
	const entries: AuditView[] = presentAudit(rows, { ...p, names });
	return { entries, total, page: filters.page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

function cell(value: unknown): string {
	const text = value === null || value === undefined ? '' : String(value);
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return /[";\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The whole filtered trail as CSV (semicolons, UTF-8 with BOM), read like the screen: labels and names. */
export async function exportAuditCsv(db: Db, scope: TerritoryScope, filters: AuditFilters, p: Presentation): Promise<string> {
	const { t } = p;
	const names = await auditNames(db, scope);
	const header = ['audit.csv.id', 'audit.csv.date', 'audit.csv.author', 'audit.csv.ip', 'audit.csv.action', 'audit.csv.entity', 'audit.csv.record', 'audit.csv.record_id', 'audit.csv.changes'] as const;
	const lines = [header.map((k) => cell(t(k))).join(';')];
	for (let page = 1; ; page++) {
		const { rows } = await listAudit(db, scope, { ...filters, page }, 1000);
		for (const [i, v] of presentAudit(rows, { ...p, names }).entries()) {
			const changes = v.changes.map((c) => (c.before === null ? `${c.label} : ${c.after}` : `${c.label} : ${c.before} → ${c.after}`)).join(' | ');
			lines.push([v.id, v.createdAt, v.actor, v.ip, v.actionLabel, v.entityLabel, v.subject, rows[i]!.entityId, changes].map(cell).join(';'));
		}
		if (rows.length < 1000) break;
	}
	return `\ufeff${lines.join('\r\n')}\r\n`;
}
