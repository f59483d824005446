/**
 * Audit traces as a reader sees them. Pure (no server code), so the journal (with names read from the
 * database) and the history on a record's page (AuditList) present traces the one same way.
 */
import { formatDate, formatNumber, type MessageKey, type Translate, type Locale } from './i18n';
import { fr } from './i18n/fr';

/** What the journal shows of one event: labels, not codes; names, not ids. */
export interface AuditView {
	id: number;
	createdAt: string;
	action: string;
	actionLabel: string;
	entityType: string;
	entityLabel: string;
	/** The record's title (or e-mail, name…), when the trace says it. */
	subject: string;
	href: string | null;
	actor: string;
	ip: string | null;
	changes: { field: string; label: string; before: string | null; after: string }[];
}

export interface AuditRow {
	id: number;
	action: string;
	entityType: string;
	entityId: string;
	actorLabel: string | null;
	actorUserId: string | null;
	ip: string | null;
	createdAt: Date | string;
	before: unknown;
	after: unknown;
}

/** Names for the ids found in traces, read once per page. */
export interface AuditNames {
	initiatives: ReadonlyMap<string, string>;
	communes: ReadonlyMap<string, string>;
	organisations: ReadonlyMap<string, string>;
	/** Accounts by id → name or e-mail: a trace on an account (password change, end of membership) names the person. */
	users?: ReadonlyMap<string, string>;
}

/** No names known: ids are shown as they are. */
export const NO_NAMES: AuditNames = { initiatives: new Map(), communes: new Map(), organisations: new Map() };

/** Bookkeeping columns: they change with every write and say nothing to a reader. */
const HIDDEN = new Set(['id', 'territoryId', 'version', 'createdBy', 'updatedBy', 'createdAt', 'updatedAt', 'source', 'activityId', 'planId']);

const isKey = (k: string): k is MessageKey => k in fr;
const label = (t: Translate, prefix: string, code: unknown) =>
	typeof code === 'string' && isKey(`${prefix}.${code}`) ? t(`${prefix}.${code}` as MessageKey) : String(code);

function value(t: Translate, locale: Locale, names: AuditNames, field: string, v: unknown): string {
	if (v === null || v === undefined || v === '') return t('audit.empty_value');
	if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no');
	if (field === 'initiativeId') return names.initiatives.get(String(v)) ?? String(v);
	if (field === 'initiativeIds' && Array.isArray(v)) return v.map((id) => names.initiatives.get(String(id)) ?? String(id)).join(', ') || t('audit.empty_value');
	if (field === 'partyIds' && Array.isArray(v)) return v.map((id) => names.organisations.get(String(id)) ?? String(id)).join(', ') || t('audit.empty_value');
	if (field === 'communeCode') return names.communes.get(String(v)) ?? String(v);
	if (field === 'hostOrganisationId' || field === 'organisationId') return names.organisations.get(String(v)) ?? String(v);
	if (field === 'status') return label(t, 'status', v);
	if (field === 'type') return label(t, 'type', v);
	if (field === 'role') return label(t, 'role', v);
	if (field === 'audiences' && Array.isArray(v)) {
		const rows = v as { audience: string; level: string; count: number }[];
		if (rows.length === 0) return t('audit.empty_value');
		return rows.map((r) => `${label(t, 'audience', r.audience)} — ${label(t, 'level', r.level)} : ${formatNumber(locale, Number(r.count))}`).join(' ; ');
	}
	if (field === 'file' && typeof v === 'object') return String((v as { name?: unknown }).name ?? '');
	if (typeof v === 'number') return formatNumber(locale, v);
	if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(locale, v);
	if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) {
		return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(
			new Date(v)
		);
	}
	if (typeof v === 'string') return v;
	return JSON.stringify(v);
}

function subjectOf(t: Translate, row: AuditRow, names: AuditNames): string {
	const pick = (o: unknown) => {
		const r = (o ?? {}) as Record<string, unknown>;
		return [r.title, r.name, r.email].find((x) => typeof x === 'string' && x !== '') as string | undefined;
	};
	if (row.entityType === 'plan') return t('audit.entity.plan');
	if (row.entityType === 'user' && names.users?.has(row.entityId)) return names.users.get(row.entityId)!;
	return pick(row.after) ?? pick(row.before) ?? `n° ${row.entityId}`;
}

function hrefOf(slug: string, row: AuditRow): string | null {
	if (row.action === 'delete') return null;
	if (row.entityType === 'activity') return `/t/${slug}/actions/${encodeURIComponent(row.entityId)}`;
	if (row.entityType === 'agreement') return `/t/${slug}/conventions/${encodeURIComponent(row.entityId)}`;
	if (row.entityType === 'plan') return `/t/${slug}`;
	return null;
}

/** A trace → what a coordinator reads: "Création — Action « Forum des métiers »", then before → after per field. */
export function presentAudit(rows: readonly AuditRow[], ctx: { t: Translate; locale: Locale; slug: string; names: AuditNames }): AuditView[] {
	const { t, locale, names } = ctx;
	return rows.map((row) => {
		const before = (row.before ?? null) as Record<string, unknown> | null;
		const after = (row.after ?? null) as Record<string, unknown> | null;
		const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((f) => !HIDDEN.has(f));
		const changes = fields
			.filter((f) => !before || !after || JSON.stringify(before[f]) !== JSON.stringify(after[f]))
			.map((f) => ({
				field: f,
				label: isKey(`audit.field.${f}`) ? t(`audit.field.${f}` as MessageKey) : f,
				before: before ? value(t, locale, names, f, before[f]) : null,
				after: after ? value(t, locale, names, f, after[f]) : t('audit.empty_value')
			}));
		return {
			id: row.id,
			createdAt: new Date(row.createdAt).toISOString(),
			action: row.action,
			actionLabel: label(t, 'audit.action', row.action),
			entityType: row.entityType,
			entityLabel: label(t, 'audit.entity', row.entityType),
			subject: subjectOf(t, row, names),
			href: hrefOf(ctx.slug, row),
			actor: row.actorLabel ?? row.actorUserId ?? '',
			ip: row.ip,
			changes
		};
	});
}
