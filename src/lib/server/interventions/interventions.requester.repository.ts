import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { mailOutbox } from '../outbox/outbox.table';
import type { TerritoryScope } from '../shared/scope';
import { interventionRequests } from './interventions.table';

/**
 * A requester's own requests: those of the territory whose contact address is her account's
 * (case-insensitive). Newest first. An address erased by retention matches nothing.
 */
export async function listRequestsOfContact(db: Db, scope: TerritoryScope, email: string) {
	return db
		.select()
		.from(interventionRequests)
		.where(and(eq(interventionRequests.territoryId, scope.territoryId), sql`lower(${interventionRequests.contactEmail}) = lower(${email})`))
		.orderBy(desc(interventionRequests.createdAt), desc(interventionRequests.id));
}

/** Whether one of these messages went to that address in the territory since `since` (the offer is not sent twice in a row). */
export async function mailSentSince(db: Db, scope: TerritoryScope, kinds: string[], to: string, since: Date): Promise<boolean> {
	const [row] = await db
		.select({ id: mailOutbox.id })
		.from(mailOutbox)
		.where(
			and(
				eq(mailOutbox.territoryId, scope.territoryId),
				inArray(mailOutbox.kind, kinds),
				sql`lower(${mailOutbox.toAddress}) = lower(${to})`,
				gt(mailOutbox.createdAt, since)
			)
		)
		.limit(1);
	return row !== undefined;
}
