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
import { applyRetention } from '../privacy/privacy.usecases';
import { ValidationError } from '../shared/errors';
import { createAuth } from './auth';
import { accountOverview, deactivateAccount, exportMyData, exportMyDataDocument, requestErasure, signIn } from './accounts.usecases';
import { acceptInvitation, invitationOverview, inviteUser } from './accounts.invitations';
import { loadPrincipal } from './accounts.repository';
import { blockedFor, recordFailure, throttleKey } from './throttle';
import { adminActor } from '../../../../tests/support/actors';

let database: Database;
let auth: ReturnType<typeof createAuth>;
let t: Awaited<ReturnType<typeof defaultTerritory>>;
let dataDir: string;
const coordinator = adminActor('coord-1', { label: 'coordination@example.org', ip: '10.0.0.1' });
const password = 'une longue phrase de passe';

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
	return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-mail-'));
	process.env.DATA_DIR = dataDir;
	database = await createTestDatabase();
	t = await defaultTerritory(database.db);
	auth = createAuth(database.db, { baseURL: 'http://localhost:3000', secret: 'test-secret-test-secret-test-secret' });
});
afterAll(() => database.close());

async function invitePartner(email: string) {
	const capital = (await listOrganisations(database.db, t.scope)).find((o) => o.name === 'Capital Filles')!;
	const { link } = await inviteUser(database.db, t.scope, coordinator, { email, role: 'partner', organisationId: String(capital.id) }, 'http://localhost:3000');
	return { link, token: link.split('/invitation/')[1]!, organisationId: capital.id };
}

describe('invitations by e-mail', () => {
	it('a coordinator invites a partner: the e-mail carries a personal link that creates her verified account once', async () => {
		const { token, organisationId } = await invitePartner('lea@capital-filles.example');
		const mail = await lastMail(dataDir, 'lea@capital-filles.example', { db: database.db });
		expect(mail).toMatch(/^To: lea@capital-filles\.example$/m);
		expect(mail).toContain(`http://localhost:3000/invitation/${token}`);
		const [territory] = await rows<{ slug: string; name: string }>(sql`select slug, name from territories where id = ${t.scope.territoryId}`);
		expect(await invitationOverview(database.db, token)).toEqual({
			email: 'lea@capital-filles.example',
			role: 'partner',
			territory: territory!.name,
			slug: territory!.slug,
			hasAccount: false,
			// A partner has no role-model profile: the form does not guess her name.
			name: ''
		});
		const accepted = await acceptInvitation(database.db, auth, token, { name: 'Léa Martin', password, passwordConfirm: password });
		// The new member lands on her territory's page.
		expect(accepted.territorySlug).toBe(territory!.slug);
		expect(await invitationOverview(database.db, token)).toBeNull();
		const [account] = await rows<{ id: string; email_verified: boolean }>(
			sql`select id, email_verified from "user" where email = 'lea@capital-filles.example'`
		);
		expect(account?.email_verified).toBe(true);
		const principal = await loadPrincipal(database.db, account!.id);
		expect(principal?.roles).toEqual([{ territoryId: t.scope.territoryId, role: 'partner', organisationId }]);
		const overview = await accountOverview(
			database.db,
			{ name: 'Léa Martin', email: 'lea@capital-filles.example', twoFactorEnabled: false, emailVerified: true },
			principal
		);
		expect(overview.roles).toEqual([{ role: 'partner', slug: territory!.slug, name: territory!.name }]);
		await expect(acceptInvitation(database.db, auth, token, { name: 'Eve', password, passwordConfirm: password })).rejects.toBeInstanceOf(ValidationError);
		const [audit] = await rows<{ actor_user_id: string; ip: string; action: string }>(
			sql`select actor_user_id, ip, action from audit_events where entity_type = 'invitation'`
		);
		expect(audit).toEqual({ actor_user_id: 'coord-1', ip: '10.0.0.1', action: 'invite' });
	});

	it('a partner must belong to an organisation of the territory, and common passwords are refused', async () => {
		const error = await inviteUser(database.db, t.scope, coordinator, { email: 'x@example.org', role: 'partner', organisationId: '' }, 'http://x').catch(
			(e) => e
		);
		expect((error as ValidationError).fields.organisationId?.key).toBe('validation.partner_needs_organisation');
		// Whatever is posted in place of an organisation id gets the French message, never zod's English one.
		for (const organisationId of ['abc', '1.5', '-3']) {
			const bad = await inviteUser(database.db, t.scope, coordinator, { email: 'x@example.org', role: 'partner', organisationId }, 'http://x').catch((e) => e);
			expect((bad as ValidationError).fields.organisationId?.key).toBe('validation.integer');
		}
		const { token } = await invitePartner('weak@example.org');
		const weak = await acceptInvitation(database.db, auth, token, { name: 'W', password: 'password1234', passwordConfirm: 'password1234' }).catch((e) => e);
		expect((weak as ValidationError).fields.password?.key).toBe('validation.password_common');
	});
});

