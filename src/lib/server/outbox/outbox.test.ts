import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTerritory } from '../../../../tests/support/fixtures';
import { startSmtpServer, type TestSmtpServer } from '../../../../tests/support/smtp';
import { freshDatabasePerTest, testDbKind } from '../../../../tests/support/test-db';
import { buildCalendar } from '../calendar/ics';
import type { Db } from '../db/client';
import { enqueueMail } from './outbox.repository';
import { createMailTransport, type MailTransport } from './outbox.transport';
import { BACKOFF_MS, CLAIM_LEASE_MS, MAX_ATTEMPTS, deliverDue } from './outbox.worker';

const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));
let smtp: TestSmtpServer;
let transport: MailTransport;

beforeAll(async () => {
	smtp = await startSmtpServer();
	transport = createMailTransport(smtp.url);
});
afterAll(async () => {
	transport.close();
	await smtp.stop();
});

interface OutboxRow {
	id: number;
	status: string;
	attempts: number;
	last_error: string | null;
	next_attempt_at: string;
	message_id: string | null;
}

async function outbox(db: Db): Promise<OutboxRow[]> {
	const result = await db.execute(
		sql`select id, status, attempts, last_error, next_attempt_at::text as next_attempt_at, message_id from mail_outbox order by id`
	);
	return (result as unknown as { rows: OutboxRow[] }).rows;
}

function invitationMail(territoryId: number, to: string) {
	const start = new Date('2031-03-12T08:30:00Z');
	return {
		territoryId,
		kind: 'proposal',
		to,
		subject: 'Intervention au collège Jean Jaurès — mardi 12 mars',
		text: 'Bonjour,\n\nVoici l’intervention proposée :\nhttps://mixite.example/t/flandre/interventions/1\n\nMerci !',
		attachments: [
			{
				filename: 'intervention.ics',
				contentType: 'text/calendar',
				method: 'REQUEST',
				content: buildCalendar({
					name: 'Intervention',
					method: 'REQUEST',
					events: [{ uid: 'intervention-1@mixite.example', sequence: 0, start, end: new Date(start.getTime() + 3_600_000), summary: 'Intervention' }]
				})
			}
		]
	};
}

const received = (to: string) => smtp.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((a) => a.address === to));

