import { DomainError, NotFoundError, ValidationError } from '../shared/errors';

/** Stable codes of the territories domain: logs, API payloads and tests rely on them. */
export const TERRITORY_ERROR_CODES = {
	notFound: 'territories.not_found',
	archived: 'territories.archived'
} as const;

/** A territory that does not exist, or that the actor may not administer: the same answer. */
export class TerritoryNotFoundError extends NotFoundError {
	constructor() {
		super(TERRITORY_ERROR_CODES.notFound);
	}
}

/**
 * A write to an archived territory: its pages stay readable, nothing changes until a platform
 * administrator restores it. Forms show the message; the API answers 409 with it.
 */
export class TerritoryArchivedError extends DomainError {
	readonly messageKey = 'territories.archived';
	constructor() {
		super(TERRITORY_ERROR_CODES.archived, 409);
	}
}

/** A SIREN absent from the official list of EPCIs (@etalab/decoupage-administratif). */
export const unknownEpciError = (siren: string) => new ValidationError({ epciSirens: { key: 'territories.epci_unknown', params: { siren } } });

/** The address of the territory (its slug) is already another territory's. */
export const slugTakenError = () => new ValidationError({ slug: { key: 'territories.slug_taken' } });

/** Archiving an archived territory, restoring an active one. */
export const alreadyArchivedError = () => new ValidationError({ _form: { key: 'territories.already_archived' } });
export const notArchivedError = () => new ValidationError({ _form: { key: 'territories.not_archived' } });