describe('sign-in throttling', () => {
	it('blocks an account for a while after repeated failures, without a permanent lock-out', async () => {
		const key = throttleKey('account', 'someone@example.org');
		const now = new Date('2026-11-20T10:00:00Z');
		for (let i = 0; i < 5; i++) await recordFailure(database.db, 'account', key, now);
		expect(await blockedFor(database.db, key, now)).toBe(0);
		await recordFailure(database.db, 'account', key, now);
		expect(await blockedFor(database.db, key, now)).toBe(60_000);
		expect(await blockedFor(database.db, key, new Date(now.getTime() + 61_000))).toBe(0);
	});

	it('a throttled account is refused with a French message even with the right password', async () => {
		const email = 'lea@capital-filles.example';
		for (let i = 0; i < 6; i++) await signIn(database.db, auth, { email, password: 'mauvais mot de passe' }, new Headers(), `192.0.2.${i}`).catch(() => null);
		const error = await signIn(database.db, auth, { email, password }, new Headers(), '192.0.2.99').catch((e) => e);
		expect((error as ValidationError).fields._form?.key).toBe('auth.throttled');
		await database.db.execute(sql`delete from sign_in_throttle`);
	});
});

describe('deactivation, personal data and retention', () => {
	it('deactivating an account (platform administrator) ends its sessions server-side and it can no longer act', async () => {
		const [lea] = await rows<{ id: string }>(sql`select id from "user" where email = 'lea@capital-filles.example'`);
		await signIn(database.db, auth, { email: 'lea@capital-filles.example', password }, new Headers(), '192.0.2.200');
		expect((await rows(sql`select id from session where user_id = ${lea!.id}`)).length).toBeGreaterThan(0);
		await deactivateAccount(database.db, { userId: 'admin-1', platformAdmin: true, roles: [] }, adminActor('admin-1', { label: 'admin@example.org' }), lea!.id);
		expect(await rows(sql`select id from session where user_id = ${lea!.id}`)).toHaveLength(0);
		expect(await loadPrincipal(database.db, lea!.id)).toBeNull();
		const refused = await signIn(database.db, auth, { email: 'lea@capital-filles.example', password }, new Headers(), '192.0.2.201').catch((e) => e);
		expect(refused).toBeInstanceOf(ValidationError);
	});

	it('a person downloads her data, asks for erasure, and `mixite retention` anonymises her', async () => {
		const { token } = await invitePartner('nina@example.org');
		await acceptInvitation(database.db, auth, token, { name: 'Nina Petit', password, passwordConfirm: password });
		const [nina] = await rows<{ id: string }>(sql`select id from "user" where email = 'nina@example.org'`);
		const data = await exportMyData(database.db, nina!.id);
		expect(data.account).toMatchObject({ name: 'Nina Petit', email: 'nina@example.org' });
		expect(data.roles).toHaveLength(1);
		const document = JSON.parse(await exportMyDataDocument(database.db, nina!.id, new Date('2026-03-01T10:00:00Z')));
		expect(document).toMatchObject({ exportedAt: '2026-03-01T10:00:00.000Z', account: { name: 'Nina Petit', email: 'nina@example.org' } });
		expect(document.roles).toHaveLength(1);
		await requestErasure(database.db, nina!.id);
		await database.db.execute(sql`insert into session (id, token, user_id, expires_at) values ('old', 'old-token', ${nina!.id}, now() - interval '30 days')`);
		await applyRetention(database.db);
		const [after] = await rows<{ name: string; email: string }>(sql`select name, email from "user" where id = ${nina!.id}`);
		expect(after).toEqual({ name: 'Compte effacé', email: `efface-${nina!.id}@invalid` });
		expect(await rows(sql`select id from session where user_id = ${nina!.id}`)).toHaveLength(0);
		expect(await rows(sql`select 1 from account where user_id = ${nina!.id}`)).toHaveLength(0);
		expect(await rows(sql`select 1 from audit_events where actor_label = 'nina@example.org'`)).toHaveLength(0);
	});
});

