import { parseArgs } from 'node:util';
import { parisInstant } from '../../src/lib/server/shared/paris-time';
import { JOBS } from '../../src/lib/server/jobs/jobs.list';
import { holderName, runDueJobs } from '../../src/lib/server/jobs/jobs.runner';
import { createMailTransport } from '../../src/lib/server/outbox/outbox.transport';
import { deliverDue } from '../../src/lib/server/outbox/outbox.worker';
import type { Command } from '../command';

export const jobsRunCommand: Command = {
	summary: 'lance une fois les tâches planifiées dues et envoie les courriels en attente',
	help: `Lance une fois chaque tâche planifiée qui est due (${JOBS.map((j) => j.name).join(', ')}), sauf si une autre
instance la tient déjà (bail en base : une seule instance lance chaque tâche), puis envoie les courriels
en attente de l’outbox (SMTP_URL ; sans SMTP_URL, écrits dans DATA_DIR/outbox).
Le serveur le fait déjà de lui-même ; cette commande sert à qui préfère cron, par exemple :
  */15 * * * *  mixite jobs run
Options :
  --json                  le compte rendu en JSON ;
  --at AAAA-MM-JJTHH:MM   lance chaque tâche, due ou non, comme s’il était cette heure-là (heure de Paris) :
                          pour rejouer les rappels d’une journée manquée, ou pour essayer les envois datés.
Code de sortie 1 si une tâche a échoué.`,
	async run(args, io) {
		let values: { json?: boolean; at?: string };
		try {
			({ values } = parseArgs({ args, options: { json: { type: 'boolean' }, at: { type: 'string' } }, strict: true, allowPositionals: false }));
		} catch (error) {
			io.err(`Option non reconnue (${(error as Error).message}). Voir mixite jobs run --help.`);
			return 2;
		}
		let asOf: Date | undefined;
		if (values.at !== undefined) {
			const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(values.at);
			asOf = match ? parisInstant(match[1]!, match[2]!) : undefined;
			if (!asOf || Number.isNaN(asOf.getTime())) {
				io.err(`--at attend une date et une heure de Paris, comme 2026-12-04T09:00 (reçu : ${values.at}).`);
				return 2;
			}
		}
		const report = await io.withDatabase(async ({ db }) => {
			const jobs = await runDueJobs(db, JOBS, { holder: holderName('cli'), asOf });
			const transport = createMailTransport();
			try {
				let mail = { sent: 0, retried: 0, failed: 0 };
				for (;;) {
					const pass = await deliverDue(db, transport, { limit: 50 });
					mail = { sent: mail.sent + pass.sent, retried: mail.retried + pass.retried, failed: mail.failed + pass.failed };
					if (pass.sent + pass.retried + pass.failed < 50) break;
				}
				return { jobs, mail };
			} finally {
				transport.close();
			}
		});
		if (values.json) io.out(JSON.stringify(report));
		else {
			for (const job of report.jobs) {
				const label = { ran: 'LANCÉE  ', not_due: 'PAS DUE ', failed: 'ÉCHEC   ' }[job.status];
				const detail = job.result ? ` ${JSON.stringify(job.result)}` : job.error ? ` : ${job.error}` : '';
				(job.status === 'failed' ? io.err : io.out)(`${label}${job.name}${detail}`);
			}
			io.out(`Courriels : ${report.mail.sent} envoyé${report.mail.sent > 1 ? 's' : ''}, ${report.mail.retried} à réessayer, ${report.mail.failed} en échec.`);
		}
		return report.jobs.some((j) => j.status === 'failed') ? 1 : 0;
	}
};
