import { todayInParis } from '../shared/paris-time';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorOf, adminActor } from '../../../../tests/support/actors';
import { defaultTerritory, otherTerritory, validationFields, rows } from '../../../../tests/support/fixtures';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import { createAuth } from '../accounts/auth';
import { acceptInvitation, invitationOverview } from '../accounts/accounts.invitations';
import { user } from '../accounts/accounts.table';
import type { Db } from '../db/client';
import { listOrganisations } from '../organisations/organisations.repository';
import { NotFoundError, ValidationError } from '../shared/errors';
import {
	addAvailability,
	createNetwork,
	createRoleModel,
	inviteRoleModel,
	myRoleModelProfile,
	removeAvailability,
	roleModelDirectory,
	setPublicConsent,
	setRoleModelActive,
	updateRoleModel,
	viewRoleModel
} from './role-models.usecases';

// Invitations are written where mail goes without SMTP: a throw-away directory, not the repository's data/.
process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-role-models-'));

const coordinator = adminActor('coordinatrice', { label: 'coordination@capso.example' });
const fresh = freshDatabasePerTest(async (database) => ({ t: await defaultTerritory(database.db) }));

async function networkId(db: Db, name: string) {
	const [row] = await rows<{ id: number }>(db, sql`select id from networks where name = ${name}`);
	return row!.id;
}

async function sophie(db: Db, scope: { territoryId: number }, overrides: Record<string, unknown> = {}) {
	const arc = (await listOrganisations(db, scope)).find((o) => o.name === 'Arc France')!;
	return createRoleModel(db, scope, coordinator, {
		firstName: 'Sophie',
		lastName: 'Lefebvre',
		email: 'Sophie.Lefebvre@arc.example',
		job: 'Ingénieure procédés verre',
		organisationId: String(arc.id),
		sector: 'Verre',
		trainingPath: 'Bac STI2D, BTS, école d’ingénieurs en alternance',
		networkIds: [String(await networkId(db, 'Verr’Elles'))],
		reachEpcis: [],
		reachCommunes: ['62765', '62040'],
		preferredAudiences: ['girls'],
		preferredLevels: ['college', 'lycee_pro'],
		languages: 'fr, en',
		...overrides
	});
}

/** A woman with an account holding the role-model role in the territory. */
async function roleModelAccount(db: Db, territoryId: number, id: string, email: string) {
	await db.insert(user).values({ id, name: id, email });
	return actorOf({ userId: id, platformAdmin: false, roles: [{ territoryId, role: 'role_model', organisationId: null }] }, { label: email });
}

