import { NotFoundError, ValidationError } from '../shared/errors';

/**
 * Stable codes of the accounts domain: logs, API payloads and tests rely on them. Refusals shown
 * on a form are ValidationErrors (code 'validation.failed') whose message keys below are stable too.
 */
export const ACCOUNT_ERROR_CODES = {
	notFound: 'accounts.not_found'
} as const;

/** Someone the actor may not act on (another territory, not a platform administrator): the same answer as "unknown". */
export class AccountNotFoundError extends NotFoundError {
	constructor() {
		super(ACCOUNT_ERROR_CODES.notFound);
	}
}

/** Wrong e-mail or password, or a deactivated account: one message, so that nothing tells them apart. */
export const invalidCredentialsError = () => new ValidationError({ _form: { key: 'auth.invalid' } });

/** Too many attempts: a temporary block, with the minutes to wait. */
export const throttledError = (waitMs: number) => new ValidationError({ _form: { key: 'auth.throttled', params: { minutes: Math.ceil(waitMs / 60_000) } } });

/** A TOTP or backup code that is wrong, expired or already used. */
export const invalidTotpCodeError = () => new ValidationError({ code: { key: 'auth.totp_invalid' } });

/** The current password, asked again before a sensitive change, is wrong. */
export const passwordIncorrectError = (field: 'password' | 'currentPassword') => new ValidationError({ [field]: { key: 'auth.password_incorrect' } });

/** A new password built from the person's name or e-mail. */
export const contextualPasswordError = () => new ValidationError({ password: { key: 'validation.password_common' } });

export const emailTakenError = (field: 'email' | '_form') => new ValidationError({ [field]: { key: 'validation.email_taken' } });

/** Setup link, invitation or reset link unknown, expired or already used. */
export const setupLinkInvalidError = () => new ValidationError({ _form: { key: 'auth.setup_invalid' } });
export const invitationInvalidError = () => new ValidationError({ _form: { key: 'auth.invitation_invalid' } });

/** The invited address already has an account: she signs in, then accepts (the link stays usable). */
export const signInFirstError = () => new ValidationError({ _form: { key: 'invitation.sign_in_first' } });

/** Signed in as someone else than the invited address. */
export const invitationOtherAccountError = () => new ValidationError({ _form: { key: 'invitation.other_account' } });

/** The invited person already holds this role in this territory. */
export const alreadyMemberError = () => new ValidationError({ email: { key: 'members.already_member' } });
export const resetLinkInvalidError = () => new ValidationError({ _form: { key: 'reset.invalid' } });

/** Membership management: nobody removes herself; the person must be a member / still active. */
export const notSelfError = () => new ValidationError({ _form: { key: 'members.not_self' } });
export const notMemberError = () => new ValidationError({ _form: { key: 'members.not_member' } });
export const alreadyInactiveError = () => new ValidationError({ _form: { key: 'members.already_inactive' } });

/** The organisation chosen for a partner is not one of this territory's. */
export const unknownOrganisationError = () => new ValidationError({ organisationId: { key: 'validation.host_unknown' } });
