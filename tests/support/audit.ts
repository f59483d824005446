import type { AuditRow } from '../../src/lib/audit-view';

/** A trace of the journal as the database gives it, for the presenters' tests: `over` says what differs. */
export const auditRow = (over: Partial<AuditRow>): AuditRow => ({
	id: 1,
	action: 'update',
	entityType: 'activity',
	entityId: '1',
	actorLabel: 'Claire Dupont',
	actorUserId: 'u1',
	ip: null,
	createdAt: '2026-03-02T10:00:00Z',
	before: null,
	after: null,
	...over
});
