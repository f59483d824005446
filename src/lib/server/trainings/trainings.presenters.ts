import type { TrainingRow } from './trainings.repository';

/** What the audit trail keeps of a training: every field, its job families by code (the journal shows their labels). */
export function trainingSnapshot(row: TrainingRow, jobFamilies: readonly string[]) {
	return {
		title: row.title,
		schoolOrganisationId: row.schoolOrganisationId,
		level: row.level,
		communeCode: row.communeCode,
		jobFamilies: [...jobFamilies],
		girlsShare: row.girlsShare,
		girlsShareYear: row.girlsShareYear,
		apprenticeship: row.apprenticeship,
		description: row.description,
		url: row.url
	};
}

/** A training as the edit form's values (strings; the ticked families as a list). */
export function trainingToFormValues(row: TrainingRow, jobFamilies: readonly string[]): Record<string, string | string[]> {
	return {
		title: row.title,
		schoolOrganisationId: String(row.schoolOrganisationId),
		level: row.level,
		communeCode: row.communeCode,
		jobFamilies: [...jobFamilies],
		girlsShare: row.girlsShare === null ? '' : String(row.girlsShare),
		girlsShareYear: row.girlsShareYear ?? '',
		apprenticeship: row.apprenticeship ? 'on' : '',
		description: row.description ?? '',
		url: row.url ?? '',
		version: String(row.version)
	};
}

/** A job family with its labels. */
export interface JobFamilyLabel {
	code: string;
	labelFr: string;
	labelEn: string;
}

/** A training as the public page and the API show it. */
export interface PublicTraining {
	id: number;
	title: string;
	school: { id: number; name: string; uai: string | null };
	level: string;
	commune: { code: string; name: string };
	/** The job families it leads to, in the national list's order. */
	jobFamilies: JobFamilyLabel[];
	/** Percentage 0–100 with the school year it was measured, or null when not known. */
	girlsShare: { percent: number; schoolYear: string } | null;
	apprenticeship: boolean;
	description: string | null;
	url: string | null;
}

export function presentTraining(
	row: TrainingRow,
	school: { name: string; uai: string | null },
	communeName: string,
	jobFamilies: readonly JobFamilyLabel[]
): PublicTraining {
	return {
		id: row.id,
		title: row.title,
		school: { id: row.schoolOrganisationId, name: school.name, uai: school.uai },
		level: row.level,
		commune: { code: row.communeCode, name: communeName },
		jobFamilies: [...jobFamilies],
		girlsShare: row.girlsShare !== null && row.girlsShareYear !== null ? { percent: row.girlsShare, schoolYear: row.girlsShareYear } : null,
		apprenticeship: row.apprenticeship,
		description: row.description,
		url: row.url
	};
}
