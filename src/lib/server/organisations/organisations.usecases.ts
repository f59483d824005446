import { z } from 'zod';
import { ORGANISATION_STATUSES } from '../../domain/reference';
import type { Db } from '../db/client';
import { ValidationError } from '../shared/errors';
import { msg, toFieldErrors } from '../shared/form';
import { calendarDateSchema } from '../shared/schemas';
import type { Actor, TerritoryScope } from '../shared/scope';
import { OrganisationNotFoundError } from './organisations.errors';
import * as repo from './organisations.repository';
import { recordAudit } from '../audit/audit.repository';

export const statusChangeSchema = z.object({
	status: z.enum(ORGANISATION_STATUSES, { error: msg('validation.enum') }),
	// A real calendar day: 2026-02-30 would otherwise pass Date.parse and fail in the database.
	since: calendarDateSchema,
	note: z
		.string()
		.trim()
		.max(2000, msg('validation.too_long', { max: 2000 }))
		.nullable()
		.default(null)
});

/**
 * Status is a history: a firm in receivership or closed is never deleted, so the activities
 * it hosted keep their attribution and stay counted.
 */
export async function changeOrganisationStatus(db: Db, scope: TerritoryScope, actor: Actor, organisationId: number, raw: unknown) {
	const parsed = statusChangeSchema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	await db.transaction(async (tx) => {
		if (!(await repo.findOrganisation(tx, scope, organisationId))) throw new OrganisationNotFoundError();
		const [previous] = await repo.listOrganisationStatuses(tx, scope, organisationId);
		await repo.insertOrganisationStatus(tx, scope, { organisationId, ...parsed.data });
		await recordAudit(tx, scope, actor, {
			action: 'status',
			entityType: 'organisation',
			entityId: organisationId,
			before: previous ? { status: previous.status, since: previous.since } : { status: 'active' },
			after: parsed.data
		});
	});
}

/** The status at a date (default: now); an organisation without history is active. */
export async function organisationStatusAt(db: Db, scope: TerritoryScope, organisationId: number, date: string) {
	const history = await repo.listOrganisationStatuses(db, scope, organisationId);
	return history.find((h) => h.since <= date)?.status ?? 'active';
}
