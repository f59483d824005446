/**
 * The access matrix's world (access-matrix.test.ts): two territories with one record of every kind
 * each, and one account per role, on the database the served app reads.
 */
import { sql } from 'drizzle-orm';
import { insertPlatformRole, insertRole, markEmailVerified } from '../../src/lib/server/accounts/accounts.repository';
import { createAuth } from '../../src/lib/server/accounts/auth';
import { type Principal } from '../../src/lib/server/accounts/permissions';
import { createActivity } from '../../src/lib/server/activities/activities.usecases';
import { attachAgreementFile, createAgreement } from '../../src/lib/server/agreements/agreements.usecases';
import { type Database } from '../../src/lib/server/db/client';
import { interventionRequests } from '../../src/lib/server/interventions/interventions.table';
import { insertOrganisation, listOrganisations } from '../../src/lib/server/organisations/organisations.repository';
import { createCohort } from '../../src/lib/server/mentoring/mentoring.usecases';
import { createTraining } from '../../src/lib/server/trainings/trainings.usecases';
import { completePortrait } from '../support/portraits';
import { createRoleModel } from '../../src/lib/server/role-models/role-models.usecases';
import { uploadRoleModelPhoto } from '../../src/lib/server/role-models/role-models.photos';
import { SYSTEM_ACTOR } from '../../src/lib/server/shared/scope';
import { createToken } from '../../src/lib/server/tokens/tokens.usecases';
import { enqueueMail } from '../../src/lib/server/outbox/outbox.repository';
import { defaultTerritory, doneActivity, otherTerritory } from '../support/fixtures';
import { adminActor } from '../support/actors';
import { rowsOf } from '../../src/lib/server/db/rows';

export interface Role {
	name: string;
	principal: Principal | null;
	cookie: string;
}

/** One territory of the matrix: the records its routes' [id] name. */
export interface MatrixTerritory {
	slug: string;
	id: number;
	activityId: number;
	agreementId: number;
	initiativeId: number;
	communeCode: string;
	organisationId: number;
	memberId: string;
	tokenId: number;
	cohortId: number;
	trainingId: number;
	portraitId: number;
	outboxId: number;
	requestId: number;
	profileId: number;
}

