import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hashToken } from '../accounts/accounts.usecases';
import type { Principal } from '../accounts/permissions';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { findOrganisation, listOrganisations } from '../organisations/organisations.repository';
import { ValidationError } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import type { Actor, TerritoryScope } from '../shared/scope';
import { TokenNotFoundError, TokenOfOtherTerritoryError, tokenOrganisationRefused, UnauthorizedError } from './tokens.errors';
import { mayCreateTokenRole, mayManage, tokenReach } from './tokens.policy';
import * as repo from './tokens.repository';
import { createTokenSchema, TOKEN_PATTERN, TOKEN_PREFIX_LENGTH, TOKEN_ROLES, type TokenRole } from './tokens.schemas';

export { UnauthorizedError } from './tokens.errors';

function generateToken(): string {
	return `mxi_${randomBytes(32).toString('base64url')}`;
}

/** What the audit trail keeps of a token: never the token nor its hash. */
function snapshot(row: repo.TokenRow) {
	return {
		id: row.id,
		name: row.name,
		prefix: row.prefix,
		organisationId: row.organisationId,
		role: row.role,
		readOnly: row.readOnly,
		revokedAt: row.revokedAt
	};
}

/** The tokens the viewer manages (a partner: her organisation's). */
export function listTokens(db: Db, scope: TerritoryScope, viewer: Principal) {
	const reach = tokenReach(viewer, scope.territoryId);
	return repo.listTokens(db, scope, reach);
}

/** The organisations the viewer may create a token for. */
export async function tokenOrganisationOptions(db: Db, scope: TerritoryScope, viewer: Principal) {
	const reach = tokenReach(viewer, scope.territoryId);
	const all = await listOrganisations(db, scope);
	return all.filter((o) => mayManage(reach, o.id)).map((o) => ({ id: o.id, name: o.name }));
}

/** The roles the viewer may give a new token: a coordinator's may act for the whole territory. */
export function tokenRoleOptions(scope: TerritoryScope, viewer: Principal): TokenRole[] {
	return TOKEN_ROLES.filter((role) => mayCreateTokenRole(viewer, scope.territoryId, role));
}

/**
 * Creates a token and returns it in clear this once: only its SHA-256 hash is stored, so it can
 * never be shown again.
 */
export async function createToken(db: Db, scope: TerritoryScope, actor: Actor, principal: Principal, raw: unknown) {
	const reach = tokenReach(principal, scope.territoryId);
	const parsed = createTokenSchema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	const input = parsed.data;
	if (!mayCreateTokenRole(principal, scope.territoryId, input.role)) throw new ValidationError({ role: { key: 'validation.enum' } });
	return db.transaction(async (tx) => {
		const organisation = await findOrganisation(tx, scope, input.organisationId);
		if (!organisation || !mayManage(reach, organisation.id)) throw tokenOrganisationRefused();
		const token = generateToken();
		const row = await repo.insertToken(tx, scope, {
			organisationId: organisation.id,
			name: input.name,
			prefix: token.slice(0, TOKEN_PREFIX_LENGTH),
			tokenHash: hashToken(token),
			role: input.role,
			readOnly: input.readOnly,
			createdBy: actor.userId
		});
		await recordAudit(tx, scope, actor, { action: 'create', entityType: 'api_token', entityId: row.id, after: snapshot(row) });
		return { token, id: row.id, name: row.name, prefix: row.prefix, organisationId: row.organisationId, role: row.role, readOnly: row.readOnly };
	});
}

/** Revoking is final and takes effect on the next request; revoking twice changes nothing. */
export async function revokeToken(db: Db, scope: TerritoryScope, actor: Actor, principal: Principal, id: number, now = new Date()) {
	const reach = tokenReach(principal, scope.territoryId);
	return db.transaction(async (tx) => {
		const current = await repo.findToken(tx, scope, id, reach, { forUpdate: true });
		if (!current) throw new TokenNotFoundError();
		if (current.revokedAt) return current;
		const row = await repo.revokeTokenRow(tx, scope, id, now);
		await recordAudit(tx, scope, actor, { action: 'revoke', entityType: 'api_token', entityId: id, before: snapshot(current), after: snapshot(row) });
		return row;
	});
}

/** Found through the index, confirmed in constant time: the comparison leaks nothing about the stored hash. */
function sameHash(stored: string, presented: string): boolean {
	const a = Buffer.from(stored, 'hex');
	const b = Buffer.from(presented, 'hex');
	return a.length === b.length && timingSafeEqual(a, b);
}

/** `Authorization: Bearer mxi_…` → the token in clear, or null. */
function bearerToken(header: string | null): string | null {
	const match = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
	return match && TOKEN_PATTERN.test(match[1]!) ? match[1]! : null;
}

/** The actor behind an API request, and whether its token is refused every write. */
export interface TokenActor extends Actor {
	readOnly: boolean;
}

/**
 * The actor behind an API request. A token acts as a partner of its organisation (a synthetic
 * partner principal): each domain's policy then narrows it, e.g. to the initiatives that
 * organisation leads or takes part in, in its own territory only. A coordinator's token (role
 * `coordinator`) acts as a coordinator of the territory. A token of another territory gets a 404,
 * as if the territory's data did not exist for it.
 */
export async function authenticateToken(
	db: Db,
	scope: TerritoryScope,
	authorization: string | null,
	options: { ip?: string; now?: Date } = {}
): Promise<TokenActor> {
	const token = bearerToken(authorization);
	if (!token) throw new UnauthorizedError();
	const hash = hashToken(token);
	const row = await repo.findTokenByHash(db, hash);
	if (!row || !sameHash(row.tokenHash, hash) || row.revokedAt) throw new UnauthorizedError();
	if (row.territoryId !== scope.territoryId) throw new TokenOfOtherTerritoryError();
	await repo.touchToken(db, scope, row.id, options.now ?? new Date());
	const role = row.role === 'coordinator' ? 'coordinator' : 'partner';
	const principal: Principal = {
		userId: `api-token:${row.id}`,
		platformAdmin: false,
		roles: [{ territoryId: scope.territoryId, role, organisationId: role === 'partner' ? row.organisationId : null }]
	};
	return {
		userId: principal.userId,
		label: `Jeton d’API « ${row.name} » (${row.prefix}…)`,
		ip: options.ip,
		principal,
		readOnly: row.readOnly
	};
}
