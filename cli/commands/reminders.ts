import { sendRenewalReminders } from '../../src/lib/server/agreements/agreements.usecases';
import { createMailTransport } from '../../src/lib/server/outbox/outbox.transport';
import { deliverDue } from '../../src/lib/server/outbox/outbox.worker';
import type { Command } from '../command';

export const remindersCommand: Command = {
	summary: 'envoie les rappels de renouvellement des conventions arrivant à échéance',
	help: `Pour chaque convention dont la date de fin tombe dans son délai de rappel (60 jours par défaut),
envoie une fois un e-mail en français aux coordinatrices et coordinateurs du territoire, puis le note.
Une convention déjà rappelée ne l’est plus, sauf si sa date de fin ou son délai change.
Les messages passent par l’outbox (écrits avec la convention, dans la même transaction) puis sont envoyés
aussitôt (SMTP_URL ; sans SMTP_URL, écrits dans DATA_DIR/outbox) ; un envoi refusé est réessayé par le
serveur ou par mixite jobs run. Le serveur lance déjà ces rappels chaque heure (mixite jobs run pour cron).
Code de sortie 1 si une convention n’a pas pu être traitée (elle sera reprise au prochain passage).`,
	async run(_args, io) {
		const report = await io.withDatabase(async ({ db }) => {
			const result = await sendRenewalReminders(db);
			const transport = createMailTransport();
			try {
				await deliverDue(db, transport, { limit: 100 });
			} finally {
				transport.close();
			}
			return result;
		});
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
