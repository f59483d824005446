import type { organisations } from './organisations.table';

type OrganisationRow = typeof organisations.$inferSelect;

/** An organisation as the API shows it: explicit fields, never ORM rows. */
export function presentOrganisation(o: OrganisationRow & { status?: string }) {
	return {
		id: o.id,
		name: o.name,
		kind: o.kind,
		siren: o.siren,
		siret: o.siret,
		uai: o.uai,
		communeCode: o.communeCode,
		website: o.website,
		parentId: o.parentId,
		description: o.description,
		...(o.status ? { status: o.status } : {})
	};
}

/** The record as the edit form shows it (empty strings for what is not set). */
export function organisationToFormValues(o: OrganisationRow): Record<string, string> {
	return {
		name: o.name,
		kind: o.kind,
		siren: o.siren ?? '',
		siret: o.siret ?? '',
		uai: o.uai ?? '',
		communeCode: o.communeCode ?? '',
		website: o.website ?? '',
		description: o.description ?? ''
	};
}

/** What the audit trail keeps of an organisation. */
export function organisationSnapshot(o: OrganisationRow) {
	const { createdAt, territoryId, ...fields } = o;
	void createdAt;
	void territoryId;
	return fields;
}
