/**
 * Audit traces as a reader sees them. Pure (no server code), so the journal (with names read from the
 * database) and the history on a record's page (AuditList) present traces the one same way.
 */
import { formatDate, formatNumber, type MessageKey, type Translate, type Locale } from './i18n';
import { fr } from './i18n/fr';
import { valueFormat, type AuditLookup, type ValueFormat } from './audit-values';

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
	/** The role-model network: networks, role models (first and last name), kinds of intervention (label in the reader's language), EPCIs. */
	networks?: ReadonlyMap<string, string>;
	roleModels?: ReadonlyMap<string, string>;
	interventionKinds?: ReadonlyMap<string, string>;
	epcis?: ReadonlyMap<string, string>;
	/** Intervention requests by id → the requesting organisation's name: an answer's trace names the request it is about. */
	requests?: ReadonlyMap<string, string>;
}

/** No names known: ids are shown as « n° 12 », codes by their label when the catalogue has one. */
export const NO_NAMES: AuditNames = { initiatives: new Map(), communes: new Map(), organisations: new Map() };

const isKey = (k: string): k is MessageKey => k in fr;

/** Bookkeeping columns: they change with every write and say nothing to a reader (an import's key is a digest of its row). */
export const AUDIT_HIDDEN_FIELDS: ReadonlySet<string> = new Set([
	'id',
	'territoryId',
	'version',
	'createdBy',
	'updatedBy',
	'createdAt',
	'updatedAt',
	'source',
	'activityId',
	'planId',
	'importKey'
]);

/**
 * A field's label: `audit.field.<name>` (audit.labels.test.ts checks every field a recordAudit call
 * writes has one); a field of an old trace without one reads « Autre information », never its code name.
 */
export const auditFieldLabel = (t: Translate, field: string): string =>
	isKey(`audit.field.${field}`) ? t(`audit.field.${field}` as MessageKey) : t('audit.field.other');

const label = (t: Translate, prefix: string, code: unknown) =>
	(typeof code === 'string' || typeof code === 'number') && isKey(`${prefix}.${code}`) ? t(`${prefix}.${code}` as MessageKey) : String(code);

function namesOf(names: AuditNames, lookup: AuditLookup): ReadonlyMap<string, string> | undefined {
	const byLookup: Record<AuditLookup, ReadonlyMap<string, string> | undefined> = {
		initiative: names.initiatives,
		commune: names.communes,
		organisation: names.organisations,
		network: names.networks,
		roleModel: names.roleModels,
		interventionKind: names.interventionKinds,
		user: names.users,
		epci: names.epcis,
		request: names.requests,
		record: undefined
	};
	return byLookup[lookup];
}

/** A code (commune, kind of intervention) stays as it is when unknown; a record's number reads « n° 12 ». */
function named(names: AuditNames, lookup: AuditLookup, v: unknown): string {
	const found = namesOf(names, lookup)?.get(String(v));
	if (found) return found;
	return lookup === 'commune' || lookup === 'interventionKind' || lookup === 'epci' ? String(v) : `n° ${String(v)}`;
}

function formatted(t: Translate, locale: Locale, names: AuditNames, format: ValueFormat, v: unknown): string {
	const list = (items: unknown[], one: (x: unknown) => string) => items.map(one).join(', ') || t('audit.empty_value');
	if ('enum' in format) return label(t, format.enum, v);
	if ('enums' in format) return Array.isArray(v) ? list(v, (x) => label(t, format.enums, x)) : label(t, format.enums, v);
	if ('id' in format) return named(names, format.id, v);
	if ('ids' in format) return Array.isArray(v) ? list(v, (x) => named(names, format.ids, x)) : named(names, format.ids, v);
	if ('languages' in format) {
		const display = new Intl.DisplayNames([locale], { type: 'language' });
		const one = (x: unknown) => {
			try {
				return display.of(String(x)) ?? String(x);
			} catch {
				return String(x);
			}
		};
		return Array.isArray(v) ? list(v, one) : one(v);
	}
	if (format.shape === 'file') return typeof v === 'object' ? String((v as { name?: unknown }).name ?? '') : String(v);
	if (!Array.isArray(v)) return String(v);
	const rows = v as { audience: string; level: string; count: number }[];
	if (rows.length === 0) return t('audit.empty_value');
	return rows.map((r) => `${label(t, 'audience', r.audience)} — ${label(t, 'level', r.level)} : ${formatNumber(locale, Number(r.count))}`).join(' ; ');
}

function value(t: Translate, locale: Locale, names: AuditNames, entityType: string, field: string, v: unknown): string {
	if (v === null || v === undefined || v === '') return t('audit.empty_value');
	if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no');
	const format = valueFormat(entityType, field);
	if (format) return formatted(t, locale, names, format, v);
	if (typeof v === 'number') return formatNumber(locale, v);
	if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(locale, v);
	if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) {
		return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(
			new Date(v)
		);
	}
	if (typeof v === 'string') return v;
	if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.map(String).join(', ') || t('audit.empty_value');
	// Linked records ({ organisationId, role }…): each field's value in words, the first one named, the others after it in brackets
	const one = (x: unknown): string => {
		if (x === null || typeof x !== 'object') return value(t, locale, names, entityType, field, x);
		const [first, ...rest] = Object.entries(x as Record<string, unknown>)
			.filter(([k]) => !AUDIT_HIDDEN_FIELDS.has(k))
			.map(([k, y]) => value(t, locale, names, entityType, k, y));
		return rest.length > 0 ? `${first} (${rest.join(', ')})` : (first ?? t('audit.empty_value'));
	};
	return Array.isArray(v) ? v.map(one).join(' ; ') || t('audit.empty_value') : one(v);
}