/** Fills the database with both territories' records and the accounts of every role (`secret`: the served app's BETTER_AUTH_SECRET). */
export async function seedMatrix(database: Database, secret: string): Promise<{ roles: Role[]; territories: Record<'A' | 'B', MatrixTerritory> }> {
	const auth = createAuth(database.db, { baseURL: 'http://localhost:3000', secret });
	const roles: Role[] = [];
	const territories = {} as Record<'A' | 'B', MatrixTerritory>;
	const a = await defaultTerritory(database.db);
	const b = await otherTerritory(database.db);
	const capital = (await listOrganisations(database.db, a.scope)).find((o) => o.name === 'Capital Filles')!;
	const orgB = await insertOrganisation(database.db, b.scope, { name: 'Entreprise voisine', kind: 'firm' });
	const verrElles = a.initiatives.find((i) => i.slug === 'verr-elles')!.id;
	const today = '2026-11-20';
	const actA = await createActivity(database.db, a.scope, SYSTEM_ACTOR, doneActivity(verrElles), { today });
	const actB = await createActivity(database.db, b.scope, SYSTEM_ACTOR, doneActivity(b.initiativeId, { communeCode: b.communeCode }), { today });
	const pdf = new TextEncoder().encode('%PDF-1.4\n%test\n');
	const agrA = await createAgreement(database.db, a.scope, SYSTEM_ACTOR, {
		title: 'Convention Capital Filles',
		object: 'Marrainage',
		partyIds: [String(capital.id)],
		initiativeIds: []
	});
	const agrB = await createAgreement(database.db, b.scope, SYSTEM_ACTOR, {
		title: 'Convention voisine',
		object: 'Visites',
		partyIds: [String(orgB.id)],
		initiativeIds: []
	});
	await attachAgreementFile(database.db, a.scope, SYSTEM_ACTOR, agrA.id, { name: 'a.pdf', bytes: pdf });
	await attachAgreementFile(database.db, b.scope, SYSTEM_ACTOR, agrB.id, { name: 'b.pdf', bytes: pdf });
	const schoolA = await insertOrganisation(database.db, a.scope, { name: 'Lycée Ribot', kind: 'school' });
	const schoolB = await insertOrganisation(database.db, b.scope, { name: 'Lycée voisin', kind: 'school' });
	const cohortA = await createCohort(database.db, a.scope, SYSTEM_ACTOR, {
		schoolYear: '2025-2026',
		schoolOrganisationId: String(schoolA.id),
		pairsFormed: '12'
	});
	const cohortB = await createCohort(database.db, b.scope, SYSTEM_ACTOR, {
		initiativeId: String(b.initiativeId),
		schoolYear: '2025-2026',
		schoolOrganisationId: String(schoolB.id),
		pairsFormed: '5'
	});
	// A training in each territory, at its school (« Métiers et formations »).
	const trainingOf = (scope: typeof a.scope, schoolId: number, communeCode: string) =>
		createTraining(database.db, scope, SYSTEM_ACTOR, {
			title: 'Bac pro Pilote de ligne',
			schoolOrganisationId: String(schoolId),
			level: 'bac_pro',
			communeCode,
			jobFamilies: ['line_operation']
		});
	const trainingA = await trainingOf(a.scope, schoolA.id, '62765');
	const trainingB = await trainingOf(b.scope, schoolB.id, b.communeCode);
	// An online video portrait in each territory (files under DATA_DIR, read by the served app).
	const thisDay = new Date().toISOString().slice(0, 10);
	const nextYear = `${Number(thisDay.slice(0, 4)) + 1}${thisDay.slice(4)}`;
	const portraitOf = (scope: typeof a.scope) =>
		completePortrait(database.db, scope, SYSTEM_ACTOR, { signedOn: '2026-01-05', expiresOn: nextYear, publishAt: new Date() });
	const [portraitA, portraitB] = [await portraitOf(a.scope), await portraitOf(b.scope)];
	const profileA = await createRoleModel(database.db, a.scope, SYSTEM_ACTOR, { firstName: 'Sophie', lastName: 'A', email: 'sophie@a.example' });
	const profileB = await createRoleModel(database.db, b.scope, SYSTEM_ACTOR, { firstName: 'Inès', lastName: 'B', email: 'ines@b.example' });
	const A = a.scope.territoryId;
	const B = b.scope.territoryId;
	// Both profiles public, with a photo: what « Elles témoignent » shows to anyone.
	for (const [scope, profile] of [
		[a.scope, profileA],
		[b.scope, profileB]
	] as const) {
		await database.db.execute(sql`update role_model_profiles set public_consent_at = now() where id = ${profile.id}`);
		await uploadRoleModelPhoto(
			database.db,
			scope,
			SYSTEM_ACTOR,
			{ id: profile.id },
			{ bytes: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]) }
		);
	}
	const requestOf = async (territoryId: number, communeCode: string) =>
		(
			await database.db
				.insert(interventionRequests)
				.values({
					territoryId,
					followTokenHash: `matrix-${territoryId}`,
					requesterKind: 'school',
					organisationName: 'Collège',
					kindCode: 'classroom_talk',
					audience: 'girls',
					level: 'college',
					expectedSize: 28,
					// Wished in the weeks to come: the server's scheduled work would expire a past period (an audit event) mid-test.
					wishedFrom: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
					wishedTo: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
					communeCode,
					contactName: 'Contact'
				})
				.returning()
		)[0]!.id;
	const reqA = await requestOf(A, '62765');
	const reqB = await requestOf(B, b.communeCode);
	roles.push({ name: 'anonymous', principal: null, cookie: '' });
	roles.push(await makeUser(database, auth, 'coordination-a', [{ territoryId: A, role: 'coordinator' }]));
	roles.push(await makeUser(database, auth, 'partenaire-a', [{ territoryId: A, role: 'partner', organisationId: capital.id }]));
	roles.push(await makeUser(database, auth, 'financeur-a', [{ territoryId: A, role: 'funder' }]));
	roles.push(await makeUser(database, auth, 'ambassadrice-a', [{ territoryId: A, role: 'role_model' }]));
	roles.push(await makeUser(database, auth, 'demandeur-a', [{ territoryId: A, role: 'requester' }]));
	roles.push(await makeUser(database, auth, 'coordination-b', [{ territoryId: B, role: 'coordinator' }]));
	roles.push(await makeUser(database, auth, 'administration', [], true));
	const memberA = await makeUser(database, auth, 'membre-a', [{ territoryId: A, role: 'funder' }]);
	const memberB = await makeUser(database, auth, 'membre-b', [{ territoryId: B, role: 'funder' }]);
	const admin = adminActor('test');
	const adminPrincipal = { userId: 'admin', platformAdmin: true, roles: [] };
	const tokenFor = (scope: typeof a.scope, name: string, organisationId: number) =>
		createToken(database.db, scope, admin, adminPrincipal, { name, organisationId: String(organisationId) });
	const tokenA = await tokenFor(a.scope, 'A', capital.id);
	const tokenB = await tokenFor(b.scope, 'B', orgB.id);
	// A failed e-mail in each territory: what "Renvoyer" names.
	const failedMail = async (territoryId: number) => {
		const id = await enqueueMail(database.db, { territoryId, kind: 'invitation', to: 'echec@example.org', subject: 'Invitation', text: 'Bonjour' });
		await database.db.execute(sql`update mail_outbox set status = 'failed', attempts = 8 where id = ${id}`);
		return id;
	};
	const [outboxA, outboxB] = [await failedMail(A), await failedMail(B)];
	territories.A = {
		slug: 'flandre-saint-omer',
		id: A,
		activityId: actA.id,
		agreementId: agrA.id,
		initiativeId: verrElles,
		communeCode: '62765',
		organisationId: capital.id,
		memberId: memberA.principal!.userId,
		tokenId: tokenA.id,
		cohortId: cohortA.id,
		trainingId: trainingA.id,
		portraitId: portraitA.id,
		outboxId: outboxA,
		requestId: reqA,
		profileId: profileA.id
	};
	territories.B = {
		slug: 'autre-territoire',
		id: B,
		activityId: actB.id,
		agreementId: agrB.id,
		initiativeId: b.initiativeId,
		communeCode: b.communeCode,
		organisationId: orgB.id,
		memberId: memberB.principal!.userId,
		tokenId: tokenB.id,
		cohortId: cohortB.id,
		trainingId: trainingB.id,
		portraitId: portraitB.id,
		outboxId: outboxB,
		requestId: reqB,
		profileId: profileB.id
	};
	return { roles, territories };
}

