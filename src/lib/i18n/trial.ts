/** Messages added after a new user's trial (issue #6): audit actions, typography, notes on figures. */
export const trialFr = {
	'audit.action.change_password': 'Changement de mot de passe',
	'audit.action.end_membership': 'Retrait du territoire',
	// Before a colon, French puts a (non-breaking) space, English none: the separator is a message, not markup.
	'text.colon': '\u00a0:',
	'activities.not_counted_cancelled': 'annulée : ne compte pas dans l’indicateur',
	'activities.not_counted_planned': 'prévue : comptera une fois réalisée',
	// Label after the big figure (the number is its own element): "1 Action réalisée", "2 Actions réalisées".
	'indicator.activities_done_label.one': 'Action réalisée',
	'indicator.activities_done_label.other': 'Actions réalisées',
	'home.demo_territory': 'Démonstration : données fictives'
} as const;

export const trialEn: Record<keyof typeof trialFr, string> = {
	'audit.action.change_password': 'Password changed',
	'audit.action.end_membership': 'Removed from the territory',
	'text.colon': ':',
	'activities.not_counted_cancelled': 'cancelled: not counted in the indicator',
	'activities.not_counted_planned': 'planned: will count once completed',
	'indicator.activities_done_label.one': 'Completed activity',
	'indicator.activities_done_label.other': 'Completed activities',
	'home.demo_territory': 'Demonstration: fictional data'
};
