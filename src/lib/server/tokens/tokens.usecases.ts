import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hashToken } from '../accounts/accounts.usecases';
import { hasWholeTerritory, organisationsOf, type Principal } from '../accounts/permissions';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { findOrganisation, listOrganisations } from '../organisations/organisations.repository';
import { DomainError, NotFoundError, ValidationError } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import type { Actor, TerritoryScope } from '../shared/scope';
import * as repo from './tokens.repository';
import { createTokenSchema, TOKEN_PATTERN, TOKEN_PREFIX_LENGTH } from './tokens.schemas';

export type { OrganisationAccess } from './tokens.repository';

/** Missing, malformed, unknown or revoked token: the API answers 401 whatever the reason. */
export class UnauthorizedError extends DomainError {
	constructor() {
		super('tokens.unauthorized', 401);
	}
}

/** Coordinators (and platform admins) manage every organisation's tokens; a partner, her organisation's. */
export function tokenAccess(principal: Principal | null, territoryId: number): repo.OrganisationAccess {
	return hasWholeTerritory(principal, territoryId, 'write') ? 'all' : organisationsOf(principal, territoryId);
}

function mayManage(access: repo.OrganisationAccess, organisationId: number): boolean {
	return access === 'all' || access.includes(organisationId);
}

function generateToken(): string {
	return `mxi_${randomBytes(32).toString('base64url')}`;
}

/** What the audit trail keeps of a token: never the token nor its hash. */
function snapshot(row: repo.TokenRow) {
	return { id: row.id, name: row.name, prefix: row.prefix, organisationId: row.organisationId, revokedAt: row.revokedAt };
}

export function listTokens(db: Db, scope: TerritoryScope, access: repo.OrganisationAccess) {
	return repo.listTokens(db, scope, access);
}

/** The organisations a token may be created for. */
export async function tokenOrganisationOptions(db: Db, scope: TerritoryScope, access: repo.OrganisationAccess) {
	const all = await listOrganisations(db, scope);
	return all.filter((o) => mayManage(access, o.id)).map((o) => ({ id: o.id, name: o.name }));
}

/**
 * Creates a token and returns it in clear this once: only its SHA-256 hash is stored, so it can
 * never be shown again.
 */
export async function createToken(db: Db, scope: TerritoryScope, actor: Actor, access: repo.OrganisationAccess, raw: unknown) {
	const parsed = createTokenSchema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	const input = parsed.data;
	return db.transaction(async (tx) => {
		const organisation = await findOrganisation(tx, scope, input.organisationId);
		if (!organisation || !mayManage(access, organisation.id)) throw new ValidationError({ organisationId: { key: 'tokens.organisation_required' } });
		const token = generateToken();
		const row = await repo.insertToken(tx, scope, {
			organisationId: organisation.id,
			name: input.name,
			prefix: token.slice(0, TOKEN_PREFIX_LENGTH),
			tokenHash: hashToken(token),
			createdBy: actor.userId
		});
		await recordAudit(tx, scope, actor, { action: 'create', entityType: 'api_token', entityId: row.id, after: snapshot(row) });
		return { token, id: row.id, name: row.name, prefix: row.prefix, organisationId: row.organisationId };
	});
}

/** Revoking is final and takes effect on the next request; revoking twice changes nothing. */
export async function revokeToken(db: Db, scope: TerritoryScope, actor: Actor, access: repo.OrganisationAccess, id: number, now = new Date()) {
	return db.transaction(async (tx) => {
		const current = await repo.findToken(tx, scope, id, access, { forUpdate: true });
		if (!current) throw new NotFoundError('tokens.not_found');
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

/**
 * The actor behind an API request. A token acts as a partner of its organisation (a synthetic
 * partner principal): each domain's policy then narrows it, e.g. to the initiatives that
 * organisation leads or takes part in, in its own territory only. A token of another territory
 * gets a 404, as if the territory's data did not exist for it.
 */
export async function authenticateToken(db: Db, scope: TerritoryScope, authorization: string | null, options: { ip?: string; now?: Date } = {}): Promise<Actor> {
	const token = bearerToken(authorization);
	if (!token) throw new UnauthorizedError();
	const hash = hashToken(token);
	const row = await repo.findTokenByHash(db, hash);
	if (!row || !sameHash(row.tokenHash, hash) || row.revokedAt) throw new UnauthorizedError();
	if (row.territoryId !== scope.territoryId) throw new NotFoundError('tokens.other_territory');
	await repo.touchToken(db, scope, row.id, options.now ?? new Date());
	const asPartner: Principal = {
		userId: `api-token:${row.id}`,
		platformAdmin: false,
		roles: [{ territoryId: scope.territoryId, role: 'partner', organisationId: row.organisationId }]
	};
	return { userId: asPartner.userId, label: `Jeton d’API « ${row.name} » (${row.prefix}…)`, ip: options.ip, principal: asPartner };
}
