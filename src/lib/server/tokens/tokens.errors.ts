import { DomainError, NotFoundError, ValidationError } from '../shared/errors';

/** Stable codes of the tokens domain: logs, API payloads and tests rely on them. */
export const TOKEN_ERROR_CODES = {
	unauthorized: 'tokens.unauthorized',
	notFound: 'tokens.not_found',
	otherTerritory: 'tokens.other_territory',
	readOnly: 'tokens.read_only'
} as const;

/** Missing, malformed, unknown or revoked token: the API answers 401 whatever the reason. */
export class UnauthorizedError extends DomainError {
	constructor() {
		super(TOKEN_ERROR_CODES.unauthorized, 401);
	}
}

/** Unknown, in another territory, or another organisation's: the same answer, so nothing leaks. */
export class TokenNotFoundError extends NotFoundError {
	constructor() {
		super(TOKEN_ERROR_CODES.notFound);
	}
}

/** A valid token presented to another territory: a 404, as if the territory's data did not exist for it. */
export class TokenOfOtherTerritoryError extends NotFoundError {
	constructor() {
		super(TOKEN_ERROR_CODES.otherTerritory);
	}
}

/** A write presented with a read-only token: the same 404 as anything out of reach (refusals reveal nothing). */
export class TokenReadOnlyError extends NotFoundError {
	constructor() {
		super(TOKEN_ERROR_CODES.readOnly);
	}
}

/** The organisation chosen for a new token is unknown or out of the creator's reach. */
export function tokenOrganisationRefused(): ValidationError {
	return new ValidationError({ organisationId: { key: 'tokens.organisation_required' } });
}
