import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command';

/*
 * `mixite import FILE --territory SLUG [--dry-run] [--mapping mapping.json] [--json]`: the import
 * of a legacy spreadsheet of activities, for scripts and tests. Exit 0 when every row is valid
 * (and, without --dry-run, committed), 1 when problems were found (nothing written), 2 on a usage
 * error. The server's modules are loaded when the command runs (cli/commands stays light).
 */
export const importCommand: Command = {
	summary: 'importe un tableau d’actions (XLSX ou CSV) : vérification, puis tout ou rien',
	help: `Importe un tableau d’actions tenu jusqu’ici (XLSX ou CSV) dans un territoire.
Usage : mixite import FICHIER --territory <slug> [--dry-run] [--mapping correspondance.json] [--json]
  --dry-run   vérifie et liste les problèmes sans rien enregistrer
  --mapping   fichier JSON { "colonnes": { "En-tête du fichier": "champ" }, "headerRow": 3 }
              champs : title, date, initiative, type, commune, status, level, notes, total,
              girls, boys, women, men, teachers, prescribers, firm_staff, parents, other, ignore
  --json      écrit { rows, valid, skipped, problems: [{ line, column, message }], created, duplicates }
Sortie : 0 tout est valide (et importé sans --dry-run), 1 problèmes trouvés (rien d’écrit), 2 erreur d’usage.`,
	async run(args, io) {
		let values: { territory?: string; 'dry-run'?: boolean; mapping?: string; json?: boolean };
		let positionals: string[];
		try {
			({ values, positionals } = parseArgs({
				args,
				options: { territory: { type: 'string' }, 'dry-run': { type: 'boolean' }, mapping: { type: 'string' }, json: { type: 'boolean' } },
				strict: true,
				allowPositionals: true
			}));
		} catch (error) {
			io.err(`Option non reconnue ou incomplète (${(error as Error).message}). Voir mixite import --help.`);
			return 2;
		}
		if (positionals.length !== 1 || !values.territory) {
			io.err('Usage : mixite import FICHIER --territory <slug> [--dry-run] [--mapping correspondance.json] [--json]');
			return 2;
		}
		const cwd = io.cwd ?? process.cwd();
		const file = path.resolve(cwd, positionals[0]!);
		let bytes: Uint8Array;
		let mappingText: string | null = null;
		try {
			bytes = new Uint8Array(fs.readFileSync(file));
			if (values.mapping) mappingText = fs.readFileSync(path.resolve(cwd, values.mapping), 'utf8');
		} catch (error) {
			io.err(`Fichier illisible : ${(error as NodeJS.ErrnoException).path ?? file} (${(error as NodeJS.ErrnoException).code ?? 'erreur'}).`);
			return 2;
		}
		const [{ importActivities, parseColumnMapping }, { findTerritoryBySlug }, { ValidationError }, { SYSTEM_ACTOR }, { translator }] = await Promise.all([
			import('../../src/lib/server/activities/activities.import'),
			import('../../src/lib/server/territories/territories.repository'),
			import('../../src/lib/server/shared/errors'),
			import('../../src/lib/server/shared/scope'),
			import('../../src/lib/i18n')
		]);
		const t = translator('fr');
		let mapping;
		try {
			mapping = parseColumnMapping(mappingText);
		} catch (error) {
			if (!(error instanceof ValidationError)) throw error;
			io.err(t('spreadsheet.error.mapping'));
			return 2;
		}
		const slug = values.territory;
		const dryRun = values['dry-run'] === true;
		const outcome = await io.withDatabase(async ({ db }) => {
			const territory = await findTerritoryBySlug(db, slug);
			if (!territory) return null;
			try {
				return await importActivities(db, { territoryId: territory.id }, SYSTEM_ACTOR, { bytes, name: path.basename(file) }, { dryRun, mapping });
			} catch (error) {
				if (error instanceof ValidationError) return { refused: Object.values(error.fields).map((f) => t(f.key, f.params)) };
				throw error;
			}
		});
		if (!outcome) {
			io.err(`Territoire inconnu : ${slug}`);
			return 2;
		}
		if ('refused' in outcome) {
			if (values.json)
				io.out(
					JSON.stringify({
						rows: 0,
						valid: 0,
						skipped: 0,
						problems: outcome.refused.map((message) => ({ line: null, column: null, message })),
						created: 0,
						duplicates: 0
					})
				);
			else for (const message of outcome.refused) io.err(message);
			return 1;
		}
		const problems = outcome.problems.map((p) => ({ line: p.line, column: p.column, message: t(p.key, p.params) }));
		if (values.json) {
			io.out(
				JSON.stringify({
					rows: outcome.rows,
					valid: outcome.valid,
					skipped: outcome.skipped.length,
					problems,
					created: outcome.created,
					duplicates: outcome.duplicates
				})
			);
		} else {
			io.out(
				`${outcome.rows} lignes d’actions lues (en-têtes ligne ${outcome.headerLine}), ${outcome.valid} valides, ${outcome.skipped.length} lignes ignorées (vides ou TOTAL).`
			);
			for (const p of problems) io.out(`Ligne ${p.line}${p.column ? `, colonne « ${p.column} »` : ''} : ${p.message}`);
			if (problems.length > 0) io.out(`${problems.length} problèmes : rien n’a été importé.`);
			else if (dryRun)
				io.out(
					`Vérification : ${outcome.valid - outcome.duplicates} actions à créer (${outcome.participations} participations), ${outcome.duplicates} déjà importées.`
				);
			else io.out(`Import terminé : ${outcome.created} actions créées (${outcome.participations} participations), ${outcome.duplicates} déjà importées.`);
		}
		return problems.length > 0 ? 1 : 0;
	}
};
