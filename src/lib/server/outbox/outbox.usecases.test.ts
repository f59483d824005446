import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { adminActor } from '../../../../tests/support/actors';
import { defaultTerritory, otherTerritory, rows } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import type { Db } from '../db/client';
import { enqueueMail } from './outbox.repository';
import { browseOutbox, readOutboxFilter, resendMessage } from './outbox.usecases';
import { OutboxMessageNotFoundError } from './outbox.errors';

const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db), other: await otherTerritory(database.db) }));
const coordinator = adminActor('coord', { label: 'coordination@example.org' });

async function message(db: Db, territoryId: number | null, to: string, status = 'pending', lastError: string | null = null) {
	const id = await enqueueMail(db, { territoryId, kind: 'invitation', to, subject: `Invitation pour ${to}`, text: 'Bonjour' });
	await db.execute(sql`update mail_outbox set status = ${status}, last_error = ${lastError}, attempts = ${status === 'failed' ? 8 : 0} where id = ${id}`);
	return id;
}

describe('the outbox page', () => {
	it('shows the territory’s messages newest first with counts per status, and neither another territory’s nor those outside any territory', async () => {
		const { database, t, other } = fresh();
		await message(database.db, t.scope.territoryId, 'envoye@example.org', 'sent');
		await message(database.db, t.scope.territoryId, 'attente@example.org', 'pending');
		await message(database.db, t.scope.territoryId, 'encours@example.org', 'sending');
		await message(database.db, t.scope.territoryId, 'echec@example.org', 'failed', '550 5.1.1 Adresse inconnue');
		await message(database.db, other.scope.territoryId, 'voisin@example.org', 'failed');
		await message(database.db, null, 'reset@example.org', 'failed');

		const all = await browseOutbox(database.db, t.scope, null);
		expect(all.counts).toEqual({ sent: 1, pending: 2, failed: 1 });
		expect(all.messages.map((m) => [m.to, m.status])).toEqual([
			['echec@example.org', 'failed'],
			['encours@example.org', 'pending'],
			['attente@example.org', 'pending'],
			['envoye@example.org', 'sent']
		]);
		expect(all.messages[0]!.lastError).toBe('550 5.1.1 Adresse inconnue');

		const failed = await browseOutbox(database.db, t.scope, readOutboxFilter(new URLSearchParams('status=failed')));
		expect(failed.messages.map((m) => m.to)).toEqual(['echec@example.org']);
		const pending = await browseOutbox(database.db, t.scope, readOutboxFilter(new URLSearchParams('status=pending')));
		expect(pending.messages.map((m) => m.to)).toEqual(['encours@example.org', 'attente@example.org']);
		// An unknown filter is no filter.
		expect(readOutboxFilter(new URLSearchParams('status=<script>'))).toBeNull();
	});

	it('says whether « envoyé » means handed to an SMTP server or only written to a file (no SMTP_URL)', async () => {
		const { database, t } = fresh();
		const before = process.env.SMTP_URL;
		try {
			delete process.env.SMTP_URL;
			expect((await browseOutbox(database.db, t.scope, null)).delivery).toBe('files');
			process.env.SMTP_URL = 'smtp://127.0.0.1:2525';
			expect((await browseOutbox(database.db, t.scope, null)).delivery).toBe('smtp');
		} finally {
			if (before === undefined) delete process.env.SMTP_URL;
			else process.env.SMTP_URL = before;
		}
	});

	it('a coordinator sends a failed message again: it is pending, due now, with its attempts counted afresh, and audited', async () => {
		const { database, t } = fresh();
		const id = await message(database.db, t.scope.territoryId, 'echec@example.org', 'failed', '451 4.3.0 Réessayez');
		const now = new Date('2031-03-01T10:00:00Z');
		await resendMessage(database.db, t.scope, coordinator, id, now);
		const [row] = await rows<{ status: string; attempts: number; next: string }>(
			database.db,
			sql`select status, attempts, next_attempt_at::text as next from mail_outbox where id = ${id}`
		);
		expect(row).toMatchObject({ status: 'pending', attempts: 0 });
		expect(new Date(row!.next).getTime()).toBe(now.getTime());
		expect(await rows(database.db, sql`select action, entity_type, territory_id from audit_events where entity_id = ${String(id)}`)).toEqual([
			{ action: 'resend', entity_type: 'mail', territory_id: t.scope.territoryId }
		]);
	});

	it('another territory’s message is refused as not found, a message that is not failed is left as it is; neither changes anything', async () => {
		const { database, t, other } = fresh();
		const sent = await message(database.db, t.scope.territoryId, 'envoye@example.org', 'sent');
		const theirs = await message(database.db, other.scope.territoryId, 'voisin@example.org', 'failed');
		expect(await resendMessage(database.db, t.scope, coordinator, sent)).toEqual({ resent: false });
		await expect(resendMessage(database.db, t.scope, coordinator, theirs)).rejects.toBeInstanceOf(OutboxMessageNotFoundError);
		expect(await rows(database.db, sql`select status from mail_outbox order by id`)).toEqual([{ status: 'sent' }, { status: 'failed' }]);
		expect(await rows(database.db, sql`select 1 from audit_events where action = 'resend'`)).toEqual([]);
	});
});
