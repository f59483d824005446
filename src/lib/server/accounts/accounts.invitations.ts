/**
 * Invitations: a coordinator invites someone by e-mail to a role of her territory; the link
 * creates the invited person's account, or adds a membership to the account she already has.
 */
import crypto from 'node:crypto';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { enqueueMail } from '../outbox/outbox.repository';
import { invitationMail } from '../mail/templates';
import { findTerritoryById, listTerritories } from '../territories/territories.repository';
import { TerritoryArchivedError } from '../territories/territories.errors';
import { findOrganisation } from '../organisations/organisations.repository';
import { findProfileByEmail, findProfileOfUser, findUnlinkedProfileByEmail, updateProfileRow } from '../role-models/role-models.repository';
import { parseWith } from '../shared/form';
import type { Actor, TerritoryScope } from '../shared/scope';
import type { Auth } from './auth';
import {
	alreadyMemberError,
	contextualPasswordError,
	emailTakenError,
	invitationInvalidError,
	invitationOtherAccountError,
	signInFirstError,
	unknownOrganisationError
} from './accounts.errors';
import * as repo from './accounts.repository';
import { acceptInvitationSchema, invitationSchema } from './accounts.schemas';
import { hashToken, newcomer } from './accounts.usecases';
import { isContextual } from './passwords';

export const INVITATION_TTL_DAYS = 7;

/** A coordinator invites someone by e-mail to a role of her territory (link valid 7 days). */
export async function inviteUser(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown, baseURL: string) {
	const input = parseWith(invitationSchema, raw);
	if (input.organisationId && !(await findOrganisation(db, scope, input.organisationId))) {
		throw unknownOrganisationError();
	}
	// A person may belong to several territories (one membership each); inviting her again to a role she holds here is pointless.
	const existing = await repo.findUserByEmail(db, input.email);
	if (existing && (await repo.listRoles(db, existing.id)).some((r) => r.territoryId === scope.territoryId && r.role === input.role)) {
		throw alreadyMemberError();
	}
	const token = crypto.randomBytes(32).toString('base64url');
	const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
	const link = `${baseURL.replace(/\/$/, '')}/invitation/${token}`;
	const [inviter, territory, organisation] = await Promise.all([
		repo.findUserById(db, actor.userId),
		findTerritory(db, scope.territoryId),
		input.organisationId ? findOrganisation(db, scope, input.organisationId) : null
	]);
	const mail = invitationMail({
		to: input.email,
		inviter: inviter?.name ?? actor.label ?? 'La coordination',
		territory: territory?.name ?? '',
		role: input.role,
		organisation: organisation?.name ?? null,
		link,
		days: INVITATION_TTL_DAYS,
		existingAccount: existing !== null
	});
	// The invitation and its e-mail commit together (outbox): no invitation without its message, nor the reverse.
	const invitation = await db.transaction(async (tx) => {
		const row = await repo.insertInvitation(tx, { ...input, territoryId: scope.territoryId, tokenHash: hashToken(token), invitedBy: actor.userId, expiresAt });
		await recordAudit(tx, scope, actor, {
			action: 'invite',
			entityType: 'invitation',
			entityId: row.id,
			after: { email: input.email, role: input.role, organisationId: input.organisationId }
		});
		await enqueueMail(tx, { territoryId: scope.territoryId, kind: 'invitation', ...mail });
		return row;
	});
	return { id: invitation.id, link };
}

export async function findUsableInvitation(db: Db, token: string) {
	return repo.findUsableInvitation(db, hashToken(token.slice(0, 100)), new Date());
}

async function findTerritory(db: Db, territoryId: number) {
	return (await listTerritories(db)).find((t) => t.id === territoryId) ?? null;
}

/**
 * The invitation page: who is invited, to which role and territory, and whether that address
 * already has an account (she then signs in and accepts, instead of creating one); null when the
 * link is unusable. Only the holder of the link (sent to that address) sees it.
 */
export async function invitationOverview(db: Db, token: string) {
	const invitation = await findUsableInvitation(db, token);
	if (!invitation) return null;
	const [territory, account, profile] = await Promise.all([
		findTerritory(db, invitation.territoryId),
		repo.findUserByEmail(db, invitation.email),
		invitation.role === 'role_model' ? findProfileByEmail(db, { territoryId: invitation.territoryId }, invitation.email) : null
	]);
	return {
		email: invitation.email,
		role: invitation.role,
		territory: territory?.name ?? '',
		slug: territory?.slug ?? '',
		hasAccount: account !== null && account.deactivatedAt === null,
		/** The name the coordination gave her role-model profile: the sign-up form starts from it. */
		name: profile && profile.userId === null ? `${profile.firstName} ${profile.lastName}` : ''
	};
}

