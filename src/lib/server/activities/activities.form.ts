import type { FieldErrors } from '../shared/errors';

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
