import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { defaultTerritory, otherTerritory } from '../../../../tests/support/fixtures';
import { territoryRoles, user } from '../accounts/accounts.table';
import type { Database } from '../db/client';
import { organisations } from '../organisations/organisations.table';
import { createAgreement, sendRenewalReminders, updateAgreement } from './agreements.usecases';
import { adminActor } from '../../../../tests/support/actors';

const actor = adminActor('coordinatrice');
const today = '2031-03-01';
let database: Database;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let other: Awaited<ReturnType<typeof otherTerritory>>;
let party: { id: number; name: string };
let otherParty: number;

async function rows<T>(query: SQL): Promise<T[]> {
	return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function reminderSentAt(id: number): Promise<string | null> {
	const [row] = await rows<{ at: string | null }>(sql`select reminder_sent_at::text as at from agreements where id = ${id}`);
	return row!.at;
}

function agreementEnding(endsOn: string | null, overrides: Record<string, unknown> = {}) {
	return {
		title: `Convention jusqu’au ${endsOn ?? '—'}`,
		object: 'Partenariat pour des interventions en collège',
		startsOn: '2028-09-01',
		endsOn,
		reminderDays: 60,
		partyIds: [party.id],
		...overrides
	};
}

interface Queued {
	to: string;
	subject: string;
	text: string;
	kind: string;
	territory_id: number;
}

/** Runs the reminders; `mails` are the messages this run wrote to the outbox. */
async function runReminders() {
	const [{ last }] = (await rows<{ last: number }>(sql`select coalesce(max(id), 0)::int as last from mail_outbox`)) as [{ last: number }];
	const report = await sendRenewalReminders(database.db, { today });
	const mails = await rows<Queued>(
		sql`select to_address as "to", subject, text_body as text, kind, territory_id from mail_outbox where id > ${last} order by id`
	);
	return { report, mails };
}

async function addUser(id: string, email: string, territoryId: number, role: string, deactivated = false) {
	await database.db.insert(user).values({ id, name: id, email, deactivatedAt: deactivated ? new Date() : null });
	await database.db.insert(territoryRoles).values({ userId: id, territoryId, role });
}

beforeAll(async () => {
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
	other = await otherTerritory(database.db);
	const [first] = await rows<{ id: number; name: string }>(
		sql`select id, name from organisations where territory_id = ${t.scope.territoryId} order by id limit 1`
	);
	party = first!;
	const [o] = await database.db
		.insert(organisations)
		.values({ territoryId: other.scope.territoryId, name: 'Structure voisine', kind: 'association' })
		.returning();
	otherParty = o!.id;
	await addUser('claire', 'claire@example.org', t.scope.territoryId, 'coordinator');
	await addUser('amina', 'amina@example.org', t.scope.territoryId, 'coordinator');
	await addUser('partie', 'ancienne@example.org', t.scope.territoryId, 'coordinator', true);
	await addUser('paul', 'paul@example.org', t.scope.territoryId, 'partner');
});
afterAll(() => database.close());

describe('renewal reminders', () => {
	it('coordinators get one French e-mail per agreement whose end is within its reminder window, and never a second one', async () => {
		const due = await createAgreement(database.db, t.scope, actor, agreementEnding('2031-04-10'));
		const endsToday = await createAgreement(database.db, t.scope, actor, agreementEnding('2031-03-01', { reminderDays: 0 }));
		const later = await createAgreement(database.db, t.scope, actor, agreementEnding('2031-06-30'));
		const ended = await createAgreement(database.db, t.scope, actor, agreementEnding('2031-02-28'));
		const openEnded = await createAgreement(database.db, t.scope, actor, agreementEnding(null, { startsOn: null }));

		const { report, mails } = await runReminders();
		expect(report.sent.map((s) => s.agreementId)).toEqual([endsToday.id, due.id]);
		// One message per coordinator (the deactivated one gets none), in the outbox of the territory.
		expect(mails.map((m) => m.to)).toEqual(['amina@example.org', 'claire@example.org', 'amina@example.org', 'claire@example.org']);
		expect(new Set(mails.map((m) => `${m.kind} ${m.territory_id}`))).toEqual(new Set([`agreement_reminder ${t.scope.territoryId}`]));
		const mail = mails[3]!;
		expect(mail.subject).toBe('Convention « Convention jusqu’au 2031-04-10 » : échéance le 10 avril 2031');
		expect(mail.text).toContain('arrive à échéance le 10 avril 2031');
		expect(mail.text).toContain(`Structures signataires : ${party.name}.`);
		expect(mail.text).toContain(
			`/t/${(await rows<{ slug: string }>(sql`select slug from territories where id = ${t.scope.territoryId}`))[0]!.slug}/conventions/${due.id}`
		);

		expect(await reminderSentAt(due.id)).not.toBeNull();
		expect(await reminderSentAt(endsToday.id)).not.toBeNull();
		for (const quiet of [later, ended, openEnded]) expect(await reminderSentAt(quiet.id)).toBeNull();
		const audit = await rows<{ entity_id: string; actor_user_id: string; after: { recipients: number } }>(
			sql`select entity_id, actor_user_id, after from audit_events where action = 'remind' order by id`
		);
		expect(audit).toEqual([
			{ entity_id: String(endsToday.id), actor_user_id: 'system', after: expect.objectContaining({ recipients: 2 }) },
			{ entity_id: String(due.id), actor_user_id: 'system', after: expect.objectContaining({ recipients: 2 }) }
		]);

		const again = await runReminders();
		expect(again.report.sent).toEqual([]);
		expect(again.mails).toEqual([]);
	});

	it('a new end date is a new term: the reminder goes out again; editing anything else does not re-arm it', async () => {
		const created = await createAgreement(database.db, t.scope, actor, agreementEnding('2031-04-15'));
		await runReminders();
		await updateAgreement(database.db, t.scope, actor, created.id, 1, agreementEnding('2031-04-15', { title: 'Intitulé corrigé' }));
		expect(await reminderSentAt(created.id)).not.toBeNull();
		await updateAgreement(database.db, t.scope, actor, created.id, 2, agreementEnding('2031-04-30', { title: 'Avenant de prolongation' }));
		expect(await reminderSentAt(created.id)).toBeNull();
		const { report, mails } = await runReminders();
		expect(report.sent.map((s) => s.agreementId)).toEqual([created.id]);
		expect(mails[0]!.subject).toContain('Avenant de prolongation');
	});

	it('the reminder and its e-mails commit together: a run that fails midway leaves the agreement due and no message', async () => {
		const created = await createAgreement(database.db, t.scope, actor, agreementEnding('2031-03-20'));
		// The outbox refuses a second message of this run: the transaction rolls back after the first was written.
		await database.exec(`create function refuse_second() returns trigger language plpgsql as $$ begin
			if exists (select 1 from mail_outbox where kind = 'agreement_reminder' and subject like '%2031-03-20%') then raise exception 'outbox refusée'; end if;
			return new; end $$;
			create trigger refuse_second before insert on mail_outbox for each row execute function refuse_second()`);
		try {
			const failed = await runReminders();
			expect(failed.report.failed).toEqual([expect.objectContaining({ agreementId: created.id })]);
			expect(failed.mails).toEqual([]);
		} finally {
			await database.exec(`drop trigger refuse_second on mail_outbox; drop function refuse_second()`);
		}
		expect(await reminderSentAt(created.id)).toBeNull();
		expect(await rows(sql`select 1 from audit_events where action = 'remind' and entity_id = ${String(created.id)}`)).toHaveLength(0);
		const retried = await runReminders();
		expect(retried.report.sent.map((s) => s.agreementId)).toEqual([created.id]);
		expect(retried.mails).toHaveLength(2);
	});

	it('a territory without a coordinator is reported, its agreement staying due until someone can be told', async () => {
		const neighbour = await createAgreement(database.db, other.scope, actor, agreementEnding('2031-04-01', { partyIds: [otherParty] }));
		const { report, mails } = await runReminders();
		expect(report.noCoordinator).toEqual([expect.objectContaining({ agreementId: neighbour.id, territory: 'Autre territoire' })]);
		expect(mails).toEqual([]);
		expect(await reminderSentAt(neighbour.id)).toBeNull();

		await addUser('voisine', 'voisine@example.org', other.scope.territoryId, 'coordinator');
		const next = await runReminders();
		expect(next.report.sent.map((s) => [s.agreementId, s.recipients])).toEqual([[neighbour.id, ['voisine@example.org']]]);
		expect(await reminderSentAt(neighbour.id)).not.toBeNull();
	});
});
