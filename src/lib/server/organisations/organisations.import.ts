import { parse } from 'csv-parse/sync';
import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { ValidationError } from '../shared/errors';
import { communeCodeSchema, isUai } from '../shared/schemas';
import type { Actor, TerritoryScope } from '../shared/scope';
import { listCommunes } from '../territories/territories.repository';
import { OrganisationNotFoundError } from './organisations.errors';
import { mayManageOrganisations, organisationReach } from './organisations.policy';
import { organisationSnapshot } from './organisations.presenters';
import { insertOrganisation, updateOrganisationRow } from './organisations.repository';
import { organisations } from './organisations.table';

/*
 * The schools of the territory from the official "Annuaire de l'éducation" export
 * (data.education.gouv.fr, `;`-separated, UTF-8, sometimes with a BOM): only the rows of the
 * territory's communes, upserted by UAI (a re-import creates no duplicate), each UAI checked
 * with its key letter. A dry run says what would change; the commit does it in one transaction.
 */

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const COLUMNS = {
	uai: 'Identifiant_de_l_etablissement',
	name: 'Nom_etablissement',
	commune: 'Code_commune'
} as const;

export type ImportReason = 'import.reason.uai' | 'import.reason.name' | 'import.reason.commune' | 'import.reason.duplicate';

export interface SchoolImportSummary {
	dryRun: boolean;
	created: number;
	updated: number;
	unchanged: number;
	skippedOutside: number;
	rejected: { line: number; reason: ImportReason; value: string }[];
}

/** The export's rows (`;`, quoted fields, CRLF) read by csv-parse; blank lines dropped; a broken file is a French error. */
export function readSemicolonCsv(text: string): string[][] {
	try {
		return parse(text, { delimiter: ';', bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
	} catch {
		throw new ValidationError({ file: { key: 'import.error.malformed' } });
	}
}

/** The bytes of the upload as UTF-8 text, without its BOM; anything else is refused next to the file field. */
function decode(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		throw new ValidationError({ file: { key: 'import.error.encoding' } });
	}
}

interface SchoolRow {
	line: number;
	uai: string;
	name: string;
	communeCode: string;
}

/** Reads the file: the rows to import, those outside the territory, and the rejected lines with their reason. */
function readRows(text: string, territoryCommunes: ReadonlySet<string>) {
	const [header, ...lines] = readSemicolonCsv(text);
	const index = (name: string) => (header ?? []).findIndex((h) => h.trim() === name);
	const at = { uai: index(COLUMNS.uai), name: index(COLUMNS.name), commune: index(COLUMNS.commune) };
	if (at.uai < 0 || at.name < 0 || at.commune < 0) throw new ValidationError({ file: { key: 'import.error.columns' } });
	const rows: SchoolRow[] = [];
	const rejected: SchoolImportSummary['rejected'] = [];
	const seen = new Set<string>();
	let skippedOutside = 0;
	lines.forEach((cells, i) => {
		const line = i + 2;
		const uai = (cells[at.uai] ?? '').trim().toUpperCase();
		const name = (cells[at.name] ?? '').trim().slice(0, 200);
		const communeCode = (cells[at.commune] ?? '').trim().toUpperCase();
		if (!communeCodeSchema.safeParse(communeCode).success)
			return void rejected.push({ line, reason: 'import.reason.commune', value: communeCode.slice(0, 20) });
		if (!territoryCommunes.has(communeCode)) return void skippedOutside++;
		if (!isUai(uai)) return void rejected.push({ line, reason: 'import.reason.uai', value: uai.slice(0, 20) });
		if (!name) return void rejected.push({ line, reason: 'import.reason.name', value: '' });
		if (seen.has(uai)) return void rejected.push({ line, reason: 'import.reason.duplicate', value: uai });
		seen.add(uai);
		rows.push({ line, uai, name, communeCode });
	});
	return { rows, rejected, skippedOutside };
}

/**
 * Imports (or, with `dryRun`, only checks) the schools of an Annuaire de l'éducation export.
 * Coordinators only; every created or updated organisation is audited in the same transaction.
 */
export async function importSchools(
	db: Db,
	scope: TerritoryScope,
	actor: Actor,
	file: { bytes: Uint8Array } | null,
	options: { dryRun: boolean }
): Promise<SchoolImportSummary> {
	if (!mayManageOrganisations(organisationReach(actor.principal, scope.territoryId, 'write'))) throw new OrganisationNotFoundError();
	if (!file || file.bytes.length === 0) throw new ValidationError({ file: { key: 'import.error.file' } });
	if (file.bytes.length > IMPORT_MAX_BYTES) throw new ValidationError({ file: { key: 'import.error.too_large' } });
	const text = decode(file.bytes);
	const territoryCommunes = new Set((await listCommunes(db, scope)).map((c) => c.codeInsee));
	const { rows, rejected, skippedOutside } = readRows(text, territoryCommunes);
	const summary: SchoolImportSummary = { dryRun: options.dryRun, created: 0, updated: 0, unchanged: 0, skippedOutside, rejected };
	const run = async (tx: Db) => {
		const existing = rows.length
			? await tx
					.select()
					.from(organisations)
					.where(
						and(
							eq(organisations.territoryId, scope.territoryId),
							inArray(
								organisations.uai,
								rows.map((r) => r.uai)
							)
						)
					)
			: [];
		const byUai = new Map(existing.map((o) => [o.uai!, o]));
		for (const r of rows) {
			const current = byUai.get(r.uai);
			if (!current) {
				summary.created++;
				if (options.dryRun) continue;
				const row = await insertOrganisation(tx, scope, { name: r.name, kind: 'school', uai: r.uai, communeCode: r.communeCode });
				await recordAudit(tx, scope, actor, { action: 'import', entityType: 'organisation', entityId: row.id, after: organisationSnapshot(row) });
				continue;
			}
			if (current.name === r.name && current.communeCode === r.communeCode && current.kind === 'school') {
				summary.unchanged++;
				continue;
			}
			summary.updated++;
			if (options.dryRun) continue;
			const row = await updateOrganisationRow(tx, scope, current.id, { name: r.name, communeCode: r.communeCode, kind: 'school' });
			await recordAudit(tx, scope, actor, {
				action: 'import',
				entityType: 'organisation',
				entityId: row.id,
				before: organisationSnapshot(current),
				after: organisationSnapshot(row)
			});
		}
	};
	if (options.dryRun) await run(db);
	else await db.transaction(run);
	return summary;
}
