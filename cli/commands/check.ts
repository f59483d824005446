import { compareAggregates } from '../../src/lib/server/indicator/indicator.consistency';
import type { Command } from '../command';

export const checkCommand: Command = {
	summary: 'recompte les agrégats depuis les lignes brutes (code de sortie ≠ 0 si écart)',
	help: 'Recalcule chaque table d’agrégats à partir des actions et de leurs publics, compare dans les deux sens et sort en erreur (code 1) à la moindre différence.',
	async run(_args, io) {
		const differences = await io.withDatabase(({ db }) => compareAggregates(db), { prepare: false });
		let failed = false;
		for (const d of differences) {
			const ok = d.missing === 0 && d.extra === 0;
			failed ||= !ok;
			io.out(`${ok ? 'OK    ' : 'ÉCART '} ${d.table}${ok ? '' : ` : ${d.missing} ligne(s) manquante(s) ou fausse(s), ${d.extra} ligne(s) en trop`}`);
		}
		io.out(failed ? 'Les agrégats ne correspondent pas aux données brutes.' : 'Les agrégats correspondent exactement aux données brutes.');
		return failed ? 1 : 0;
	}
};
