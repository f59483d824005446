/** Messages of the national dashboard (every territory, platform administrators); spread into fr.ts and en.ts. */
export const nationalDashboardFr = {
	'nav.national_dashboard': 'Tableau de bord national',
	'national_dashboard.title': 'Tableau de bord national',
	'national_dashboard.intro':
		'Les personnes sensibilisées par les actions réalisées dans tous les Territoires d’industrie, en chiffres, pour la période choisie : la somme des tableaux de bord des territoires.',
	'national_dashboard.all_territories': 'Tous les territoires',
	'national_dashboard.file_scope': 'tous les territoires de la plateforme',
	'national_dashboard.by_territory': 'Par territoire'
};

export const nationalDashboardEn: Record<keyof typeof nationalDashboardFr, string> = {
	'nav.national_dashboard': 'National dashboard',
	'national_dashboard.title': 'National dashboard',
	'national_dashboard.intro':
		'People reached by completed activities in every Territoire d’industrie, in figures, for the period chosen: the sum of the territories’ dashboards.',
	'national_dashboard.all_territories': 'All territories',
	'national_dashboard.file_scope': 'every territory of the platform',
	'national_dashboard.by_territory': 'By territory'
};
