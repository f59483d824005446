/*
 * The French e-mails of the interventions domain, one per message kind of REQUEST_WORKFLOW (and of
 * the scheduled jobs). Plain text: the outbox derives the HTML part. No pupil is ever named.
 */

export interface MailContext {
	/** The kind of intervention, in French ("Intervention en classe"). */
	what: string;
	organisationName: string;
	territoryName: string;
	/** "mardi 12 mai 2026 à 09:00 – 11:00" in Europe/Paris, when the date is set. */
	when: string | null;
	location: string | null;
	audience: string;
	wished: string;
	/** A private link for this recipient: follow page, answer, report. */
	link?: string;
	/** A second link (decline). */
	declineLink?: string;
	note?: string | null;
	/** The role models who accepted (first name and name), once there are some. */
	speakers?: string[];
}

export interface MailContent {
	subject: string;
	text: string;
}

const signature = (c: MailContext) => `\n\n—\nMixité Industrie · ${c.territoryName}\nCe message est envoyé automatiquement.`;
const details = (c: MailContext) =>
	[
		`Intervention : ${c.what}`,
		`Structure : ${c.organisationName}`,
		`Public : ${c.audience}`,
		c.when ? `Date : ${c.when}` : `Période souhaitée : ${c.wished}`,
		c.location ? `Lieu : ${c.location}` : null,
		c.speakers?.length ? `Intervenantes : ${c.speakers.join(', ')}` : null
	]
		.filter(Boolean)
		.join('\n');

function mail(subject: (c: MailContext) => string, body: (c: MailContext) => string) {
	return (c: MailContext): MailContent => ({ subject: subject(c), text: `Bonjour,\n\n${body(c)}${signature(c)}` });
}

export const TEMPLATES: Record<string, (c: MailContext) => MailContent> = {
	request_received: mail(
		(c) => `Votre demande d’intervention est enregistrée — ${c.what}`,
		(c) =>
			`Nous avons bien reçu votre demande. La coordination du territoire va l’étudier et vous répondra.\n\n${details(c)}\n\nSuivre ou modifier votre demande (lien personnel, ne le transmettez pas) :\n${c.link}`
	),
	request_qualified: mail(
		(c) => `Votre demande est prise en charge — ${c.what}`,
		(c) => `La coordination a étudié votre demande et recherche des intervenantes.\n\n${details(c)}${c.link ? `\n\nSuivre votre demande :\n${c.link}` : ''}`
	),
	proposal: mail(
		(c) => `Proposition d’intervention — ${c.what}, ${c.organisationName}`,
		(c) =>
			`La coordination vous propose cette intervention :\n\n${details(c)}\n\nAccepter ou décliner (lien personnel, valable 14 jours, une seule réponse) :\n${c.link}\n\nDécliner directement :\n${c.declineLink}`
	),
	confirmation: mail(
		(c) => `Intervention confirmée — ${c.what}, ${c.when}`,
		(c) => `L’intervention est confirmée. L’invitation est jointe pour votre agenda.\n\n${details(c)}`
	),
	confirmation_requester: mail(
		(c) => `Votre intervention est confirmée — ${c.when}`,
		(c) =>
			`Votre demande d’intervention est confirmée. L’invitation est jointe pour votre agenda.\n\n${details(c)}${c.link ? `\n\nSuivre votre demande :\n${c.link}` : ''}`
	),
	speakers_changed: mail(
		(c) => `Changement d’intervenante — ${c.what}, ${c.when}`,
		(c) =>
			`L’intervention reste confirmée ; les intervenantes ont changé. Voici qui viendra.\n\n${details(c)}${c.link ? `\n\nSuivre votre demande :\n${c.link}` : ''}`
	),
	place_released: mail(
		(c) => `Votre place est libérée — ${c.what}, ${c.organisationName}`,
		(c) => `Vous avez libéré votre place pour cette intervention. La pièce jointe la retire de votre agenda. Merci de l’avoir signalé.\n\n${details(c)}`
	),
	speakers_short: mail(
		(c) => `Il manque une intervenante — ${c.what}, ${c.organisationName}`,
		(c) =>
			`Une intervenante a libéré sa place et il n’en reste plus assez : l’intervention n’est plus confirmée. Proposez-la à d’autres intervenantes.\n\n${details(c)}\n\nL’ouvrir :\n${c.link}`
	),
	reopened_requester: mail(
		(c) => `Votre intervention n’est plus confirmée pour l’instant — ${c.what}`,
		(c) =>
			`Une intervenante s’est désistée. La coordination cherche quelqu’un pour la remplacer et vous écrira dès que l’intervention sera de nouveau confirmée.\n\n${details(c)}${c.link ? `\n\nSuivre votre demande :\n${c.link}` : ''}`
	),
	update: mail(
		(c) => `Intervention modifiée — ${c.what}, ${c.when}`,
		(c) => `La date ou le lieu de l’intervention a changé. L’invitation jointe met votre agenda à jour.\n\n${details(c)}`
	),
	update_requester: mail(
		(c) => `Votre intervention a changé de date ou de lieu — ${c.when}`,
		(c) =>
			`La date ou le lieu de l’intervention a changé. L’invitation jointe met votre agenda à jour.\n\n${details(c)}${c.link ? `\n\nSuivre votre demande :\n${c.link}` : ''}`
	),
	cancellation: mail(
		(c) => `Intervention annulée — ${c.what}, ${c.organisationName}`,
		(c) => `L’intervention est annulée. La pièce jointe la retire de votre agenda.\n\n${details(c)}${c.note ? `\n\nMotif : ${c.note}` : ''}`
	),
	cancellation_requester: mail(
		(c) => `Votre demande d’intervention est annulée — ${c.what}`,
		(c) => `La demande est annulée.\n\n${details(c)}${c.note ? `\n\nMotif : ${c.note}` : ''}`
	),
	request_declined: mail(
		(c) => `Votre demande d’intervention n’a pas pu être retenue — ${c.what}`,
		(c) => `La coordination n’a pas pu donner suite à votre demande.\n\n${details(c)}${c.note ? `\n\nMotif : ${c.note}` : ''}`
	),
	request_expired: mail(
		(c) => `Votre demande d’intervention est arrivée à échéance — ${c.what}`,
		(c) => `La période souhaitée est passée sans intervention confirmée. Vous pouvez faire une nouvelle demande.\n\n${details(c)}`
	),
	report_ask: mail(
		(c) => `Comment s’est passée l’intervention ? — ${c.what}, ${c.organisationName}`,
		(c) =>
			`Merci pour cette intervention. Indiquez en deux minutes le public présent (des nombres, jamais de noms), votre satisfaction et un commentaire :\n${c.link}\n\n${details(c)}`
	),
	report_received: mail(
		(c) => `Compte rendu reçu — ${c.what}, ${c.organisationName}`,
		(c) => `Un compte rendu a été reçu pour cette intervention.\n\n${details(c)}\n\nVoir la demande :\n${c.link}`
	),
	reminder_7d: mail(
		(c) => `Rappel : intervention dans 7 jours — ${c.when}`,
		(c) => `Rappel de l’intervention prévue dans une semaine.\n\n${details(c)}`
	),
	reminder_1d: mail(
		(c) => `Rappel : intervention demain — ${c.when}`,
		(c) => `Rappel de l’intervention prévue demain.\n\n${details(c)}`
	),
	stale: mail(
		(c) => `Demande sans réponse depuis 5 jours ouvrés — ${c.organisationName}`,
		(c) => `Cette demande attend toujours d’être étudiée.\n\n${details(c)}\n\nL’ouvrir :\n${c.link}`
	)
};