/**
 * An invited role model's profile (created by the coordination at her address, not yet linked) is
 * linked to her account as she accepts, in the same transaction, audited: her proposals wait for
 * her on « Mes interventions » at once. True when she has a profile there.
 */
async function linkRoleModelProfile(tx: Db, invitation: { territoryId: number; role: string; email: string }, userId: string, actor: Actor): Promise<boolean> {
	if (invitation.role !== 'role_model') return false;
	const scope = { territoryId: invitation.territoryId };
	const unlinked = await findUnlinkedProfileByEmail(tx, scope, invitation.email);
	if (unlinked) {
		await updateProfileRow(tx, scope, unlinked.id, { userId });
		await recordAudit(tx, scope, actor, { action: 'link', entityType: 'role_model', entityId: unlinked.id, before: { userId: null }, after: { userId } });
		return true;
	}
	return (await findProfileOfUser(tx, scope, userId)) !== null;
}

/** Invitations into an archived territory wait: nothing is written there until it is restored. */
async function ensureTerritoryWritable(db: Db, territoryId: number) {
	const territory = await findTerritoryById(db, territoryId);
	if (territory?.archivedAt) throw new TerritoryArchivedError();
}

/**
 * Accepts an invitation: the invited e-mail proves itself by the link, so the new account is
 * verified. The invitation is consumed first, atomically: it works once.
 */
export async function acceptInvitation(
	db: Db,
	auth: Auth,
	token: string,
	raw: unknown
): Promise<{ headers: Headers; territorySlug: string | null; roleModel: boolean }> {
	const { name, password } = parseWith(acceptInvitationSchema, raw);
	const pending = await repo.findUsableInvitation(db, hashToken(token.slice(0, 100)), new Date());
	if (!pending) throw invitationInvalidError();
	if (isContextual(password, [pending.email.split('@')[0]!])) throw contextualPasswordError();
	// Checked before the invitation is used up: she keeps her link to accept it once signed in.
	if (await repo.findUserByEmail(db, pending.email)) throw signInFirstError();
	await ensureTerritoryWritable(db, pending.territoryId);
	const invitation = await db.transaction(async (tx) => repo.consumeInvitation(tx, hashToken(token.slice(0, 100)), new Date()));
	if (!invitation) throw invitationInvalidError();
	if (await repo.findUserByEmail(db, invitation.email)) throw emailTakenError('_form');
	const result = await auth.api.signUpEmail({ body: { name, email: invitation.email, password }, returnHeaders: true });
	const userId = result.response.user.id;
	const roleModel = await db.transaction(async (tx) => {
		const actor = { userId, label: invitation.email, principal: newcomer(userId) };
		await repo.markEmailVerified(tx, userId);
		await repo.insertRole(tx, { userId, territoryId: invitation.territoryId, role: invitation.role, organisationId: invitation.organisationId });
		await recordAudit(tx, { territoryId: invitation.territoryId }, actor, {
			action: 'create',
			entityType: 'user',
			entityId: userId,
			after: { email: invitation.email, role: invitation.role, organisationId: invitation.organisationId }
		});
		return linkRoleModelProfile(tx, invitation, userId, actor);
	});
	return { headers: result.headers, territorySlug: (await findTerritory(db, invitation.territoryId))?.slug ?? null, roleModel };
}

/**
 * A person who already has an account accepts an invitation while signed in: a membership of
 * that territory is added (its own role), her other memberships stay as they are. The link
 * proves the address; the session must be that address's owner. The invitation works once.
 */
export async function joinTerritory(
	db: Db,
	token: string,
	person: { id: string; email: string },
	actor: Actor
): Promise<{ territorySlug: string | null; roleModel: boolean }> {
	const tokenHash = hashToken(token.slice(0, 100));
	const pending = await repo.findUsableInvitation(db, tokenHash, new Date());
	if (!pending) throw invitationInvalidError();
	if (pending.email.toLowerCase() !== person.email.toLowerCase()) throw invitationOtherAccountError();
	await ensureTerritoryWritable(db, pending.territoryId);
	const roleModel = await db.transaction(async (tx) => {
		const invitation = await repo.consumeInvitation(tx, tokenHash, new Date());
		if (!invitation) throw invitationInvalidError();
		await repo.insertRole(tx, { userId: person.id, territoryId: invitation.territoryId, role: invitation.role, organisationId: invitation.organisationId });
		await recordAudit(tx, { territoryId: invitation.territoryId }, actor, {
			action: 'join',
			entityType: 'user',
			entityId: person.id,
			after: { email: invitation.email, role: invitation.role, organisationId: invitation.organisationId }
		});
		return linkRoleModelProfile(tx, invitation, person.id, actor);
	});
	return { territorySlug: (await findTerritory(db, pending.territoryId))?.slug ?? null, roleModel };
}
