import { NotFoundError, ValidationError } from '../shared/errors';

/** Stable codes of the role-models domain: logs, API payloads and tests rely on them. */
export const ROLE_MODEL_ERROR_CODES = {
	notFound: 'role_models.not_found'
} as const;

/** Unknown, in another territory, or someone else's profile: the same answer. */
export class RoleModelNotFoundError extends NotFoundError {
	constructor() {
		super(ROLE_MODEL_ERROR_CODES.notFound);
	}
}

/** "Mon profil" acted on while no profile is linked to her account: said on the form (the page says so too). */
export const noOwnProfileError = () => new ValidationError({ _form: { key: 'my_profile.none' } });

/** An availability row that is not (or no longer) the profile's. */
export const unknownSlotError = () => new ValidationError({ _form: { key: 'role_models.slot_unknown' } });
