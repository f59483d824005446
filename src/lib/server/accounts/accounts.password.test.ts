import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db';
import { defaultTerritory } from '../../../../tests/support/fixtures';
import { lastMail } from '../../../../tests/support/outbox';
import type { Database } from '../db/client';
import { listOrganisations } from '../organisations/organisations.repository';
import { ValidationError } from '../shared/errors';
import { createAuth } from './auth';
import { changePassword, completeSetup, createSetupLink, requestPasswordReset, signIn } from './accounts.usecases';
import { inviteUser } from './accounts.invitations';
import { THROTTLE_RULES } from './throttle';
import { adminActor } from '../../../../tests/support/actors';

let database: Database;
let auth: ReturnType<typeof createAuth>;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let dataDir: string;
const password = 'une phrase de passe solide';

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
	return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}
const cookieOf = (headers: Headers) =>
	new Headers({
		cookie: headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ')
	});

beforeAll(async () => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-password-'));
	process.env.DATA_DIR = dataDir;
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
	auth = createAuth(database.db, { baseURL: 'http://localhost:3000', secret: 'test-secret-test-secret-test-secret' });
});
afterAll(async () => {
	await database.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('changing one’s password in "Mon compte"', () => {
	it('asks for the current password, applies the password rules, ends the other sessions and is audited', async () => {
		const link = await createSetupLink(database.db, t.scope.territoryId, 'http://localhost:3000');
		const created = await completeSetup(database.db, auth, link.split('/installation/')[1]!, {
			name: 'Claire Dubois',
			email: 'claire@example.org',
			password,
			passwordConfirm: password
		});
		const [claire] = await rows<{ id: string }>(sql`select id from "user" where email = 'claire@example.org'`);
		const person = { id: claire!.id, name: 'Claire Dubois', email: 'claire@example.org' };
		const actor = adminActor(claire!.id, { label: 'claire@example.org', ip: '192.0.2.1' });
		await signIn(database.db, auth, { email: person.email, password }, new Headers(), '192.0.2.2'); // another device
		expect((await rows(sql`select id from session where user_id = ${claire!.id}`)).length).toBe(2);
		const next = 'un tout autre mot de passe';

		const wrong = await changePassword(
			database.db,
			auth,
			person,
			actor,
			{ currentPassword: 'pas le bon mot de passe', password: next, passwordConfirm: next },
			cookieOf(created.headers)
		).catch((e) => e);
		expect((wrong as ValidationError).fields.currentPassword?.key).toBe('auth.password_incorrect');
		const short = await changePassword(
			database.db,
			auth,
			person,
			actor,
			{ currentPassword: password, password: 'court', passwordConfirm: 'court' },
			cookieOf(created.headers)
		).catch((e) => e);
		expect((short as ValidationError).fields.password?.key).toBe('validation.password_short');
		const personal = await changePassword(
			database.db,
			auth,
			person,
			actor,
			{ currentPassword: password, password: 'claire dubois 2026', passwordConfirm: 'claire dubois 2026' },
			cookieOf(created.headers)
		).catch((e) => e);
		expect((personal as ValidationError).fields.password?.key).toBe('validation.password_common');
		expect((await rows(sql`select id from session where user_id = ${claire!.id}`)).length).toBe(2);

		const { headers } = await changePassword(
			database.db,
			auth,
			person,
			actor,
			{ currentPassword: password, password: next, passwordConfirm: next },
			cookieOf(created.headers)
		);
		expect(headers.getSetCookie().join()).toMatch(/session_token=/);
		expect((await rows(sql`select id from session where user_id = ${claire!.id}`)).length).toBe(1);
		expect(await rows(sql`select action, territory_id from audit_events where entity_id = ${claire!.id} and action = 'change_password'`)).toEqual([
			{ action: 'change_password', territory_id: t.scope.territoryId }
		]);
		const old = await signIn(database.db, auth, { email: person.email, password }, new Headers(), '192.0.2.3').catch((e) => e);
		expect((old as ValidationError).fields._form?.key).toBe('auth.invalid');
		await signIn(database.db, auth, { email: person.email, password: next }, new Headers(), '192.0.2.4');
	});
});

describe('invitation e-mails', () => {
	it('say who invites, to which territory, in which role and for which organisation', async () => {
		const [claire] = await rows<{ id: string }>(sql`select id from "user" where email = 'claire@example.org'`);
		const capital = (await listOrganisations(database.db, t.scope)).find((o) => o.name === 'Capital Filles')!;
		await inviteUser(
			database.db,
			t.scope,
			adminActor(claire!.id, { label: 'claire@example.org' }),
			{ email: 'lea@example.org', role: 'partner', organisationId: String(capital.id) },
			'http://localhost:3000'
		);
		const mail = await lastMail(dataDir, 'lea@example.org', { db: database.db });
		const [territory] = await rows<{ name: string }>(sql`select name from territories where id = ${t.scope.territoryId}`);
		expect(mail).toContain(`Claire Dubois vous invite à rejoindre l’espace « ${territory!.name} » sur Mixité Industrie`);
		expect(mail).toContain('« Partenaire » pour Capital Filles');
	});
});

describe('password-reset requests', () => {
	it('every request counts, blocked ones too (docs/security.md): asking again while blocked keeps the block on', async () => {
		const now = new Date('2026-11-20T10:00:00Z');
		const ask = (at: Date) => requestPasswordReset(database.db, auth, { email: 'nobody@example.org' }, '198.51.100.9', 'http://localhost:3000', at);
		for (let i = 0; i < THROTTLE_RULES.reset.free; i++) expect(await ask(now)).toEqual({ sent: true });
		expect(await ask(now)).toEqual({ sent: false, waitMs: 60_000 });
		// 50 s later, still blocked: this refused request counts and doubles the block.
		const later = new Date(now.getTime() + 50_000);
		expect(await ask(later)).toEqual({ sent: false, waitMs: 120_000 });
		const [row] = await rows<{ failures: number }>(sql`select failures from sign_in_throttle where key = 'reset:198.51.100.9'`);
		expect(row?.failures).toBe(THROTTLE_RULES.reset.free + 2);
	});
});