async function makeUser(
	database: Database,
	auth: ReturnType<typeof createAuth>,
	name: string,
	grants: { territoryId: number; role: string; organisationId?: number | null }[],
	admin = false
): Promise<Role> {
	const email = `${name}@example.org`;
	const result = await auth.api.signUpEmail({ body: { name, email, password: 'une phrase de passe assez longue' }, returnHeaders: true });
	const userId = result.response.user.id;
	await markEmailVerified(database.db, userId);
	for (const g of grants) await insertRole(database.db, { userId, ...g });
	if (admin) await insertPlatformRole(database.db, userId, 'admin');
	// Two-step verification is its own test (e2e); here coordinators and admins count as enrolled.
	await database.db.execute(sql`update "user" set two_factor_enabled = true where id = ${userId}`);
	const cookie = (result.headers.get('set-cookie') ?? '')
		.split(/,(?=\s*[\w.-]+=)/)
		.map((c) => c.split(';')[0]!.trim())
		.join('; ');
	return {
		name,
		cookie,
		principal: {
			userId,
			platformAdmin: admin,
			roles: grants.map((g) => ({ territoryId: g.territoryId, role: g.role, organisationId: g.organisationId ?? null }))
		}
	};
}

/** What the database holds for one territory: any forged write changes it. */
export async function fingerprint(database: Database, territoryId: number) {
	const result = await database.db.execute(sql`select
		(select count(*) || ':' || coalesce(sum(version), 0) || ':' || count(*) filter (where status = 'cancelled') from activities where territory_id = ${territoryId}) as activities,
		(select count(*) || ':' || coalesce(sum(version), 0) from agreements where territory_id = ${territoryId}) as agreements,
		(select count(*) from agreement_files where territory_id = ${territoryId}) as files,
		(select count(*) from invitations where territory_id = ${territoryId}) as invitations,
		(select count(*) || ':' || count(*) filter (where revoked_at is not null) from api_tokens where territory_id = ${territoryId}) as tokens,
		(select count(*) from territory_roles r join "user" u on u.id = r.user_id where r.territory_id = ${territoryId} and u.deactivated_at is null) as members,
		(select coalesce(starts_on::text, '') || coalesce(ends_on::text, '') || title || coalesce(quote, '') || coalesce(copied_from_plan_id::text, '') from action_plans where territory_id = ${territoryId} limit 1) as plan,
		(select count(*) || ':' || coalesce(string_agg(name || coalesce(siren, ''), ',' order by id), '') from organisations where territory_id = ${territoryId}) as organisations,
		(select count(*) from organisation_statuses where territory_id = ${territoryId}) as statuses,
		(select count(*) || ':' || coalesce(string_agg(name || status, ',' order by id), '') from initiatives where territory_id = ${territoryId}) as initiatives,
		(select count(*) from plan_statements where territory_id = ${territoryId}) + (select count(*) from objectives where territory_id = ${territoryId}) + (select count(*) from plan_contacts where territory_id = ${territoryId}) + (select count(*) from plan_organisations where territory_id = ${territoryId}) as sections,
		(select count(*) from objectives where territory_id = ${territoryId}) || ':' || (select count(*) from initiatives where territory_id = ${territoryId}) || ':' || (select count(*) from plan_statements where territory_id = ${territoryId}) as sheet,
		(select count(*) || ':' || coalesce(sum(version), 0) from trainings where territory_id = ${territoryId}) as trainings,
		(select count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(sum(target), 0) from targets where territory_id = ${territoryId}) as targets,
		(select count(*) || ':' || coalesce(sum(version), 0) from milestones where territory_id = ${territoryId}) as milestones,
		(select count(*) from audit_events where territory_id = ${territoryId}) as audit`);
	return rowsOf(result)[0];
}

/** The record a route's [id] names: one of the territory's own, so that allowed roles reach it. */
export function idFor(route: string, t: MatrixTerritory): number {
	if (route.includes('conventions')) return t.agreementId;
	if (route.includes('organisations')) return t.organisationId;
	if (route.includes('intervenantes') || route.includes('temoins')) return t.profileId;
	if (route.includes('initiatives')) return t.initiativeId;
	if (route.includes('marrainage')) return t.cohortId;
	if (route.includes('metiers-formations')) return t.trainingId;
	if (route.includes('portraits')) return t.portraitId;
	if (route.includes('demandes')) return t.requestId;
	if (route.includes('role-models')) return t.profileId;
	if (route.includes('requests')) return t.requestId;
	return t.activityId;
}

export function urlFor(route: string, t: MatrixTerritory): string {
	return route
		.replace('[territory]', t.slug)
		.replace('[id]', String(idFor(route, t)))
		.replace('[token]', 'jeton-inconnu');
}