describe('the e-mail outbox', () => {
	it('a message written in a transaction that rolls back is never sent: the outbox holds nothing', async () => {
		const { database, t } = fresh();
		await expect(
			database.db.transaction(async (tx) => {
				await enqueueMail(tx, { territoryId: t.scope.territoryId, kind: 'invitation', to: 'annulee@example.org', subject: 'Invitation', text: 'Bonjour' });
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await outbox(database.db)).toEqual([]);
		expect(await deliverDue(database.db, transport)).toEqual({ sent: 0, retried: 0, failed: 0 });
		expect(received('annulee@example.org')).toEqual([]);
	});

	it('the worker sends a pending message over SMTP with its text part, its HTML part and the invitation with its METHOD', async () => {
		const { database, t } = fresh();
		await database.db.transaction((tx) => enqueueMail(tx, invitationMail(t.scope.territoryId, 'ines@college.example')));
		expect(await deliverDue(database.db, transport)).toEqual({ sent: 1, retried: 0, failed: 0 });
		const mail = await smtp.waitFor((m) => m.subject === 'Intervention au collège Jean Jaurès — mardi 12 mars');
		expect(mail.from?.text).toContain('Mixité Industrie');
		expect(mail.text).toContain('Voici l’intervention proposée');
		expect(mail.html).toContain('<a href="https://mixite.example/t/flandre/interventions/1">');
		const calendar = mail.attachments.find((a) => a.contentType === 'text/calendar');
		expect(calendar?.content.toString('utf8')).toMatch(/^METHOD:REQUEST\r?$/m);
		expect(calendar?.content.toString('utf8')).toContain('UID:intervention-1@mixite.example');
		const [row] = await outbox(database.db);
		expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
		expect(mail.messageId).toBe(row!.message_id);
		// Sent is sent: another pass sends nothing.
		expect(await deliverDue(database.db, transport, { now: new Date(Date.now() + 86_400_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
		expect(received('ines@college.example')).toHaveLength(1);
	});

	it('a message queued in the same millisecond as the pass is due: the database stamps microseconds, a Date milliseconds', async () => {
		const { database, t } = fresh();
		await enqueueMail(database.db, { territoryId: t.scope.territoryId, kind: 'invitation', to: 'meme-ms@example.org', subject: 'Invitation', text: 'Bonjour' });
		await database.db.execute(sql`update mail_outbox set next_attempt_at = '2031-03-12 08:30:00.123456+00'`);
		expect(await deliverDue(database.db, transport, { now: new Date('2031-03-12T08:30:00.122Z') })).toEqual({ sent: 0, retried: 0, failed: 0 });
		expect(await deliverDue(database.db, transport, { now: new Date('2031-03-12T08:30:00.123Z') })).toEqual({ sent: 1, retried: 0, failed: 0 });
		expect(received('meme-ms@example.org')).toHaveLength(1);
	});

	it('while the SMTP server is down messages stay pending with the error and a later attempt; once it is back each is delivered exactly once', async () => {
		const { database, t } = fresh();
		const to = ['a@down.example', 'b@down.example', 'c@down.example'];
		for (const address of to)
			await enqueueMail(database.db, { territoryId: t.scope.territoryId, kind: 'invitation', to: address, subject: 'Invitation', text: 'Bonjour' });
		await smtp.stop();
		const now = new Date();
		try {
			expect(await deliverDue(database.db, transport, { now })).toEqual({ sent: 0, retried: 3, failed: 0 });
		} finally {
			await smtp.start();
		}
		for (const row of await outbox(database.db)) {
			expect(row).toMatchObject({ status: 'pending', attempts: 1 });
			expect(row.last_error).toMatch(/ECONNREFUSED/);
			expect(new Date(row.next_attempt_at).getTime()).toBe(now.getTime() + BACKOFF_MS[0]!);
		}
		// Not due yet: nothing is sent before the back-off ends.
		expect(await deliverDue(database.db, transport, { now })).toEqual({ sent: 0, retried: 0, failed: 0 });
		expect(await deliverDue(database.db, transport, { now: new Date(now.getTime() + BACKOFF_MS[0]!) })).toEqual({ sent: 3, retried: 0, failed: 0 });
		expect(await deliverDue(database.db, transport, { now: new Date(now.getTime() + 86_400_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
		for (const address of to) expect(received(address)).toHaveLength(1);
		expect((await outbox(database.db)).map((r) => [r.status, r.attempts])).toEqual([
			['sent', 2],
			['sent', 2],
			['sent', 2]
		]);
	});

	it('the SMTP server’s refusal is kept as the error, the waits grow, and after the last attempt the message is failed', async () => {
		const { database, t } = fresh();
		await enqueueMail(database.db, { territoryId: t.scope.territoryId, kind: 'invitation', to: 'pleine@example.org', subject: 'Invitation', text: 'Bonjour' });
		smtp.rejectWith('452 4.2.2 Boîte aux lettres pleine');
		let now = new Date();
		const waits: number[] = [];
		try {
			for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
				await deliverDue(database.db, transport, { now });
				const [row] = await outbox(database.db);
				expect(row!.attempts).toBe(attempt);
				expect(row!.last_error).toContain('452');
				expect(row!.status).toBe(attempt < MAX_ATTEMPTS ? 'pending' : 'failed');
				waits.push(new Date(row!.next_attempt_at).getTime() - now.getTime());
				now = new Date(row!.next_attempt_at);
			}
		} finally {
			smtp.rejectWith(null);
		}
		expect(waits.slice(0, -1)).toEqual(BACKOFF_MS);
		// A failed message is not retried by the worker (a coordinator may send it again).
		expect(await deliverDue(database.db, transport, { now: new Date(now.getTime() + 7 * 86_400_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
		expect(received('pleine@example.org')).toEqual([]);
	});

	it('a message claimed by a sender that crashed becomes due again once its claim lapses', async () => {
		const { database, t } = fresh();
		await enqueueMail(database.db, { territoryId: t.scope.territoryId, kind: 'invitation', to: 'reprise@example.org', subject: 'Invitation', text: 'Bonjour' });
		const now = new Date();
		// A sender claimed it, then died before any answer.
		await database.db.execute(
			sql`update mail_outbox set status = 'sending', next_attempt_at = ${new Date(now.getTime() + CLAIM_LEASE_MS).toISOString()}::timestamptz`
		);
		expect(await deliverDue(database.db, transport, { now })).toEqual({ sent: 0, retried: 0, failed: 0 });
		expect(await deliverDue(database.db, transport, { now: new Date(now.getTime() + CLAIM_LEASE_MS) })).toEqual({ sent: 1, retried: 0, failed: 0 });
		expect(received('reprise@example.org')).toHaveLength(1);
	});

	it('two workers running at once (two connections on PostgreSQL) never send one message twice', async () => {
		const { database, t } = fresh();
		const count = 30;
		for (let i = 0; i < count; i++) {
			await enqueueMail(database.db, {
				territoryId: t.scope.territoryId,
				kind: 'invitation',
				to: `concurrent-${i}@example.org`,
				subject: 'Invitation',
				text: 'Bonjour'
			});
		}
		const second = createMailTransport(smtp.url);
		try {
			const run = async (tr: MailTransport) => {
				let sent = 0;
				for (;;) {
					const report = await deliverDue(database.db, tr, { limit: 3 });
					if (report.sent === 0) return sent;
					sent += report.sent;
				}
			};
			const [a, b] = await Promise.all([run(transport), run(second)]);
			expect(a + b).toBe(count);
			if (testDbKind() === 'postgres') expect(Math.min(a, b)).toBeGreaterThan(0);
		} finally {
			second.close();
		}
		for (let i = 0; i < count; i++) expect(received(`concurrent-${i}@example.org`)).toHaveLength(1);
		expect(new Set((await outbox(database.db)).map((r) => r.status))).toEqual(new Set(['sent']));
	});
});
