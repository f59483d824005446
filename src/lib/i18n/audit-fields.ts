/**
 * The journal's words for the fields of traces that had none: an import's counts, an initiative's
 * links, an organisation's identifiers, the plan's texts. audit.labels.test.ts reads every
 * recordAudit call and fails on a field written without a label here or beside its domain.
 */
export const auditFieldsFr = {
	'audit.field.rows': 'Lignes',
	'audit.field.created': 'Actions créées',
	'audit.field.duplicates': 'Doublons',
	'audit.field.participations': 'Participations',
	'audit.field.activityIds': 'Actions n°',
	'audit.field.activityTypes': 'Types d’actions',
	'audit.field.organisations': 'Structures',
	'audit.field.position': 'Position',
	'audit.field.body': 'Texte',
	'audit.field.summary': 'Résumé',
	'audit.field.consentOn': 'Consentement donné le',
	'audit.field.order': 'Ordre',
	'audit.field.copiedFromPlanId': 'Copié du plan n°',
	'audit.field.sourceTerritory': 'Territoire d’origine',
	'audit.field.objectives': 'Objectifs',
	'audit.field.parentId': 'Structure de rattachement',
	'audit.field.siren': 'SIREN',
	'audit.field.siret': 'SIRET',
	'audit.field.uai': 'UAI',
	'audit.field.website': 'Site web',
	'audit.field.readOnly': 'Lecture seule',
	'audit.field.roles': 'Rôles',
	/** A field recorded long ago whose name has no label any more: its value is shown, never its code name. */
	'audit.field.other': 'Autre information',
	'audit.subject.activity_import': 'Actions n° {ids}',
	'audit.value.initiative_role.lead': 'Pilote',
	'audit.value.initiative_role.partner': 'Partenaire',
	'audit.value.initiative_role.network': 'Réseau'
} as const;

export const auditFieldsEn: Record<keyof typeof auditFieldsFr, string> = {
	'audit.field.rows': 'Rows',
	'audit.field.created': 'Activities created',
	'audit.field.duplicates': 'Duplicates',
	'audit.field.participations': 'Participations',
	'audit.field.activityIds': 'Activities no.',
	'audit.field.activityTypes': 'Types of activity',
	'audit.field.organisations': 'Organisations',
	'audit.field.position': 'Position',
	'audit.field.body': 'Text',
	'audit.field.summary': 'Summary',
	'audit.field.consentOn': 'Consent given on',
	'audit.field.order': 'Order',
	'audit.field.copiedFromPlanId': 'Copied from plan no.',
	'audit.field.sourceTerritory': 'Source territory',
	'audit.field.objectives': 'Objectives',
	'audit.field.parentId': 'Parent organisation',
	'audit.field.siren': 'SIREN',
	'audit.field.siret': 'SIRET',
	'audit.field.uai': 'UAI',
	'audit.field.website': 'Website',
	'audit.field.readOnly': 'Read-only',
	'audit.field.roles': 'Roles',
	'audit.field.other': 'Other information',
	'audit.subject.activity_import': 'Activities no. {ids}',
	'audit.value.initiative_role.lead': 'Lead',
	'audit.value.initiative_role.partner': 'Partner',
	'audit.value.initiative_role.network': 'Network'
};