describe('e-mail verification and password reset', () => {
	it('the first coordinator receives a verification link that verifies her address', async () => {
		const { completeSetup, createSetupLink } = await import('./accounts.usecases');
		const link = await createSetupLink(database.db, t.scope.territoryId, 'http://localhost:3000');
		await completeSetup(database.db, auth, link.split('/installation/')[1]!, {
			name: 'Claire',
			email: 'claire@capso.example',
			password,
			passwordConfirm: password
		});
		const mail = await lastMail(dataDir, 'claire@capso.example', { db: database.db });
		const token = new URL(/http:\/\/localhost:3000\/verifier-email\?token=\S+/.exec(mail)![0]).searchParams.get('token')!;
		const [before] = await rows<{ email_verified: boolean }>(sql`select email_verified from "user" where email = 'claire@capso.example'`);
		expect(before?.email_verified).toBe(false);
		await auth.api.verifyEmail({ query: { token } });
		const [after] = await rows<{ email_verified: boolean }>(sql`select email_verified from "user" where email = 'claire@capso.example'`);
		expect(after?.email_verified).toBe(true);
	});

	it('a password reset link changes the password once and closes every session', async () => {
		await signIn(database.db, auth, { email: 'claire@capso.example', password }, new Headers(), '198.51.100.1');
		const [claire] = await rows<{ id: string }>(sql`select id from "user" where email = 'claire@capso.example'`);
		expect((await rows(sql`select id from session where user_id = ${claire!.id}`)).length).toBeGreaterThan(0);
		await auth.api.requestPasswordReset({ body: { email: 'claire@capso.example', redirectTo: 'http://localhost:3000/mot-de-passe/nouveau' } });
		const mail = await lastMail(dataDir, 'claire@capso.example', { db: database.db });
		const token = new URL(/http:\/\/localhost:3000\/mot-de-passe\/nouveau\?token=\S+/.exec(mail)![0]).searchParams.get('token')!;
		const next = 'un tout nouveau mot de passe';
		await auth.api.resetPassword({ body: { newPassword: next, token } });
		expect(await rows(sql`select id from session where user_id = ${claire!.id}`)).toHaveLength(0);
		await expect(auth.api.resetPassword({ body: { newPassword: 'encore un autre mot de passe', token } })).rejects.toThrow();
		const signed = await signIn(database.db, auth, { email: 'claire@capso.example', password: next }, new Headers(), '198.51.100.2');
		expect(signed.headers.get('set-cookie')).toMatch(/session_token/);
	});
});

