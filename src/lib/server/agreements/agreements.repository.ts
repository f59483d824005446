import { and, asc, eq, exists, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { territoryRoles, user } from '../accounts/accounts.table';
import type { Db } from '../db/client';
import { organisations } from '../organisations/organisations.table';
import { initiatives } from '../plan/plan.table';
import { reachCondition, type Reach } from '../shared/reach';
import type { TerritoryScope } from '../shared/scope';
import { agreementFiles, agreementParties, agreements, initiativeAgreements } from './agreements.table';

export type AgreementRow = typeof agreements.$inferSelect;
export type AgreementValues = Omit<typeof agreements.$inferInsert, 'id' | 'territoryId' | 'version' | 'createdAt' | 'updatedAt'>;

/** An agreement is within reach when one of the reached organisations signed it (the reach is by organisation). */
function signedWithin(reach: Reach): SQL | undefined {
	const signer = reachCondition(agreementParties.organisationId, reach);
	if (!signer) return undefined;
	return exists(sql`(select 1 from ${agreementParties} where ${agreementParties.agreementId} = ${agreements.id} and ${signer})`);
}

export async function listAgreements(db: Db, scope: TerritoryScope, reach: Reach) {
	return db
		.select()
		.from(agreements)
		.where(and(eq(agreements.territoryId, scope.territoryId), signedWithin(reach)))
		.orderBy(sql`${agreements.endsOn} asc nulls last`, asc(agreements.title), asc(agreements.id));
}

export async function findAgreement(db: Db, scope: TerritoryScope, id: number, reach: Reach, options: { forUpdate?: boolean } = {}) {
	const query = db
		.select()
		.from(agreements)
		.where(and(eq(agreements.territoryId, scope.territoryId), eq(agreements.id, id), signedWithin(reach)))
		.limit(1);
	const [row] = options.forUpdate ? await query.for('update') : await query;
	return row ?? null;
}

export async function insertAgreement(db: Db, scope: TerritoryScope, values: AgreementValues) {
	const [row] = await db
		.insert(agreements)
		.values({ ...values, territoryId: scope.territoryId })
		.returning();
	return row!;
}

/** Every edit moves the version on: a save prepared on an older version is refused by the use case. */
export async function updateAgreementRow(db: Db, scope: TerritoryScope, id: number, values: Partial<AgreementValues>) {
	const [row] = await db
		.update(agreements)
		.set({ ...values, version: sql`${agreements.version} + 1`, updatedAt: new Date() })
		.where(and(eq(agreements.territoryId, scope.territoryId), eq(agreements.id, id)))
		.returning();
	return row!;
}

/** Parties, initiative links and the PDF go with it (ON DELETE CASCADE). */
export async function deleteAgreementRow(db: Db, scope: TerritoryScope, id: number) {
	await db.delete(agreements).where(and(eq(agreements.territoryId, scope.territoryId), eq(agreements.id, id)));
}

export async function listParties(db: Db, scope: TerritoryScope, agreementIds: readonly number[]) {
	if (agreementIds.length === 0) return [];
	return db
		.select({ agreementId: agreementParties.agreementId, organisationId: organisations.id, name: organisations.name })
		.from(agreementParties)
		.innerJoin(organisations, eq(organisations.id, agreementParties.organisationId))
		.where(and(eq(agreementParties.territoryId, scope.territoryId), inArray(agreementParties.agreementId, [...agreementIds])))
		.orderBy(asc(organisations.name));
}

export async function listInitiativeLinks(db: Db, scope: TerritoryScope, agreementIds: readonly number[]) {
	if (agreementIds.length === 0) return [];
	return db
		.select({ agreementId: initiativeAgreements.agreementId, initiativeId: initiatives.id, name: initiatives.name })
		.from(initiativeAgreements)
		.innerJoin(initiatives, eq(initiatives.id, initiativeAgreements.initiativeId))
		.where(and(eq(initiativeAgreements.territoryId, scope.territoryId), inArray(initiativeAgreements.agreementId, [...agreementIds])))
		.orderBy(asc(initiatives.position));
}

/** Every initiative → agreement link of the territory within reach: what the plan shows under each initiative. */
export async function listAgreementsOfInitiatives(db: Db, scope: TerritoryScope, reach: Reach) {
	return db
		.select({ initiativeId: initiativeAgreements.initiativeId, agreementId: agreements.id, title: agreements.title })
		.from(initiativeAgreements)
		.innerJoin(agreements, eq(agreements.id, initiativeAgreements.agreementId))
		.where(and(eq(initiativeAgreements.territoryId, scope.territoryId), eq(agreements.territoryId, scope.territoryId), signedWithin(reach)))
		.orderBy(asc(agreements.title), asc(agreements.id));
}

export async function replaceParties(db: Db, scope: TerritoryScope, agreementId: number, organisationIds: readonly number[]) {
	await db.delete(agreementParties).where(and(eq(agreementParties.territoryId, scope.territoryId), eq(agreementParties.agreementId, agreementId)));
	if (organisationIds.length > 0) {
		await db.insert(agreementParties).values(organisationIds.map((organisationId) => ({ territoryId: scope.territoryId, agreementId, organisationId })));
	}
}

export async function replaceInitiativeLinks(db: Db, scope: TerritoryScope, agreementId: number, initiativeIds: readonly number[]) {
	await db.delete(initiativeAgreements).where(and(eq(initiativeAgreements.territoryId, scope.territoryId), eq(initiativeAgreements.agreementId, agreementId)));
	if (initiativeIds.length > 0) {
		await db.insert(initiativeAgreements).values(initiativeIds.map((initiativeId) => ({ territoryId: scope.territoryId, agreementId, initiativeId })));
	}
}

const fileMeta = {
	agreementId: agreementFiles.agreementId,
	name: agreementFiles.name,
	size: agreementFiles.size,
	sha256: agreementFiles.sha256,
	uploadedAt: agreementFiles.uploadedAt
};

/** What the pages show of the PDFs, without their bytes. */
export async function listFileMeta(db: Db, scope: TerritoryScope, agreementIds: readonly number[]) {
	if (agreementIds.length === 0) return [];
	return db
		.select(fileMeta)
		.from(agreementFiles)
		.where(and(eq(agreementFiles.territoryId, scope.territoryId), inArray(agreementFiles.agreementId, [...agreementIds])));
}

export async function findFile(db: Db, scope: TerritoryScope, agreementId: number) {
	const [row] = await db
		.select({ ...fileMeta, content: agreementFiles.content })
		.from(agreementFiles)
		.where(and(eq(agreementFiles.territoryId, scope.territoryId), eq(agreementFiles.agreementId, agreementId)))
		.limit(1);
	return row ?? null;
}

export async function saveFile(db: Db, scope: TerritoryScope, agreementId: number, file: { name: string; size: number; sha256: string; content: Buffer }) {
	const values = { ...file, uploadedAt: new Date() };
	await db
		.insert(agreementFiles)
		.values({ ...values, agreementId, territoryId: scope.territoryId })
		.onConflictDoUpdate({ target: agreementFiles.agreementId, set: values, setWhere: eq(agreementFiles.territoryId, scope.territoryId) });
}

/**
 * Agreements whose end falls within their reminder window (today ≤ endsOn ≤ today + reminderDays)
 * and that have not been reminded yet. With `lock`, the row is locked for the caller's
 * transaction; a row another run is reminding is skipped, not waited for.
 */
export async function listDueForReminder(db: Db, scope: TerritoryScope, today: string, options: { id?: number; lock?: boolean } = {}) {
	const query = db
		.select()
		.from(agreements)
		.where(
			and(
				eq(agreements.territoryId, scope.territoryId),
				isNull(agreements.reminderSentAt),
				sql`${agreements.endsOn} >= ${today}::date`,
				sql`${agreements.endsOn} - ${agreements.reminderDays} <= ${today}::date`,
				options.id === undefined ? undefined : eq(agreements.id, options.id)
			)
		)
		.orderBy(asc(agreements.endsOn), asc(agreements.id));
	return options.lock ? query.for('update', { skipLocked: true }) : query;
}

/** The reminder is a system trace, not an edit: the version stays, so nobody's open form goes stale. */
export async function markReminderSent(db: Db, scope: TerritoryScope, id: number, at: Date) {
	await db
		.update(agreements)
		.set({ reminderSentAt: at })
		.where(and(eq(agreements.territoryId, scope.territoryId), eq(agreements.id, id)));
}

/** Who is told about renewals: the territory's coordinators whose account is active. */
export async function listCoordinatorEmails(db: Db, scope: TerritoryScope): Promise<string[]> {
	const rows = await db
		.selectDistinct({ email: user.email })
		.from(territoryRoles)
		.innerJoin(user, eq(user.id, territoryRoles.userId))
		.where(and(eq(territoryRoles.territoryId, scope.territoryId), eq(territoryRoles.role, 'coordinator'), isNull(user.deactivatedAt)))
		.orderBy(asc(user.email));
	return rows.map((r) => r.email);
}
