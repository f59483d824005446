/** Messages of the map of communes (participations per 1,000 inhabitants); spread into fr.ts and en.ts. */
export const mapFr = {
	'map.title': 'Carte des communes',
	'map.meta': 'Participations aux actions pour 1 000 habitants dans chaque commune du territoire {territory}, et communes jamais atteintes.',
	'map.link': 'Voir la carte des communes',
	'map.intro':
		'Pour chaque commune : les participations aux actions réalisées sur la période, rapportées à sa population (pour 1 000 habitants). Une commune jamais atteinte n’a accueilli aucune action réalisée sur cette période.',
	'map.label': 'Carte des communes du territoire : participations pour 1 000 habitants, {period}',
	'map.legend': 'Légende',
	'map.legend_class': 'de {from} à {to} pour 1 000 habitants',
	'map.legend_single': '{from} pour 1 000 habitants',
	'map.never_reached': 'Jamais atteinte',
	'map.no_rate': 'Atteinte, population inconnue',
	'map.commune_title.one': '{name} : {count} participation, {rate} pour 1 000 habitants',
	'map.commune_title.other': '{name} : {count} participations, {rate} pour 1 000 habitants',
	'map.commune_title_never': '{name} : jamais atteinte',
	'map.commune_title_no_rate.one': '{name} : {count} participation, population inconnue',
	'map.commune_title_no_rate.other': '{name} : {count} participations, population inconnue',
	'map.n_communes.one': '{count} commune',
	'map.n_communes.other': '{count} communes',
	'map.not_drawn.one': '{count} commune sur {total} n’a pas de contour : elle figure dans le tableau, pas sur la carte.',
	'map.not_drawn.other': '{count} communes sur {total} n’ont pas de contour : elles figurent dans le tableau, pas sur la carte.',
	'map.summary.one': '{count} commune jamais atteinte sur {total}.',
	'map.summary.other': '{count} communes jamais atteintes sur {total}.',
	'map.no_outlines':
		'La carte s’affichera dès qu’une administratrice ou un administrateur de la plateforme aura importé les contours des communes. En attendant, le tableau ci-dessous donne les mêmes chiffres.',
	'map.table': 'Participations par commune, pour 1 000 habitants',
	'map.table_help': 'Classé du taux le plus élevé au plus faible ; les communes jamais atteintes viennent ensuite.',
	'map.col.commune': 'Commune',
	'map.col.epci': 'Intercommunalité',
	'map.col.population': 'Population',
	'map.col.participations': 'Participations',
	'map.col.rate': 'Pour 1 000 habitants',
	'map.unknown': 'inconnue',
	'map.source':
		'Population : Insee, via le découpage administratif d’Etalab. Participations : actions réalisées (une personne présente à une action compte une fois par action).'
} as const;

export const mapEn: Record<keyof typeof mapFr, string> = {
	'map.title': 'Map of municipalities',
	'map.meta': 'Participations in activities per 1,000 inhabitants in each municipality of {territory}, and municipalities never reached.',
	'map.link': 'See the map of municipalities',
	'map.intro':
		'For each municipality: participations in the activities done over the period, relative to its population (per 1,000 inhabitants). A municipality never reached hosted no activity done over this period.',
	'map.label': 'Map of the territory’s municipalities: participations per 1,000 inhabitants, {period}',
	'map.legend': 'Legend',
	'map.legend_class': '{from} to {to} per 1,000 inhabitants',
	'map.legend_single': '{from} per 1,000 inhabitants',
	'map.never_reached': 'Never reached',
	'map.no_rate': 'Reached, population unknown',
	'map.commune_title.one': '{name}: {count} participation, {rate} per 1,000 inhabitants',
	'map.commune_title.other': '{name}: {count} participations, {rate} per 1,000 inhabitants',
	'map.commune_title_never': '{name}: never reached',
	'map.commune_title_no_rate.one': '{name}: {count} participation, population unknown',
	'map.commune_title_no_rate.other': '{name}: {count} participations, population unknown',
	'map.n_communes.one': '{count} municipality',
	'map.n_communes.other': '{count} municipalities',
	'map.not_drawn.one': '{count} municipality out of {total} has no outline: it is in the table, not on the map.',
	'map.not_drawn.other': '{count} municipalities out of {total} have no outline: they are in the table, not on the map.',
	'map.summary.one': '{count} municipality never reached out of {total}.',
	'map.summary.other': '{count} municipalities never reached out of {total}.',
	'map.no_outlines':
		'The map will show once a platform administrator has imported the municipalities’ outlines. Meanwhile, the table below gives the same figures.',
	'map.table': 'Participations by municipality, per 1,000 inhabitants',
	'map.table_help': 'Ordered from the highest rate to the lowest; municipalities never reached come last.',
	'map.col.commune': 'Municipality',
	'map.col.epci': 'Intermunicipality',
	'map.col.population': 'Population',
	'map.col.participations': 'Participations',
	'map.col.rate': 'Per 1,000 inhabitants',
	'map.unknown': 'unknown',
	'map.source':
		'Population: INSEE, via Etalab’s administrative divisions. Participations: activities done (a person present at an activity counts once per activity).'
};