describe('two-step verification', () => {
	const cookieOf = (headers: Headers) =>
		new Headers({
			cookie: headers
				.getSetCookie()
				.map((c) => c.split(';')[0])
				.join('; ')
		});

	it('once turned on, signing in asks for a TOTP code, and each backup code works once', async () => {
		const { verifyTotpCode } = await import('./accounts.totp');
		const { totp } = await import('../../../../tests/support/totp');
		const { token } = await invitePartner('sam@example.org');
		const created = await acceptInvitation(database.db, auth, token, { name: 'Sam Lefèvre', password, passwordConfirm: password });
		const enabled = await auth.api.enableTwoFactor({ body: { password }, headers: cookieOf(created.headers) });
		if (!('totpURI' in enabled)) throw new Error('no TOTP');
		const secret = new URL(enabled.totpURI).searchParams.get('secret')!;
		await verifyTotpCode(database.db, auth, { code: totp(secret) }, cookieOf(created.headers));
		const [user] = await rows<{ two_factor_enabled: boolean }>(sql`select two_factor_enabled from "user" where email = 'sam@example.org'`);
		expect(user?.two_factor_enabled).toBe(true);

		const first = await signIn(database.db, auth, { email: 'sam@example.org', password }, new Headers(), '203.0.113.1');
		expect(first.twoFactor).toBe(true);
		expect(first.headers.getSetCookie().some((c) => /session_token=[^;]+;/.test(c) && !/Max-Age=0/i.test(c))).toBe(false);
		await expect(verifyTotpCode(database.db, auth, { code: '000000' }, cookieOf(first.headers))).rejects.toBeInstanceOf(ValidationError);
		// The code that turned two-factor on is used up (each code works once): the app's next code, within the accepted drift.
		const done = await verifyTotpCode(database.db, auth, { code: totp(secret, Date.now() + 30_000) }, cookieOf(first.headers));
		expect(done.headers.getSetCookie().join()).toMatch(/session_token=/);

		const backup = enabled.backupCodes[0]!;
		const second = await signIn(database.db, auth, { email: 'sam@example.org', password }, new Headers(), '203.0.113.2');
		await verifyTotpCode(database.db, auth, { code: backup.replace('-', '') }, cookieOf(second.headers));
		const third = await signIn(database.db, auth, { email: 'sam@example.org', password }, new Headers(), '203.0.113.3');
		await expect(verifyTotpCode(database.db, auth, { code: backup }, cookieOf(third.headers))).rejects.toBeInstanceOf(ValidationError);
	});
});

describe('inactivity timeout', () => {
	it('a session idle for more than an hour is ended server-side; an active one is kept and marked used', async () => {
		const { keepSessionAlive } = await import('./accounts.usecases');
		const [someone] = await rows<{ id: string }>(sql`select id from "user" where deactivated_at is null limit 1`);
		const now = new Date('2026-11-20T12:00:00Z');
		await database.db.execute(sql`insert into session (id, token, user_id, expires_at, updated_at) values
			('idle', 'idle-token', ${someone!.id}, ${new Date(now.getTime() + 3_600_000).toISOString()}, ${new Date(now.getTime() - 61 * 60_000).toISOString()}),
			('busy', 'busy-token', ${someone!.id}, ${new Date(now.getTime() + 3_600_000).toISOString()}, ${new Date(now.getTime() - 5 * 60_000).toISOString()})`);
		expect(await keepSessionAlive(database.db, { id: 'idle', updatedAt: new Date(now.getTime() - 61 * 60_000) }, now)).toBe(false);
		expect(await rows(sql`select id from session where id = 'idle'`)).toHaveLength(0);
		expect(await keepSessionAlive(database.db, { id: 'busy', updatedAt: new Date(now.getTime() - 5 * 60_000) }, now)).toBe(true);
		const [busy] = await rows<{ updated_at: string | Date }>(sql`select updated_at from session where id = 'busy'`);
		expect(new Date(busy!.updated_at).toISOString()).toBe(now.toISOString());
	});
});
