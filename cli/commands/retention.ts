import { applyRetention } from '../../src/lib/server/privacy/privacy.usecases';
import type { Command } from '../command';

export const retentionCommand: Command = {
	summary: 'applique les durées de conservation et les demandes d’effacement',
	help: `Supprime ou anonymise ce qui a dépassé sa durée de conservation (sessions, tentatives de connexion,
invitations, jetons, journal d’audit de plus de 5 ans, comptes désactivés depuis plus d’un an) et traite
les demandes d’effacement en attente. À planifier chaque nuit (cron ou timer systemd).`,
	async run(_args, io) {
		const report = await io.withDatabase(({ db }) => applyRetention(db));
		for (const line of report) io.out(`${String(line.rows).padStart(6)}  ${line.rule}`);
		return 0;
	}
};
