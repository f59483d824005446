/** A role model's answer to a proposal through her e-mail link, and what a used, expired or unknown link says; spread into fr.ts and en.ts. */
export const interventionsAnswerFr = {
	'interventions.answer.title': 'Proposition d’intervention',
	'interventions.answer.intro': 'La coordination vous propose cette intervention. Votre réponse est enregistrée en un clic, sans mot de passe.',
	'interventions.answer.accept': 'J’accepte',
	'interventions.answer.decline': 'Je décline',
	'interventions.answer.accepted':
		'Merci ! Votre acceptation est enregistrée. L’intervention attend d’autres intervenantes : vous recevrez l’invitation pour votre agenda dès qu’elle sera confirmée.',
	'interventions.answer.waitlisted': 'Merci ! L’intervention est complète : vous êtes sur la liste d’attente.',
	'interventions.answer.declined': 'C’est noté : vous avez décliné cette proposition. Merci d’avoir répondu.',
	'interventions.link.unknown': 'Ce lien n’est pas valide. Vérifiez qu’il a été copié en entier depuis l’e-mail.',
	'interventions.link.used': 'Ce lien a déjà servi : une seule réponse est possible. Contactez la coordination pour changer votre réponse.',
	'interventions.link.expired': 'Ce lien a expiré. Contactez la coordination du territoire si vous souhaitez encore répondre.',
	'interventions.link.closed': 'Cette demande n’attend plus de réponse de votre part (elle a été confirmée, annulée ou close).',
	'interventions.link.title': 'Lien inutilisable',
	'interventions.link.status.accepted': 'Votre réponse est enregistrée : vous avez accepté cette intervention.',
	'interventions.link.status.declined': 'Votre réponse est enregistrée : vous avez décliné cette intervention.',
	'interventions.link.status.waitlisted': 'Vous êtes sur la liste d’attente de cette intervention.',
	'interventions.link.status.withdrawn': 'Vous avez libéré votre place pour cette intervention.',
	'interventions.link.see_mine': 'Voir mes interventions (connexion)'
};

export const interventionsAnswerEn: Record<keyof typeof interventionsAnswerFr, string> = {
	'interventions.answer.title': 'Intervention proposal',
	'interventions.answer.intro': 'The coordination proposes this intervention to you. Your answer is recorded in one click, without a password.',
	'interventions.answer.accept': 'I accept',
	'interventions.answer.decline': 'I decline',
	'interventions.answer.accepted': 'Thank you! Your acceptance is recorded; you will receive the calendar invitation once the intervention is confirmed.',
	'interventions.answer.waitlisted': 'Thank you! The intervention is full: you are on the waiting list.',
	'interventions.answer.declined': 'Noted: you declined this proposal. Thank you for answering.',
	'interventions.link.unknown': 'This link is not valid. Check that it was copied whole from the e-mail.',
	'interventions.link.used': 'This link has already been used: only one answer is possible. Contact the coordination to change your answer.',
	'interventions.link.expired': 'This link has expired. Contact the territory’s coordination if you still wish to answer.',
	'interventions.link.closed': 'This request no longer awaits your answer (it was confirmed, cancelled or closed).',
	'interventions.link.title': 'Link cannot be used',
	'interventions.link.status.accepted': 'Your answer is recorded: you accepted this intervention.',
	'interventions.link.status.declined': 'Your answer is recorded: you declined this intervention.',
	'interventions.link.status.waitlisted': 'You are on the waiting list of this intervention.',
	'interventions.link.status.withdrawn': 'You gave back your place for this intervention.',
	'interventions.link.see_mine': 'See my interventions (sign in)'
};
