/**
 * Requester accounts: from her private follow link, the requester asks for an account (role
 * `requester`) and then finds every request of the territory made with her address. The link is
 * sent to the request's contact address: receiving it proves she owns that address.
 */
import crypto from 'node:crypto';
import * as repo from './interventions.repository';
import * as own from './interventions.requester.repository';
import { findUserByEmail, findUserById, insertInvitation, listRoles } from '../accounts/accounts.repository';
import { hashToken as hashAccountToken } from '../accounts/accounts.usecases';
import { INVITATION_TTL_DAYS } from '../accounts/accounts.invitations';
import { rolesIn } from '../accounts/permissions';
import { recordAudit } from '../audit/audit.repository';
import { type Db } from '../db/client';
import { enqueueMail } from '../outbox/outbox.repository';
import { ValidationError } from '../shared/errors';
import { type Actor, type TerritoryScope } from '../shared/scope';
import { findTerritoryById } from '../territories/territories.repository';
import { TerritoryArchivedError } from '../territories/territories.errors';
import { RequestNotFoundError } from './interventions.errors';
import { baseUrl } from './interventions.mail';
import { hashToken } from './interventions.tokens';
import { linkSummary, orProblem, requesterBy } from './interventions.workflow';

/** The offer is not sent again to the same address within this time (a double click, a reload). */
export const OFFER_QUIET_MS = 10 * 60_000;
const OFFER_KINDS = ['requester.account', 'requester.sign_in'];

export type AccountOffer = 'invitation' | 'sign_in' | 'already_sent';

async function requestOfLink(db: Db, token: string) {
	if (typeof token !== 'string' || token.length < 10 || token.length > 100) throw new RequestNotFoundError();
	const request = await repo.findRequestByFollowHash(db, hashToken(token));
	if (!request) throw new RequestNotFoundError();
	return request;
}

const accountMail = (territory: string, link: string, days: number) => ({
	subject: `Créer votre compte pour suivre vos demandes d’intervention — ${territory}`,
	text: [
		'Bonjour,',
		'',
		`Vous avez demandé à créer un compte pour retrouver toutes vos demandes d’intervention auprès de ${territory}.`,
		'',
		`Choisissez votre mot de passe en suivant ce lien (valable ${days} jours) :`,
		link,
		'',
		'Votre compte affichera les demandes faites avec cette adresse e-mail.',
		'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : aucun compte ne sera créé.'
	].join('\n')
});

const signInMail = (territory: string, link: string) => ({
	subject: `Vos demandes d’intervention — ${territory}`,
	text: [
		'Bonjour,',
		'',
		`Vous avez déjà un compte pour suivre vos demandes d’intervention auprès de ${territory}.`,
		'Connectez-vous pour retrouver toutes vos demandes :',
		link,
		'',
		'Mot de passe oublié ? Le lien « Mot de passe oublié » de la page de connexion vous permet d’en choisir un nouveau.'
	].join('\n')
});

/**
 * « Créer un compte pour retrouver toutes vos demandes », from the follow page. An invitation to
 * the role `requester` of the request's territory goes to the request's contact address (through
 * the outbox, in the same transaction as the invitation and its audit event); an address that
 * already holds the role gets a sign-in link instead. Not sent twice within OFFER_QUIET_MS.
 */
export async function offerRequesterAccount(db: Db, token: string, now = new Date()): Promise<AccountOffer> {
	const request = await requestOfLink(db, token);
	const scope: TerritoryScope = { territoryId: request.territoryId };
	const email = request.contactEmail?.trim().toLowerCase();
	if (!email) throw new ValidationError({ _form: { key: 'requester_account.no_email' } });
	const territory = await findTerritoryById(db, scope.territoryId);
	if (!territory) throw new RequestNotFoundError();
	if (territory.archivedAt) throw new TerritoryArchivedError();
	if (await own.mailSentSince(db, scope, OFFER_KINDS, email, new Date(now.getTime() - OFFER_QUIET_MS))) return 'already_sent';
	const account = await findUserByEmail(db, email);
	const holdsRole =
		account !== null &&
		account.deactivatedAt === null &&
		(await listRoles(db, account.id)).some((r) => r.territoryId === scope.territoryId && r.role === 'requester');
	const by = requesterBy();
	if (holdsRole) {
		const link = `${baseUrl()}/connexion?redirect=${encodeURIComponent(`/t/${territory.slug}/mes-demandes`)}`;
		await db.transaction(async (tx) => {
			await enqueueMail(tx, { territoryId: scope.territoryId, kind: 'requester.sign_in', to: email, ...signInMail(territory.name, link) });
		});
		return 'sign_in';
	}
	const secret = crypto.randomBytes(32).toString('base64url');
	const link = `${baseUrl()}/invitation/${secret}`;
	await db.transaction(async (tx) => {
		const invitation = await insertInvitation(tx, {
			territoryId: scope.territoryId,
			email,
			role: 'requester',
			organisationId: null,
			tokenHash: hashAccountToken(secret),
			invitedBy: by.actor.userId,
			expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000)
		});
		await recordAudit(tx, scope, by.actor, {
			action: 'invite',
			entityType: 'invitation',
			entityId: invitation.id,
			after: { role: 'requester', requestId: request.id }
		});
		await enqueueMail(tx, { territoryId: scope.territoryId, kind: 'requester.account', to: email, ...accountMail(territory.name, link, INVITATION_TTL_DAYS) });
	});
	return 'invitation';
}

/** The follow page's action: the offer's outcome, or the link's problem ('unknown'…). */
export function followAccountOffer(db: Db, token: string, now = new Date()) {
	return orProblem(() => offerRequesterAccount(db, token, now));
}

/**
 * « Mes demandes »: every request of the territory whose contact address is her account's,
 * verified, address (case-insensitive); another person's request never. An account holding no
 * requester role here, or whose address is not verified, sees none.
 */
export async function myRequests(db: Db, scope: TerritoryScope, actor: Actor) {
	const { account, verified } = await requesterAccount(db, scope, actor);
	if (!verified) return { email: account?.email ?? null, verified: false, requests: [] };
	const rows = await own.listRequestsOfContact(db, scope, account!.email);
	const requests = [];
	for (const row of rows) {
		requests.push({
			...(await linkSummary(db, scope, row)),
			requesterKind: row.requesterKind,
			submittedAt: row.createdAt.toISOString(),
			stateChangedAt: row.stateChangedAt.toISOString(),
			wishedFrom: row.wishedFrom,
			wishedTo: row.wishedTo
		});
	}
	return { email: account!.email, verified: true, requests };
}

/** Her account, and whether it may see requests: the requester role here (or a platform administrator), a verified address, active. */
async function requesterAccount(db: Db, scope: TerritoryScope, actor: Actor) {
	const requester = actor.principal.platformAdmin || rolesIn(actor.principal, scope.territoryId).some((r) => r.role === 'requester');
	const account = await findUserById(db, actor.userId);
	return { account, verified: Boolean(requester && account && account.emailVerified && !account.deactivatedAt) };
}

/**
 * One of her own requests, reached from her account rather than her private link: made with her
 * verified address in this territory. Anyone else's, or an unknown one, is the same 404.
 */
export async function findOwnRequest(db: Db, scope: TerritoryScope, actor: Actor, id: number) {
	const { account, verified } = await requesterAccount(db, scope, actor);
	const request = verified ? (await own.listRequestsOfContact(db, scope, account!.email)).find((r) => r.id === id) : undefined;
	if (!request) throw new RequestNotFoundError();
	return request;
}
