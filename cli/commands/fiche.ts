import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SheetNotFoundError } from '../../src/lib/server/sheet/sheet.errors';
import { getSheetPdfBySlug } from '../../src/lib/server/sheet/sheet.usecases';
import { DEFAULT_TERRITORY } from '../../src/lib/server/seed/default-territory';
import type { Command } from '../command';

export const ficheCommand: Command = {
	summary: 'écrit la fiche action d’un territoire en PDF, avec les chiffres du jour',
	help: `Écrit la fiche action (constats, réalisations, obstacles, objectifs, parties prenantes, indicateur)
du territoire en PDF, avec les participations du jour.
Options : --territory <slug> (défaut ${DEFAULT_TERRITORY.slug}) --out <fichier.pdf> (défaut fiche-<slug>.pdf) --lang fr|en`,
	async run(args, io) {
		let values: { territory?: string; out?: string; lang?: string };
		try {
			({ values } = parseArgs({
				args,
				options: { territory: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } },
				strict: true,
				allowPositionals: false
			}));
		} catch (error) {
			io.err(`Option non reconnue ou incomplète (${(error as Error).message}). Voir mixite fiche --help.`);
			return 2;
		}
		const slug = values.territory ?? DEFAULT_TERRITORY.slug;
		if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') {
			io.err(`Langue inconnue : ${values.lang} (fr ou en).`);
			return 2;
		}
		// Through the control socket the server writes the file: a relative path is the terminal's.
		const out = path.resolve(io.cwd ?? process.cwd(), values.out ?? `fiche-${slug}.pdf`);
		try {
			const pdf = await io.withDatabase(({ db }) => getSheetPdfBySlug(db, slug, values.lang === 'en' ? 'en' : 'fr'));
			fs.writeFileSync(out, pdf.bytes);
			io.out(`Fiche action de ${slug} écrite dans ${out} (${Math.ceil(pdf.bytes.length / 1024)} Ko).`);
			return 0;
		} catch (error) {
			if (error instanceof SheetNotFoundError) {
				io.err(`Territoire inconnu : ${slug}`);
				return 1;
			}
			throw error;
		}
	}
};
