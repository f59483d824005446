/** Messages of « Elles témoignent », the role models' public profiles (the list and her page); spread into fr.ts and en.ts. */
export const witnessesFr = {
	'witnesses.title': 'Elles témoignent',
	'witnesses.intro': 'Des femmes de l’industrie du territoire qui ont accepté de présenter leur métier et leur parcours.',
	'witnesses.none': 'Aucun profil public pour l’instant.',
	'witnesses.job': 'Métier',
	'witnesses.firm': 'Entreprise',
	'witnesses.sector': 'Secteur',
	'witnesses.networks': 'Réseaux',
	'witnesses.training_path': 'Parcours de formation',
	'witnesses.back': '← Toutes les femmes qui témoignent',
	'witnesses.ask': 'Demander une intervention',
	'witnesses.at_firm': 'chez {firm}',
	'witnesses.member_of': 'Membre de',
	'witnesses.path_title': 'Son parcours',
	'witnesses.meet_title': 'Rencontrer {firstName}',
	'witnesses.meet_help':
		'Collège, lycée, agence pour l’emploi, association : demandez une intervention et citez {firstName} dans votre message. La coordination du territoire vous propose une date selon ses disponibilités, ou une autre femme de l’industrie.'
};

export const witnessesEn: Record<keyof typeof witnessesFr, string> = {
	'witnesses.title': 'Women who speak',
	'witnesses.intro': 'Women working in the territory’s industry who agreed to present their job and their path.',
	'witnesses.none': 'No public profile yet.',
	'witnesses.job': 'Job',
	'witnesses.firm': 'Company',
	'witnesses.sector': 'Sector',
	'witnesses.networks': 'Networks',
	'witnesses.training_path': 'Training path',
	'witnesses.back': '← All the women who speak',
	'witnesses.ask': 'Ask for an intervention',
	'witnesses.at_firm': 'at {firm}',
	'witnesses.member_of': 'Member of',
	'witnesses.path_title': 'Her path',
	'witnesses.meet_title': 'Meet {firstName}',
	'witnesses.meet_help':
		'Secondary school, job centre, association: ask for an intervention and name {firstName} in your message. The territory’s coordination offers you a date as she is available, or another woman from industry.'
};
