/** Messages of the activity screens, CSV export and demo; spread into fr.ts and en.ts. */
export const activitiesFr = {
	'activities.saved_planned': 'Action prévue enregistrée : elle comptera dans l’indicateur une fois réalisée.',
	'activities.conflict_unknown': 'Entre-temps, quelqu’un d’autre a modifié cette action. Rechargez-la pour voir la version enregistrée.',
	'activities.conflict_item': '{field} : « {theirs} » (version enregistrée)',
	'activities.conflict_item_yours': '{field} : « {theirs} » (version enregistrée) / « {yours} » (votre saisie, non enregistrée)',
	'activities.n_actions.one': '{count} action',
	'activities.n_actions.other': '{count} actions',
	'activities.n_participations.one': '{count} participation',
	'activities.n_participations.other': '{count} participations',
	/** "Toutes" for feminine nouns: initiative, intercommunalité, commune. */
	'field.any_feminine': 'Toutes',
	'csv.id': 'Identifiant',
	'csv.code_insee': 'Code INSEE',
	'csv.audience_column': 'Public : {audience}',
	'csv.level_column': 'Niveau : {level}',
	'csv.counted': 'Publics comptés dans « Participations »',
	'csv.counted_all': 'Tous les publics',
	'csv.all_levels': 'tous niveaux'
} as const;

export const activitiesEn: Record<keyof typeof activitiesFr, string> = {
	'activities.saved_planned': 'Planned activity saved: it will count in the indicator once done.',
	'activities.conflict_unknown': 'Meanwhile, someone else changed this activity. Reload it to see the saved version.',
	'activities.conflict_item': '{field}: “{theirs}” (saved version)',
	'activities.conflict_item_yours': '{field}: “{theirs}” (saved version) / “{yours}” (your entry, not saved)',
	'activities.n_actions.one': '{count} activity',
	'activities.n_actions.other': '{count} activities',
	'activities.n_participations.one': '{count} participation',
	'activities.n_participations.other': '{count} participations',
	'field.any_feminine': 'All',
	'csv.id': 'Id',
	'csv.code_insee': 'INSEE code',
	'csv.audience_column': 'Audience: {audience}',
	'csv.level_column': 'Level: {level}',
	'csv.counted': 'Audiences counted in “Participations”',
	'csv.counted_all': 'All audiences',
	'csv.all_levels': 'all levels'
};