function subjectOf(t: Translate, row: AuditRow, names: AuditNames): string {
	const pick = (o: unknown) => {
		const r = (o ?? {}) as Record<string, unknown>;
		const person = [r.firstName, r.lastName].filter((x) => typeof x === 'string' && x !== '').join(' ');
		return [r.title, r.name, person, r.organisationName, r.email].find((x) => typeof x === 'string' && x !== '') as string | undefined;
	};
	if (row.entityType === 'plan') return t('audit.entity.plan');
	if (row.entityType === 'activity_import') {
		// the file's name, else the activities written (« Actions n° 1–5 »): the first activity's id names nothing
		const r = (row.after ?? {}) as Record<string, unknown>;
		if (typeof r.file === 'string' && r.file !== '') return r.file;
		if (typeof r.activityIds === 'string') return t('audit.subject.activity_import', { ids: r.activityIds });
	}
	if (row.entityType === 'user' && names.users?.has(row.entityId)) return names.users.get(row.entityId)!;
	const known = row.entityType === 'intervention_request' ? names.requests?.get(row.entityId) : undefined;
	return pick(row.after) ?? pick(row.before) ?? known ?? `n° ${row.entityId}`;
}

/** Stored labels of actors who are not accounts (scope.ts, interventions.workflow.ts) → the reader's words. */
const ACTOR_LABELS: Readonly<Record<string, MessageKey>> = {
	'la plateforme (automatique)': 'audit.actor.platform',
	'mixite (ligne de commande)': 'audit.actor.cli',
	'demandeuse (lien privé)': 'audit.actor.requester_link',
	intervenante: 'audit.actor.role_model',
	'compte rendu d’intervention': 'audit.actor.report'
};

/**
 * Who acted. The platform's own moves on a request were once recorded under the command line's
 * actor (`system`): the command line never moves a request, so those read as the platform too.
 */
function actorOf(t: Translate, row: AuditRow, names: AuditNames): string {
	if (row.actorUserId === 'platform') return t('audit.actor.platform');
	if (row.actorUserId === 'system' && row.actorLabel === 'mixite (ligne de commande)' && row.entityType === 'intervention_request') {
		return t('audit.actor.platform');
	}
	const roleModel = /^role_model:(\d+)$/.exec(row.actorUserId ?? '')?.[1];
	if (roleModel && names.roleModels?.has(roleModel)) return `${t('audit.actor.role_model')} (${names.roleModels.get(roleModel)})`;
	const key = row.actorLabel ? ACTOR_LABELS[row.actorLabel] : undefined;
	if (key) return t(key);
	return row.actorLabel ?? row.actorUserId ?? '';
}

function hrefOf(slug: string, row: AuditRow): string | null {
	if (row.action === 'delete') return null;
	if (row.entityType === 'activity') return `/t/${slug}/actions/${encodeURIComponent(row.entityId)}`;
	if (row.entityType === 'agreement') return `/t/${slug}/conventions/${encodeURIComponent(row.entityId)}`;
	if (row.entityType === 'plan') return `/t/${slug}`;
	if (row.entityType === 'intervention_request') return `/t/${slug}/demandes/${encodeURIComponent(row.entityId)}`;
	if (row.entityType === 'role_model') return `/t/${slug}/intervenantes/${encodeURIComponent(row.entityId)}`;
	if (row.entityType === 'portrait') return `/t/${slug}/portraits/${encodeURIComponent(row.entityId)}/modifier`;
	if (row.entityType === 'mentoring_cohort') return `/t/${slug}/marrainage/${encodeURIComponent(row.entityId)}`;
	return null;
}

/** A trace → what a coordinator reads: "Création — Action « Forum des métiers »", then before → after per field. */
export function presentAudit(rows: readonly AuditRow[], ctx: { t: Translate; locale: Locale; slug: string; names: AuditNames }): AuditView[] {
	const { t, locale, names } = ctx;
	return rows.map((row) => {
		const before = (row.before ?? null) as Record<string, unknown> | null;
		const after = (row.after ?? null) as Record<string, unknown> | null;
		const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((f) => !AUDIT_HIDDEN_FIELDS.has(f));
		const changes = fields
			.filter((f) => !before || !after || JSON.stringify(before[f]) !== JSON.stringify(after[f]))
			.map((f) => ({
				field: f,
				label: auditFieldLabel(t, f),
				before: before ? value(t, locale, names, row.entityType, f, before[f]) : null,
				after: after ? value(t, locale, names, row.entityType, f, after[f]) : t('audit.empty_value')
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
			actor: actorOf(t, row, names),
			ip: row.ip,
			changes
		};
	});
}
