import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { translator } from '../../src/lib/i18n';
import { ReportNotFoundError } from '../../src/lib/server/report/report.errors';
import { readReportYear } from '../../src/lib/server/report/report.schemas';
import { getReportPdfBySlug } from '../../src/lib/server/report/report.usecases';
import { todayInParis } from '../../src/lib/server/shared/paris-time';
import { SYSTEM_ACTOR } from '../../src/lib/server/shared/scope';
import type { Command } from '../command';

export const reportCommand: Command = {
	summary: 'écrit le bilan annuel d’un territoire (une année scolaire) en PDF',
	help: `Écrit le bilan annuel d’une année scolaire (du 1er septembre au 31 août) en PDF : couverture,
chiffres clés, graphiques par mois et par public, tableau par initiative, objectifs et jalons,
partenaires et conventions, note de méthode.
Options : --territory <slug> --year <2025-2026> --out <fichier.pdf> (les trois obligatoires) --lang fr|en`,
	async run(args, io) {
		let values: { territory?: string; year?: string; out?: string; lang?: string };
		try {
			({ values } = parseArgs({
				args,
				options: { territory: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } },
				strict: true,
				allowPositionals: false
			}));
		} catch (error) {
			io.err(`Option non reconnue ou incomplète (${(error as Error).message}). Voir mixite report --help.`);
			return 2;
		}
		const missing = (['territory', 'year', 'out'] as const).filter((name) => !values[name]);
		if (missing.length) {
			io.err(`Option obligatoire manquante : ${missing.map((name) => `--${name}`).join(', ')}. Voir mixite report --help.`);
			return 2;
		}
		const year = readReportYear(values.year, todayInParis());
		if (!year.ok) {
			io.err(`Année scolaire invalide : ${values.year}. ${translator('fr')('validation.school_year')}`);
			return 2;
		}
		if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') {
			io.err(`Langue inconnue : ${values.lang} (fr ou en).`);
			return 2;
		}
		// Through the control socket the server writes the file: a relative path is the terminal's.
		const out = path.resolve(io.cwd ?? process.cwd(), values.out!);
		try {
			const pdf = await io.withDatabase(({ db }) =>
				getReportPdfBySlug(db, SYSTEM_ACTOR, values.territory!, year.schoolYear, values.lang === 'en' ? 'en' : 'fr')
			);
			fs.writeFileSync(out, pdf.bytes);
			io.out(`Bilan ${year.schoolYear} de ${values.territory} écrit dans ${out} (${Math.ceil(pdf.bytes.length / 1024)} Ko).`);
			return 0;
		} catch (error) {
			if (error instanceof ReportNotFoundError) {
				io.err(`Territoire inconnu : ${values.territory}`);
				return 2;
			}
			throw error;
		}
	}
};
