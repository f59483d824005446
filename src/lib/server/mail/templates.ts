import { translator, type MessageKey } from '../../i18n';

/** A message's recipient and French text; `enqueueMail` adds the territory, the kind and the HTML part. */
export interface Mail {
	to: string;
	subject: string;
	text: string;
}

/**
 * The invitation e-mail says who invites, to which territory and in which role, so that the
 * person can judge the link before opening it. French, as every message sent by the platform.
 */
export function invitationMail(input: {
	to: string;
	inviter: string;
	territory: string;
	role: string;
	organisation: string | null;
	link: string;
	days: number;
	/** The address already has an account: she accepts while signed in, no new account. */
	existingAccount?: boolean;
}): Mail {
	const roleLabel = translator('fr')(`role.${input.role}` as MessageKey);
	const as = input.organisation ? `« ${roleLabel} » pour ${input.organisation}` : `« ${roleLabel} »`;
	return {
		to: input.to,
		// The territory's name after « l’espace » and between quotes: correct French whatever the name (« Territoire d’industrie… », « Pays de… », « Lens »).
		subject: `Mixité Industrie — ${input.inviter} vous invite dans l’espace « ${input.territory} »`,
		text:
			`Bonjour,\n\n${input.inviter} vous invite à rejoindre l’espace « ${input.territory} » sur Mixité Industrie, avec le rôle ${as}.\n\n` +
			(input.existingAccount
				? `Vous avez déjà un compte : connectez-vous, puis acceptez l’invitation avec ce lien personnel, valable ${input.days} jours. Vos autres territoires ne changent pas.\n${input.link}\n\n`
				: `Créez votre compte avec ce lien personnel, valable ${input.days} jours :\n${input.link}\n\n`) +
			`Si vous ne connaissez pas ${input.inviter} ou n’attendiez pas ce message, ignorez-le : aucun compte ne sera créé.\n`
	};
}
