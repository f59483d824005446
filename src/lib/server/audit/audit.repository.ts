import { and, desc, eq, gte, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor, TerritoryScope } from '../shared/scope';
import { user } from '../accounts/accounts.table';
import { interventionKinds, interventionRequests } from '../interventions/interventions.table';
import { networks, roleModelProfiles } from '../role-models/role-models.table';
import { noteDataVersionMove } from '../territories/territories.repository';
import { auditEvents } from './audit.table';

export interface AuditEntry {
	action: string;
	entityType: string;
	entityId: string | number;
	before?: unknown;
	after?: unknown;
}

/**
 * Written inside the caller's transaction: the change and its trace commit together or not at all.
 * Every audited change may alter a public page: the territory's data version (of every territory,
 * without a scope) moves when the change commits, by a trigger on this table, so the public pages'
 * cache renders them again (decision 0012).
 */
export async function recordAudit(db: Db, scope: TerritoryScope | null, actor: Actor, entry: AuditEntry): Promise<void> {
	noteDataVersionMove();
	await db.insert(auditEvents).values({
		territoryId: scope?.territoryId ?? null,
		actorUserId: actor.userId,
		actorLabel: actor.label ?? null,
		ip: actor.ip ?? null,
		action: entry.action,
		entityType: entry.entityType,
		entityId: String(entry.entityId),
		before: entry.before === undefined ? null : JSON.parse(JSON.stringify(entry.before)),
		after: entry.after === undefined ? null : JSON.parse(JSON.stringify(entry.after))
	});
}

export interface AuditFilters {
	from?: string;
	to?: string;
	entityType?: string;
	entityId?: string;
	page: number;
}

export async function listAudit(db: Db, scope: TerritoryScope, f: AuditFilters, pageSize: number) {
	const where = and(
		eq(auditEvents.territoryId, scope.territoryId),
		f.from ? gte(auditEvents.createdAt, new Date(`${f.from}T00:00:00Z`)) : undefined,
		f.to ? lte(auditEvents.createdAt, new Date(`${f.to}T23:59:59.999Z`)) : undefined,
		f.entityType ? eq(auditEvents.entityType, f.entityType) : undefined,
		f.entityId ? eq(auditEvents.entityId, f.entityId) : undefined
	);
	const [rows, [total]] = await Promise.all([
		db
			.select()
			.from(auditEvents)
			.where(where)
			.orderBy(desc(auditEvents.id))
			.limit(pageSize)
			.offset((f.page - 1) * pageSize),
		db
			.select({ n: sql<number>`count(*)::int` })
			.from(auditEvents)
			.where(where)
	]);
	return { rows, total: Number(total?.n ?? 0) };
}

export async function entityHistory(db: Db, scope: TerritoryScope, entityType: string, entityId: string | number) {
	return db
		.select()
		.from(auditEvents)
		.where(and(eq(auditEvents.territoryId, scope.territoryId), eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, String(entityId))))
		.orderBy(desc(auditEvents.id));
}

/** The journal of a territory being deleted (audit rows carry no foreign key, to outlive their records). */
export async function deleteTerritoryAudit(db: Db, scope: TerritoryScope) {
	await db.delete(auditEvents).where(eq(auditEvents.territoryId, scope.territoryId));
}

/** The accounts this territory's trail speaks of or was written by, members past and present (an ended membership leaves no role to join on). */
export async function listAuditedUsers(db: Db, scope: TerritoryScope) {
	return db
		.selectDistinct({ id: user.id, name: user.name, email: user.email })
		.from(auditEvents)
		.innerJoin(user, or(and(eq(auditEvents.entityType, 'user'), eq(user.id, auditEvents.entityId)), eq(user.id, auditEvents.actorUserId)))
		.where(eq(auditEvents.territoryId, scope.territoryId));
}

/** The names the network's traces refer to by id or code: networks, role models (past ones too), kinds of intervention, requests (by their organisation). */
export async function listNetworkNames(db: Db, scope: TerritoryScope) {
	const [nets, profiles, kinds, requests] = await Promise.all([
		db.select({ id: networks.id, name: networks.name }).from(networks).where(eq(networks.territoryId, scope.territoryId)),
		db
			.select({ id: roleModelProfiles.id, firstName: roleModelProfiles.firstName, lastName: roleModelProfiles.lastName })
			.from(roleModelProfiles)
			.where(eq(roleModelProfiles.territoryId, scope.territoryId)),
		db.select({ code: interventionKinds.code, labelFr: interventionKinds.labelFr, labelEn: interventionKinds.labelEn }).from(interventionKinds),
		db
			.select({ id: interventionRequests.id, organisationName: interventionRequests.organisationName })
			.from(interventionRequests)
			.where(eq(interventionRequests.territoryId, scope.territoryId))
	]);
	return { networks: nets, profiles, kinds, requests };
}
