import type { RequestRow, ReportRow, SpeakerView } from './interventions.repository';

/*
 * Intervention requests as the API shows them. The requester's e-mail and phone are given only to
 * whoever manages the territory's requests (a coordinator's token): `contact` says so explicitly.
 */

/** The labels a request's codes are shown with (kind, commune, network). */
export interface RequestLabels {
	kinds: ReadonlyMap<string, { labelFr: string; labelEn: string }>;
	communes: ReadonlyMap<string, string>;
	networks: ReadonlyMap<number, { name: string; initiativeId: number | null }>;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function kindOf(row: RequestRow, labels: RequestLabels) {
	const kind = labels.kinds.get(row.kindCode);
	return { code: row.kindCode, labelFr: kind?.labelFr ?? row.kindCode, labelEn: kind?.labelEn ?? row.kindCode };
}

function networkOf(row: RequestRow, labels: RequestLabels) {
	if (row.networkId === null) return null;
	const network = labels.networks.get(row.networkId);
	return { id: row.networkId, name: network?.name ?? '', initiativeId: network?.initiativeId ?? null };
}

const communeOf = (row: RequestRow, labels: RequestLabels) => ({ code: row.communeCode, name: labels.communes.get(row.communeCode) ?? row.communeCode });

/** One line of the request list. */
export function presentRequestRow(row: RequestRow, labels: RequestLabels) {
	return {
		id: row.id,
		state: row.state,
		stateChangedAt: row.stateChangedAt.toISOString(),
		requesterKind: row.requesterKind,
		organisationName: row.organisationName,
		kind: kindOf(row, labels),
		audience: row.audience,
		level: row.level,
		expectedSize: row.expectedSize,
		wishedFrom: row.wishedFrom,
		wishedTo: row.wishedTo,
		commune: communeOf(row, labels),
		network: networkOf(row, labels),
		startsAt: iso(row.startsAt),
		endsAt: iso(row.endsAt),
		createdAt: row.createdAt.toISOString()
	};
}

export interface RequestDetail {
	request: RequestRow;
	labels: RequestLabels;
	transitions: readonly { fromState: string | null; toState: string; actorKind: string; note: string | null; createdAt: Date }[];
	speakers: readonly SpeakerView[];
	reports: readonly ReportRow[];
	/** Whether the reader manages requests: the contact's e-mail and phone, and the moves open. */
	manages: boolean;
	moves: readonly string[];
}

/** What the report stage says: none yet, reported (the activity created), or reports that disagree. */
function reportStatus(reports: readonly ReportRow[]): 'none' | 'applied' | 'conflicting' {
	if (!reports.some((r) => r.outcome === 'applied')) return 'none';
	return reports.some((r) => r.outcome === 'conflicting') ? 'conflicting' : 'applied';
}

/** A request with its history, its speakers and their answers, and its reports (counts only). */
export function presentRequest(detail: RequestDetail) {
	const { request: row, labels } = detail;
	return {
		...presentRequestRow(row, labels),
		organisationId: row.organisationId,
		groups: row.groups,
		schoolYear: row.schoolYear,
		message: row.message,
		contact: {
			name: row.contactName,
			email: detail.manages ? row.contactEmail : null,
			phone: detail.manages ? row.contactPhone : null,
			erasedAt: iso(row.personalDataErasedAt)
		},
		location: row.location,
		capacityMin: row.capacityMin,
		capacityMax: row.capacityMax,
		openToVolunteers: row.openToVolunteers,
		activityId: row.activityId,
		history: detail.transitions.map((t) => ({ from: t.fromState, to: t.toState, by: t.actorKind, note: t.note, at: t.createdAt.toISOString() })),
		speakers: detail.speakers.map((s) => ({ profileId: s.profileId, name: `${s.firstName} ${s.lastName}`, status: s.status, answeredAt: iso(s.answeredAt) })),
		report: {
			status: reportStatus(detail.reports),
			reports: detail.reports.map((r) => ({
				reporterKind: r.reporterKind,
				counts: r.counts,
				total: r.counts.reduce((sum, c) => sum + c.count, 0),
				satisfaction: r.satisfaction,
				outcome: r.outcome,
				at: r.createdAt.toISOString()
			}))
		},
		moves: [...detail.moves]
	};
}

/** A dated intervention: when, where, for whom, and the places its speakers take. */
export function presentIntervention(row: RequestRow, labels: RequestLabels, placesTaken: number) {
	return {
		id: row.id,
		state: row.state,
		kind: kindOf(row, labels),
		organisationName: row.organisationName,
		commune: communeOf(row, labels),
		location: row.location,
		startsAt: iso(row.startsAt),
		endsAt: iso(row.endsAt),
		audience: row.audience,
		level: row.level,
		expectedSize: row.expectedSize,
		network: networkOf(row, labels),
		capacityMin: row.capacityMin,
		capacityMax: row.capacityMax,
		placesTaken,
		placesLeft: Math.max(0, row.capacityMax - placesTaken),
		openToVolunteers: row.openToVolunteers
	};
}
