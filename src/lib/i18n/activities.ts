/** Messages of the activity screens, CSV export and demo; spread into fr.ts and en.ts. */
export const activitiesFr = {
	'activities.saved_planned': 'Action prévue enregistrée : elle comptera dans l’indicateur une fois réalisée.',
	'activities.conflict_unknown': 'Entre-temps, quelqu’un d’autre a modifié cette action. Rechargez-la pour voir la version enregistrée.'
} as const;

export const activitiesEn: Record<keyof typeof activitiesFr, string> = {
	'activities.saved_planned': 'Planned activity saved: it will count in the indicator once done.',
	'activities.conflict_unknown': 'Meanwhile, someone else changed this activity. Reload it to see the saved version.'
};
