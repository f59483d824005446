/** Messages of the platform's own machinery (form origin check, readiness); spread into fr.ts and en.ts. */
export const lifecycleFr = {
	'origin.refused_title': 'Formulaire refusé',
	'origin.refused':
		'Ce formulaire a été envoyé depuis une autre adresse que celle de la plateforme : il a été refusé pour vous protéger, rien n’a été enregistré.',
	'origin.open_trusted': 'Ouvrez la plateforme à son adresse, {origin}, puis recommencez.',
	'origin.set_origin':
		'Si la plateforme doit répondre à une autre adresse, son administrateur l’indique dans la variable ORIGIN (par exemple ORIGIN=https://mixite.example.fr) puis la redémarre.',
	'ready.ok': 'La plateforme est prête : la base de données répond.',
	'ready.unavailable': 'La base de données ne répond pas : la plateforme n’est pas prête.',
	'health.ok': 'Le processus répond.'
};

export const lifecycleEn: Record<keyof typeof lifecycleFr, string> = {
	'origin.refused_title': 'Form refused',
	'origin.refused': 'This form was sent from another address than the platform’s: it was refused to protect you, nothing was saved.',
	'origin.open_trusted': 'Open the platform at its address, {origin}, and try again.',
	'origin.set_origin':
		'If the platform must answer at another address, its administrator sets it in the ORIGIN variable (for example ORIGIN=https://mixite.example.fr) and restarts it.',
	'ready.ok': 'The platform is ready: the database answers.',
	'ready.unavailable': 'The database does not answer: the platform is not ready.',
	'health.ok': 'The process answers.'
};
