import { AUDIENCE_CODES } from '../../domain/reference';
import type { Translate, MessageKey } from '../../i18n';
import type { exportActivities } from './activities.repository';
import type { ActivityFormOptions } from './activities.options';

function cell(value: string | number | null | undefined): string {
	const text = value === null || value === undefined ? '' : String(value);
	// Formula injection: a cell starting with = + - @ is neutralised for spreadsheets.
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return /[";\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The list behind a figure, as CSV (semicolons, UTF-8 with BOM, as French spreadsheets expect).
 * The "participations" column holds each activity's count for the filtered audience and level,
 * so the column adds up to the figure the link came from.
 */
export function activitiesToCsv(data: Awaited<ReturnType<typeof exportActivities>>, options: ActivityFormOptions, t: Translate): string {
	const initiative = new Map(options.initiatives.map((i) => [i.id, i.name]));
	const commune = new Map(options.epcis.flatMap((e) => e.communes.map((c) => [c.code, { name: c.name, epci: e.name }])));
	const host = new Map(options.organisations.map((o) => [o.id, o.name]));
	const perAudience = new Map<number, Map<string, number>>();
	for (const a of data.audiences) {
		const m = perAudience.get(a.activityId) ?? new Map<string, number>();
		m.set(a.audience, (m.get(a.audience) ?? 0) + a.count);
		perAudience.set(a.activityId, m);
	}
	const header = [
		'id',
		t('field.date'),
		t('field.title'),
		t('field.initiative'),
		t('field.type'),
		'code_insee',
		t('field.commune'),
		t('field.epci'),
		t('field.host'),
		t('field.status'),
		t('field.participations'),
		...AUDIENCE_CODES.map((a) => t(`audience.${a}` as MessageKey))
	];
	const lines = [header.map(cell).join(';')];
	for (const r of data.rows) {
		const audiences = perAudience.get(r.id);
		lines.push(
			[
				r.id,
				r.date,
				r.title,
				initiative.get(r.initiativeId),
				t(`type.${r.type}` as MessageKey),
				r.communeCode,
				commune.get(r.communeCode)?.name,
				commune.get(r.communeCode)?.epci,
				r.hostOrganisationId ? host.get(r.hostOrganisationId) : '',
				t(`status.${r.status}` as MessageKey),
				r.participations,
				...AUDIENCE_CODES.map((a) => audiences?.get(a) ?? 0)
			]
				.map(cell)
				.join(';')
		);
	}
	return `\ufeff${lines.join('\r\n')}\r\n`;
}
