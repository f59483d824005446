import crypto from 'node:crypto';
import { translator } from '../../i18n';
import type { Principal } from '../accounts/permissions';
import { todayInParis } from '../shared/paris-time';
import { entityHistory, recordAudit } from '../audit/audit.repository';
import { config } from '../config';
import type { Db } from '../db/client';
import { enqueueMail } from '../outbox/outbox.repository';
import { listOrganisations } from '../organisations/organisations.repository';
import { listInitiatives } from '../plan/plan.repository';
import { ValidationError, type FieldErrors } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import { SYSTEM_ACTOR, type Actor, type TerritoryScope } from '../shared/scope';
import { listTerritories } from '../territories/territories.repository';
import { AgreementConflictError, AgreementFileNotFoundError, AgreementNotFoundError } from './agreements.errors';
import { agreementReach, agreementWriteReach } from './agreements.policy';
import * as repo from './agreements.repository';
import { agreementDeletionSchema, agreementInputSchema, pdfUploadSchema, type AgreementInput } from './agreements.schemas';

const ENTITY = 'agreement';

export const AGREEMENT_STATUSES = ['upcoming', 'active', 'renewal_due', 'expired'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
type Dated = Pick<repo.AgreementRow, 'startsOn' | 'endsOn' | 'reminderDays'>;

function addDays(isoDay: string, days: number): string {
	const d = new Date(`${isoDay}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** The first rule that applies gives the status; none applies: the agreement is in force. */
const STATUS_RULES: readonly { status: AgreementStatus; applies: (a: Dated, today: string) => boolean }[] = [
	{ status: 'expired', applies: (a, today) => !!a.endsOn && a.endsOn < today },
	{ status: 'upcoming', applies: (a, today) => !!a.startsOn && a.startsOn > today },
	// The same window as the reminder e-mail (listDueForReminder).
	{ status: 'renewal_due', applies: (a, today) => !!a.endsOn && a.endsOn <= addDays(today, a.reminderDays) }
];

export function agreementStatus(a: Dated, today: string): AgreementStatus {
	return STATUS_RULES.find((rule) => rule.applies(a, today))?.status ?? 'active';
}

type FileMeta = { name: string; size: number; sha256: string };
const metaOf = (f: FileMeta | null | undefined): FileMeta | null => (f ? { name: f.name, size: f.size, sha256: f.sha256 } : null);

/** What the audit trail keeps of an agreement: its fields, its links, and which PDF (never the bytes). */
function snapshot(row: repo.AgreementRow, links: { partyIds: readonly number[]; initiativeIds: readonly number[] }, file: FileMeta | null) {
	const { createdAt, updatedAt, ...fields } = row;
	void createdAt;
	void updatedAt;
	const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);
	return { ...fields, partyIds: sorted(links.partyIds), initiativeIds: sorted(links.initiativeIds), file: metaOf(file) };
}

/** Runs inside transactions: one query at a time (a transaction is one connection). */
async function storedSnapshot(db: Db, scope: TerritoryScope, row: repo.AgreementRow) {
	const parties = await repo.listParties(db, scope, [row.id]);
	const links = await repo.listInitiativeLinks(db, scope, [row.id]);
	const files = await repo.listFileMeta(db, scope, [row.id]);
	return snapshot(row, { partyIds: parties.map((p) => p.organisationId), initiativeIds: links.map((l) => l.initiativeId) }, files[0] ?? null);
}

function parseOrThrow<T>(result: { success: true; data: T } | { success: false; error: Parameters<typeof toFieldErrors>[0] }): T {
	if (!result.success) throw new ValidationError(toFieldErrors(result.error));
	return result.data;
}

/** Parties and initiatives must belong to the territory: an id from elsewhere is refused as unknown. */
async function checkReferences(db: Db, scope: TerritoryScope, input: AgreementInput): Promise<void> {
	const organisations = await listOrganisations(db, scope);
	const initiatives = await listInitiatives(db, scope);
	const organisationIds = new Set(organisations.map((o) => o.id));
	const initiativeIds = new Set(initiatives.map((i) => i.id));
	const errors: FieldErrors = {};
	if (input.partyIds.some((id) => !organisationIds.has(id))) errors.partyIds = { key: 'validation.agreement_party_unknown' };
	if (input.initiativeIds.some((id) => !initiativeIds.has(id))) errors.initiativeIds = { key: 'validation.agreement_initiative_unknown' };
	if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

function rowValues(input: AgreementInput): repo.AgreementValues {
	const { title, object, commitments, signedOn, startsOn, endsOn, reminderDays } = input;
	return { title, object, commitments, signedOn, startsOn, endsOn, reminderDays };
}

export async function createAgreement(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	const input = parseOrThrow(agreementInputSchema.safeParse(raw));
	return db.transaction(async (tx) => {
		await checkReferences(tx, scope, input);
		const row = await repo.insertAgreement(tx, scope, rowValues(input));
		await repo.replaceParties(tx, scope, row.id, input.partyIds);
		await repo.replaceInitiativeLinks(tx, scope, row.id, input.initiativeIds);
		await recordAudit(tx, scope, actor, { action: 'create', entityType: ENTITY, entityId: row.id, after: snapshot(row, input, null) });
		return row;
	});
}

/**
 * Locks the agreement for the caller's transaction. Checked before the input, so that another
 * territory's id is a 404 whatever was sent.
 */
async function lockAgreement(tx: Db, scope: TerritoryScope, id: number): Promise<repo.AgreementRow> {
	const current = await repo.findAgreement(tx, scope, id, agreementWriteReach(), { forUpdate: true });
	if (!current) throw new AgreementNotFoundError();
	return current;
}

/**
 * Replaces an agreement's fields, parties and initiative links. expectedVersion is the version the
 * editor saw: a stale save is refused, never merged silently.
 */
export async function updateAgreement(db: Db, scope: TerritoryScope, actor: Actor, id: number, expectedVersion: number, raw: unknown) {
	return db.transaction(async (tx) => {
		const current = await lockAgreement(tx, scope, id);
		const input = parseOrThrow(agreementInputSchema.safeParse(raw));
		const before = await storedSnapshot(tx, scope, current);
		if (current.version !== expectedVersion) throw new AgreementConflictError(before);
		await checkReferences(tx, scope, input);
		const values = rowValues(input);
		// A new end date or reminder window is a new term: its renewal reminder is due again.
		const newTerm = values.endsOn !== current.endsOn || values.reminderDays !== current.reminderDays;
		const row = await repo.updateAgreementRow(tx, scope, id, newTerm ? { ...values, reminderSentAt: null } : values);
		await repo.replaceParties(tx, scope, id, input.partyIds);
		await repo.replaceInitiativeLinks(tx, scope, id, input.initiativeIds);
		await recordAudit(tx, scope, actor, { action: 'update', entityType: ENTITY, entityId: id, before, after: snapshot(row, input, before.file) });
		return row;
	});
}

export async function deleteAgreement(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown) {
	await db.transaction(async (tx) => {
		const current = await lockAgreement(tx, scope, id);
		const { version } = parseOrThrow(agreementDeletionSchema.safeParse(raw));
		const before = await storedSnapshot(tx, scope, current);
		if (current.version !== version) throw new AgreementConflictError(before);
		await repo.deleteAgreementRow(tx, scope, id);
		await recordAudit(tx, scope, actor, { action: 'delete', entityType: ENTITY, entityId: id, before });
	});
}

/** Stores the signed PDF (replacing the previous one) after checking its bytes and size. */
export async function attachAgreementFile(db: Db, scope: TerritoryScope, actor: Actor, id: number, upload: { name: string; bytes: Uint8Array } | null) {
	await db.transaction(async (tx) => {
		await lockAgreement(tx, scope, id);
		const { name, bytes } = parseOrThrow(pdfUploadSchema.safeParse({ file: upload })).file;
		const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		const file = { name, size: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex'), content };
		const [previous] = await repo.listFileMeta(tx, scope, [id]);
		await repo.saveFile(tx, scope, id, file);
		await recordAudit(tx, scope, actor, {
			action: 'upload',
			entityType: ENTITY,
			entityId: id,
			before: { file: metaOf(previous) },
			after: { file: metaOf(file) }
		});
	});
}

export async function listAgreements(db: Db, scope: TerritoryScope, viewer: Principal, options: { today?: string } = {}) {
	const reach = agreementReach(viewer, scope.territoryId);
	const today = options.today ?? todayInParis();
	const rows = await repo.listAgreements(db, scope, reach);
	const ids = rows.map((r) => r.id);
	const [parties, files] = await Promise.all([repo.listParties(db, scope, ids), repo.listFileMeta(db, scope, ids)]);
	const withFile = new Set(files.map((f) => f.agreementId));
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		signedOn: r.signedOn,
		startsOn: r.startsOn,
		endsOn: r.endsOn,
		status: agreementStatus(r, today),
		parties: parties.filter((p) => p.agreementId === r.id).map((p) => p.name),
		hasFile: withFile.has(r.id)
	}));
}

/** One agreement with its parties, initiatives and PDF description; out of reach is the same 404 as unknown. */
export async function getAgreement(db: Db, scope: TerritoryScope, viewer: Principal, id: number, options: { today?: string } = {}) {
	const reach = agreementReach(viewer, scope.territoryId);
	const row = await repo.findAgreement(db, scope, id, reach);
	if (!row) throw new AgreementNotFoundError();
	const [parties, initiatives, files] = await Promise.all([
		repo.listParties(db, scope, [id]),
		repo.listInitiativeLinks(db, scope, [id]),
		repo.listFileMeta(db, scope, [id])
	]);
	return {
		...row,
		status: agreementStatus(row, options.today ?? todayInParis()),
		parties: parties.map((p) => ({ id: p.organisationId, name: p.name })),
		initiatives: initiatives.map((i) => ({ id: i.initiativeId, name: i.name })),
		file: files[0] ?? null
	};
}

export async function getAgreementFile(db: Db, scope: TerritoryScope, viewer: Principal, id: number) {
	const reach = agreementReach(viewer, scope.territoryId);
	const row = await repo.findAgreement(db, scope, id, reach);
	if (!row) throw new AgreementNotFoundError();
	const file = await repo.findFile(db, scope, id);
	if (!file) throw new AgreementFileNotFoundError();
	return { name: file.name, size: file.size, sha256: file.sha256, content: file.content };
}

/** The agreements each initiative rests on, by initiative id, within the viewer's reach. */
export async function agreementsByInitiative(db: Db, scope: TerritoryScope, viewer: Principal): Promise<Map<number, { id: number; title: string }[]>> {
	const reach = agreementReach(viewer, scope.territoryId);
	const links = await repo.listAgreementsOfInitiatives(db, scope, reach);
	const out = new Map<number, { id: number; title: string }[]>();
	for (const l of links) out.set(l.initiativeId, [...(out.get(l.initiativeId) ?? []), { id: l.agreementId, title: l.title }]);
	return out;
}

/** Choices offered by the agreement form: the territory's organisations and initiatives. */
export async function agreementFormOptions(db: Db, scope: TerritoryScope) {
	const [organisations, initiatives] = await Promise.all([listOrganisations(db, scope), listInitiatives(db, scope)]);
	return { organisations: organisations.map((o) => ({ id: o.id, name: o.name })), initiatives: initiatives.map((i) => ({ id: i.id, name: i.name })) };
}

/** The agreement's own audit trail, newest first. */
export function agreementHistory(db: Db, scope: TerritoryScope, id: number) {
	return entityHistory(db, scope, ENTITY, id);
}

export interface ReminderLine {
	territory: string;
	agreementId: number;
	title: string;
	endsOn: string;
}
export interface ReminderReport {
	sent: (ReminderLine & { recipients: string[] })[];
	/** Nobody to tell: left unmarked, so the reminder goes out once a coordinator exists. */
	noCoordinator: ReminderLine[];
	failed: (ReminderLine & { error: string })[];
}

const longFrenchDate = (isoDay: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));

/**
 * Writes, once per agreement, a French e-mail to each of the territory's coordinators when the
 * agreement's end is within its reminder window, and records it. Each agreement is claimed, its
 * messages enqueued (outbox) and marked in one transaction: a concurrent run skips it, and the
 * outbox's worker sends the messages, retrying while the SMTP server is down.
 */
export async function sendRenewalReminders(db: Db, options: { today?: string; now?: () => Date } = {}): Promise<ReminderReport> {
	const today = options.today ?? todayInParis();
	const t = translator('fr');
	const report: ReminderReport = { sent: [], noCoordinator: [], failed: [] };
	for (const territory of await listTerritories(db)) {
		const scope = { territoryId: territory.id };
		const due = await repo.listDueForReminder(db, scope, today);
		if (due.length === 0) continue;
		const recipients = await repo.listCoordinatorEmails(db, scope);
		for (const candidate of due) {
			const line: ReminderLine = { territory: territory.name, agreementId: candidate.id, title: candidate.title, endsOn: candidate.endsOn ?? '' };
			if (recipients.length === 0) {
				report.noCoordinator.push(line);
				continue;
			}
			try {
				const sent = await db.transaction(async (tx) => {
					const [row] = await repo.listDueForReminder(tx, scope, today, { id: candidate.id, lock: true });
					if (!row?.endsOn) return false; // reminded by another run meanwhile, or its dates changed
					const parties = await repo.listParties(tx, scope, [row.id]);
					const params = { title: row.title, territory: territory.name, date: longFrenchDate(row.endsOn) };
					const subject = t('agreements.reminder.subject', params);
					const text = t('agreements.reminder.body', {
						...params,
						parties: parties.map((p) => p.name).join(', '),
						url: `${config().baseURL}/t/${territory.slug}/conventions/${row.id}`,
						days: row.reminderDays
					});
					for (const to of recipients) await enqueueMail(tx, { territoryId: territory.id, kind: 'agreement_reminder', to, subject, text });
					const at = options.now?.() ?? new Date();
					await repo.markReminderSent(tx, scope, row.id, at);
					await recordAudit(tx, scope, SYSTEM_ACTOR, {
						action: 'remind',
						entityType: ENTITY,
						entityId: row.id,
						before: { reminderSentAt: null },
						after: { reminderSentAt: at, recipients: recipients.length }
					});
					return true;
				});
				if (sent) report.sent.push({ ...line, recipients });
			} catch (e) {
				report.failed.push({ ...line, error: e instanceof Error ? e.message : String(e) });
			}
		}
	}
	return report;
}