describe('role-model profiles', () => {
	it('a coordinator creates a profile with its networks, reach and preferences, and the audit trail records it', async () => {
		const { database, t } = fresh();
		const created = await sophie(database.db, t.scope);
		const [stored] = await rows<{ email: string; reach_communes: string[]; languages: string[]; active: boolean }>(
			database.db,
			sql`select email, reach_communes, languages, active from role_model_profiles where id = ${created.id}`
		);
		expect(stored).toEqual({ email: 'sophie.lefebvre@arc.example', reach_communes: ['62765', '62040'], languages: ['fr', 'en'], active: true });
		const members = await rows<{ name: string }>(
			database.db,
			sql`select n.name from role_model_networks m join networks n on n.id = m.network_id where m.profile_id = ${created.id}`
		);
		expect(members.map((m) => m.name)).toEqual(['Verr’Elles']);
		const trail = await rows<{ action: string; entity_type: string }>(
			database.db,
			sql`select action, entity_type from audit_events where entity_type = 'role_model'`
		);
		expect(trail).toEqual([{ action: 'create', entity_type: 'role_model' }]);
	});

	it('bad input gets a French message key next to each field and creates nothing', async () => {
		const { database, t } = fresh();
		const fields = await validationFields(
			sophie(database.db, t.scope, {
				firstName: '',
				email: 'pas-une-adresse',
				languages: 'français',
				preferredAudiences: ['girls', 'martians'],
				reachCommunes: ['59350']
			})
		);
		expect(fields).toMatchObject({
			firstName: 'validation.required',
			email: 'validation.email',
			languages: 'validation.role_model_languages',
			preferredAudiences: 'validation.enum'
		});
		// A commune of another territory: checked against the territory once the form is well-formed.
		expect(await validationFields(sophie(database.db, t.scope, { reachCommunes: ['59350'] }))).toEqual({ reachCommunes: 'validation.organisation_commune' });
		const [count] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from role_model_profiles`);
		expect(count!.n).toBe(0);
	});

	it('the list filters by network and counts active profiles; a deactivated profile is kept, never deleted', async () => {
		const { database, t } = fresh();
		const a = await sophie(database.db, t.scope);
		await sophie(database.db, t.scope, {
			firstName: 'Inès',
			lastName: 'Bouaziz',
			email: 'ines@capital-filles.example',
			networkIds: [String(await networkId(database.db, 'Capital Filles'))]
		});
		await setRoleModelActive(database.db, t.scope, coordinator, a.id, false);
		const verrElles = await networkId(database.db, 'Verr’Elles');
		const all = await roleModelDirectory(database.db, t.scope, coordinator, new URLSearchParams());
		expect(all.rows.map((r) => r.lastName)).toEqual(['Bouaziz']);
		expect(all.counts.active).toBe(1);
		expect(all.counts.inactive).toBe(1);
		const withInactive = await roleModelDirectory(database.db, t.scope, coordinator, new URLSearchParams({ network: String(verrElles), inactive: '1' }));
		expect(withInactive.rows.map((r) => [r.lastName, r.active])).toEqual([['Lefebvre', false]]);
		const [count] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from role_model_profiles`);
		expect(count!.n).toBe(2);
	});

	it('availability rows are added and removed, bad slots refused next to the field', async () => {
		const { database, t } = fresh();
		const p = await sophie(database.db, t.scope);
		await addAvailability(database.db, t.scope, coordinator, { id: p.id }, { kind: 'weekly', weekday: '2', startTime: '14:00', endTime: '17:00' });
		await addAvailability(database.db, t.scope, coordinator, { id: p.id }, { kind: 'away', fromDate: '2026-02-09', toDate: '2026-02-20' });
		expect(
			await validationFields(
				addAvailability(database.db, t.scope, coordinator, { id: p.id }, { kind: 'weekly', weekday: '2', startTime: '17:00', endTime: '09:00' })
			)
		).toEqual({
			endTime: 'validation.role_model_time_order'
		});
		expect(await validationFields(addAvailability(database.db, t.scope, coordinator, { id: p.id }, { kind: 'date', onDate: '2026-02-30' }))).toEqual({
			onDate: 'validation.date'
		});
		const view = await viewRoleModel(database.db, t.scope, coordinator, { id: p.id });
		expect(view.availability.map((a) => a.kind).sort()).toEqual(['away', 'weekly']);
		await removeAvailability(database.db, t.scope, coordinator, { id: p.id }, { slotId: String(view.availability.find((a) => a.kind === 'away')!.id) });
		const after = await viewRoleModel(database.db, t.scope, coordinator, { id: p.id });
		expect(after.availability.map((a) => [a.kind, a.weekday, a.startTime, a.endTime])).toEqual([['weekly', 2, '14:00', '17:00']]);
	});

	it('an invited woman finds her profile linked on "Mon profil", edits it and gives then withdraws her public consent, each dated and audited', async () => {
		const { database, t } = fresh();
		const p = await sophie(database.db, t.scope);
		const invitation = await inviteRoleModel(database.db, t.scope, coordinator, p.id, 'http://localhost:5173');
		const [stored] = await rows<{ email: string; role: string }>(database.db, sql`select email, role from invitations where id = ${invitation.id}`);
		expect(stored).toEqual({ email: 'sophie.lefebvre@arc.example', role: 'role_model' });
		// The coordinator sees she was invited today, and is offered to send it again rather than a first time.
		const today = todayInParis();
		expect((await viewRoleModel(database.db, t.scope, coordinator, { id: p.id })).profile.invitedAt).toBe(today);
		expect((await roleModelDirectory(database.db, t.scope, coordinator, new URLSearchParams())).rows.find((r) => r.id === p.id)?.invitedAt).toBe(today);

		const her = await roleModelAccount(database.db, t.scope.territoryId, 'sophie', 'sophie.lefebvre@arc.example');
		const mine = await myRoleModelProfile(database.db, t.scope, her);
		expect(mine?.profile.id).toBe(p.id);
		const [linked] = await rows<{ user_id: string }>(database.db, sql`select user_id from role_model_profiles where id = ${p.id}`);
		expect(linked!.user_id).toBe('sophie');
		// Linked: no longer "invited".
		expect((await viewRoleModel(database.db, t.scope, coordinator, { id: p.id })).profile.invitedAt).toBeNull();

		await updateRoleModel(database.db, t.scope, her, 'own', { ...mine!.values, job: 'Responsable de ligne', publicConsent: 'on' });
		const [given] = await rows<{ job: string; public_consent_at: string | null; public_consent_withdrawn_at: string | null }>(
			database.db,
			sql`select job, public_consent_at, public_consent_withdrawn_at from role_model_profiles where id = ${p.id}`
		);
		expect(given!.job).toBe('Responsable de ligne');
		expect(given!.public_consent_at).not.toBeNull();
		expect(given!.public_consent_withdrawn_at).toBeNull();

		await updateRoleModel(database.db, t.scope, her, 'own', { ...mine!.values, job: 'Responsable de ligne', publicConsent: '' });
		const [withdrawn] = await rows<{ public_consent_at: string | null; public_consent_withdrawn_at: string | null }>(
			database.db,
			sql`select public_consent_at, public_consent_withdrawn_at from role_model_profiles where id = ${p.id}`
		);
		expect(withdrawn!.public_consent_at).not.toBeNull();
		expect(withdrawn!.public_consent_withdrawn_at).not.toBeNull();
		const trail = await rows<{ action: string }>(database.db, sql`select action from audit_events where entity_type = 'role_model' order by id`);
		expect(trail.map((e) => e.action)).toEqual(['create', 'link', 'update', 'consent', 'update', 'consent_withdrawn']);
	});

	it('a coordinator’s edit never gives consent on her behalf', async () => {
		const { database, t } = fresh();
		const p = await sophie(database.db, t.scope);
		const view = await viewRoleModel(database.db, t.scope, coordinator, { id: p.id });
		await updateRoleModel(database.db, t.scope, coordinator, { id: p.id }, { ...view.values, publicConsent: 'on' });
		const [row] = await rows<{ public_consent_at: string | null }>(database.db, sql`select public_consent_at from role_model_profiles where id = ${p.id}`);
		expect(row!.public_consent_at).toBeNull();
	});

	it('a role model reaches her own profile only: another one’s, another territory’s and the coordinators’ pages are not found', async () => {
		const { database, t } = fresh();
		const other = await otherTerritory(database.db);
		const p = await sophie(database.db, t.scope);
		const her = await roleModelAccount(database.db, t.scope.territoryId, 'ines', 'ines@capital-filles.example');
		// No profile at her address: nothing is linked, "Mon profil" says so.
		expect(await myRoleModelProfile(database.db, t.scope, her)).toBeNull();
		await expect(viewRoleModel(database.db, t.scope, her, { id: p.id })).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateRoleModel(database.db, t.scope, her, { id: p.id }, { firstName: 'X' })).rejects.toBeInstanceOf(NotFoundError);
		await expect(roleModelDirectory(database.db, t.scope, her, new URLSearchParams())).rejects.toBeInstanceOf(NotFoundError);
		await expect(viewRoleModel(database.db, other.scope, coordinator, { id: p.id })).rejects.toBeInstanceOf(NotFoundError);
		await expect(setRoleModelActive(database.db, other.scope, coordinator, p.id, false)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('coordinators add a network counted under an initiative; a duplicate name is refused next to the field', async () => {
		const { database, t } = fresh();
		const added = await createNetwork(database.db, t.scope, coordinator, { name: 'Femmes ingénieures', initiativeId: String(t.initiativeId) });
		const [row] = await rows<{ name: string; initiative_id: number }>(database.db, sql`select name, initiative_id from networks where id = ${added.id}`);
		expect(row).toEqual({ name: 'Femmes ingénieures', initiative_id: t.initiativeId });
		const error = await createNetwork(database.db, t.scope, coordinator, { name: 'femmes ingénieures' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields.name?.key).toBe('validation.network_taken');
	});

	it('her own form never changes her networks: a forged post with other networks keeps the ones the coordination attested', async () => {
		const { database, t } = fresh();
		const p = await sophie(database.db, t.scope);
		const her = await roleModelAccount(database.db, t.scope.territoryId, 'sophie', 'sophie.lefebvre@arc.example');
		const mine = await myRoleModelProfile(database.db, t.scope, her);
		const capitalFilles = await networkId(database.db, 'Capital Filles');
		const ellesBougent = await networkId(database.db, 'Elles Bougent');
		// Her page has no network boxes; a hand-made post adds two networks and drops hers, and one unknown id.
		await updateRoleModel(database.db, t.scope, her, 'own', {
			...mine!.values,
			job: 'Responsable de ligne',
			networkIds: [String(capitalFilles), String(ellesBougent)]
		});
		await updateRoleModel(database.db, t.scope, her, 'own', { ...mine!.values, networkIds: ['999999'] });
		const networksOf = async () =>
			(
				await rows<{ name: string }>(
					database.db,
					sql`select n.name from role_model_networks m join networks n on n.id = m.network_id where m.profile_id = ${p.id} order by n.name`
				)
			).map((r) => r.name);
		expect(await networksOf()).toEqual(['Verr’Elles']);
		// The rest of her form is saved.
		const [row] = await rows<{ job: string }>(database.db, sql`select job from role_model_profiles where id = ${p.id}`);
		expect(row!.job).toBe('Ingénieure procédés verre');
		// The coordination still changes them.
		const view = await viewRoleModel(database.db, t.scope, coordinator, { id: p.id });
		await updateRoleModel(database.db, t.scope, coordinator, { id: p.id }, { ...view.values, networkIds: [String(capitalFilles)] });
		expect(await networksOf()).toEqual(['Capital Filles']);
	});

	it('she gives then withdraws her public consent from « Profil public », each dated and audited; saving her profile leaves it as it is', async () => {
		const { database, t } = fresh();
		const p = await sophie(database.db, t.scope);
		const her = await roleModelAccount(database.db, t.scope.territoryId, 'sophie', 'sophie.lefebvre@arc.example');
		const mine = await myRoleModelProfile(database.db, t.scope, her);
		const consentOf = async () =>
			(
				await rows<{ given: boolean; withdrawn: boolean }>(
					database.db,
					sql`select public_consent_at is not null as given, public_consent_withdrawn_at is not null as withdrawn from role_model_profiles where id = ${p.id}`
				)
			)[0];
		await setPublicConsent(database.db, t.scope, her, { publicConsent: 'on' });
		expect(await consentOf()).toEqual({ given: true, withdrawn: false });
		expect((await myRoleModelProfile(database.db, t.scope, her))!.profile.publicConsentAt).toBe(todayInParis());
		// The profile form has no consent box: saving it keeps her consent.
		const { publicConsent, ...profileForm } = mine!.values;
		void publicConsent;
		await updateRoleModel(database.db, t.scope, her, 'own', { ...profileForm, job: 'Responsable de ligne' });
		expect(await consentOf()).toEqual({ given: true, withdrawn: false });
		// The box left unticked: withdrawn.
		await setPublicConsent(database.db, t.scope, her, {});
		expect(await consentOf()).toEqual({ given: true, withdrawn: true });
		const trail = await rows<{ action: string }>(database.db, sql`select action from audit_events where entity_type = 'role_model' order by id`);
		expect(trail.map((e) => e.action)).toEqual(['create', 'link', 'consent', 'update', 'consent_withdrawn']);
		// Nobody but her: a coordinator has no « own » profile, and her consent stays withdrawn.
		await expect(setPublicConsent(database.db, t.scope, coordinator, { publicConsent: 'on' })).rejects.toBeInstanceOf(ValidationError);
		expect(await consentOf()).toEqual({ given: true, withdrawn: true });
	});

	it('an invited role model is called « intervenante », finds her name on the sign-up form, and her profile is linked as she signs up', async () => {
		const { database, t } = fresh();
		const p = await sophie(database.db, t.scope);
		const { link } = await inviteRoleModel(database.db, t.scope, coordinator, p.id, 'http://localhost:5173');
		const [mail] = await rows<{ subject: string; text_body: string }>(
			database.db,
			sql`select subject, text_body from mail_outbox where to_address = 'sophie.lefebvre@arc.example' and kind = 'invitation'`
		);
		const [territory] = await rows<{ name: string }>(database.db, sql`select name from territories where id = ${t.scope.territoryId}`);
		expect(mail!.text_body).toContain(`vous invite à rejoindre l’espace « ${territory!.name} » sur Mixité Industrie, avec le rôle « Intervenante ».`);
		expect(mail!.subject).toContain(`vous invite dans l’espace « ${territory!.name} »`);
		const token = link.split('/invitation/')[1]!;
		expect(await invitationOverview(database.db, token)).toMatchObject({ role: 'role_model', name: 'Sophie Lefebvre' });

		const auth = createAuth(database.db, { baseURL: 'http://localhost:5173', secret: 'test-secret-test-secret-test-secret' });
		const password = 'une longue phrase de passe';
		const accepted = await acceptInvitation(database.db, auth, token, { name: 'Sophie Lefebvre', password, passwordConfirm: password });
		expect(accepted.roleModel).toBe(true);
		const [linked] = await rows<{ email: string }>(
			database.db,
			sql`select u.email from role_model_profiles p join "user" u on u.id = p.user_id where p.id = ${p.id}`
		);
		expect(linked!.email).toBe('sophie.lefebvre@arc.example');
		const trail = await rows<{ action: string }>(database.db, sql`select action from audit_events where entity_type = 'role_model' order by id`);
		expect(trail.map((e) => e.action)).toEqual(['create', 'link']);
	});
});
