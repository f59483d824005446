import { sendRenewalReminders } from '../../src/lib/server/agreements/agreements.usecases';
import type { Command } from '../command';

export const remindersCommand: Command = {
	summary: 'envoie les rappels de renouvellement des conventions arrivant à échéance',
	help: `Pour chaque convention dont la date de fin tombe dans son délai de rappel (60 jours par défaut),
envoie une fois un e-mail en français aux coordinatrices et coordinateurs du territoire, puis le note.
Une convention déjà rappelée ne l’est plus, sauf si sa date de fin ou son délai change.
À lancer chaque jour (cron, timer systemd). Sans SMTP_URL, les messages sont écrits dans DATA_DIR/outbox.
Code de sortie 1 si un envoi a échoué (la convention sera reprise au prochain passage).`,
	async run(_args, io) {
		const report = await io.withDatabase((database) => sendRenewalReminders(database.db));
		for (const s of report.sent) {
			io.out(`ENVOYÉ   ${s.territory} — « ${s.title} » (fin le ${s.endsOn}) → ${s.recipients.join(', ')}`);
		}
		for (const s of report.noCoordinator) {
			io.out(`EN ATTENTE ${s.territory} — « ${s.title} » (fin le ${s.endsOn}) : aucun compte de coordination actif à prévenir`);
		}
		for (const f of report.failed) {
			io.err(`ÉCHEC    ${f.territory} — « ${f.title} » (fin le ${f.endsOn}) : ${f.error}`);
		}
		io.out(`${report.sent.length} rappel(s) envoyé(s), ${report.noCoordinator.length} en attente, ${report.failed.length} échec(s).`);
		return report.failed.length > 0 ? 1 : 0;
	}
};
