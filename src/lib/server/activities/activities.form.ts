import type { ActivitySnapshot } from './activities.repository';
import type { FieldErrors } from '../shared/errors';

/** An activity as the HTML form's flat values ("aud.<audience>.<level>" per cell). */
export function activityToFormValues(a: ActivitySnapshot): Record<string, string | number | null> {
	const values: Record<string, string | number | null> = {
		initiativeId: a.initiativeId,
		type: a.type,
		title: a.title,
		date: a.date,
		communeCode: a.communeCode,
		hostOrganisationId: a.hostOrganisationId,
		status: a.status,
		notes: a.notes,
		version: a.version
	};
	for (const cell of a.audiences) values[`aud.${cell.audience}.${cell.level}`] = cell.count;
	return values;
}

/** zod paths on the audiences array ("audiences.3.count") → the grid's field names. */
export function mapAudienceErrors(fields: FieldErrors, input: Record<string, unknown>): FieldErrors {
	const cells = (input.audiences ?? []) as { audience: string; level: string }[];
	const out: FieldErrors = {};
	for (const [path, message] of Object.entries(fields)) {
		const m = /^audiences\.(\d+)\./.exec(path);
		const cell = m ? cells[Number(m[1])] : undefined;
		out[cell ? `aud.${cell.audience}.${cell.level}` : path] = message;
	}
	return out;
}
