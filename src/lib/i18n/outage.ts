/** Messages shown while the database cannot be reached (503); spread into fr.ts and en.ts. */
export const outageFr = {
	'outage.title': 'Service momentanément indisponible',
	'outage.message':
		'La base de données ne répond pas pour le moment. Réessayez dans quelques instants ; si vous étiez en train d’enregistrer, vérifiez ensuite que votre saisie apparaît bien.',
	'outage.retry': 'Réessayer'
};

export const outageEn: Record<keyof typeof outageFr, string> = {
	'outage.title': 'Service temporarily unavailable',
	'outage.message':
		'The database is not answering at the moment. Try again in a few moments; if you were saving something, check afterwards that it was recorded.',
	'outage.retry': 'Try again'
};
