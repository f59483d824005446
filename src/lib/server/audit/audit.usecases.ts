import { z } from 'zod';
import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import { listAudit } from './audit.repository';

export const AUDIT_PAGE_SIZE = 100;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const auditFiltersSchema = z.object({
	from: isoDate.optional().catch(undefined),
	to: isoDate.optional().catch(undefined),
	entityType: z.enum(['activity', 'plan', 'organisation', 'agreement', 'user', 'invitation', 'api_token']).optional().catch(undefined),
	entityId: z.string().max(64).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100000).catch(1).default(1)
});

export function parseAuditFilters(params: URLSearchParams) {
	const raw: Record<string, string> = {};
	for (const [k, v] of params.entries()) if (v !== '') raw[k] = v;
	return auditFiltersSchema.parse(raw);
}

export async function browseAudit(db: Db, scope: TerritoryScope, filters: z.output<typeof auditFiltersSchema>) {
	const { rows, total } = await listAudit(db, scope, filters, AUDIT_PAGE_SIZE);
	return { rows, total, page: filters.page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

function cell(value: unknown): string {
	const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return /[";\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The whole filtered trail as CSV (semicolons, UTF-8 with BOM). */
export async function exportAuditCsv(db: Db, scope: TerritoryScope, filters: z.output<typeof auditFiltersSchema>): Promise<string> {
	const lines = ['id;date;auteur;ip;action;objet;identifiant;avant;après'];
	for (let page = 1; ; page++) {
		const { rows } = await listAudit(db, scope, { ...filters, page }, 1000);
		for (const r of rows) {
			lines.push([r.id, new Date(r.createdAt).toISOString(), r.actorLabel ?? r.actorUserId, r.ip, r.action, r.entityType, r.entityId, r.before, r.after].map(cell).join(';'));
		}
		if (rows.length < 1000) break;
	}
	return `\ufeff${lines.join('\r\n')}\r\n`;
}
