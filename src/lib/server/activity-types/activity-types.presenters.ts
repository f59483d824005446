import type { nationalActivityTypes } from './activity-types.usecases';

/** The national list as the API shows it; labels are the French catalogue's. */
export function presentActivityTypes(rows: Awaited<ReturnType<typeof nationalActivityTypes>>, label: (code: string) => string) {
	return rows.map((r) => ({ code: r.code, label: label(r.code), position: r.position, retired: r.retired }));
}
