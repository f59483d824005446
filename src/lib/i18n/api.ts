/** Messages of the API: the query string of its lists and of its indicator, read strictly. */
export const apiFr = {
	'api.query_unknown': 'Paramètre inconnu. Paramètres acceptés : {names}.',
	'api.query_one_of': 'Valeur non reconnue. Valeurs acceptées : {values}.',
	'api.query_invalid': 'Valeur non reconnue pour ce paramètre.',
	'api.query_date': 'Indiquez un jour réel au format AAAA-MM-JJ (par exemple 2026-09-01).',
	'api.query_month': 'Indiquez un mois au format AAAA-MM (par exemple 2026-09).',
	'api.query_initiative_unknown':
		'Ce territoire n’a aucune initiative portant ce numéro. Les numéros de ses initiatives sont ceux de son plan (GET /api/v1/territories/…/plan, champ initiatives).'
} as const;

export const apiEn: Record<keyof typeof apiFr, string> = {
	'api.query_unknown': 'Unknown parameter. Accepted parameters: {names}.',
	'api.query_one_of': 'Value not recognised. Accepted values: {values}.',
	'api.query_invalid': 'Value not recognised for this parameter.',
	'api.query_date': 'Give a real day in the format YYYY-MM-DD (for example 2026-09-01).',
	'api.query_month': 'Give a month in the format YYYY-MM (for example 2026-09).',
	'api.query_initiative_unknown':
		'This territory has no initiative with this number. Its initiatives’ numbers are those of its plan (GET /api/v1/territories/…/plan, field initiatives).'
};
