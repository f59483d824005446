import type { Db } from '../db/client';
import { errorFields, logEvent } from '../log';
import { onEnqueued } from './outbox.signal';
import { deliverDue } from './outbox.worker';
import type { MailTransport } from './outbox.transport';

export interface OutboxLoop {
	/** Waits for the running delivery, then stops polling. */
	stop(): Promise<void>;
}

/** After a nudge the loop polls quickly for a while: the enqueuing transaction may not have committed yet. */
const HOT_MS = 3_000;
const HOT_POLL_MS = 150;

/**
 * Delivers the outbox from inside the server: every `intervalMs`, and at once after an enqueue in
 * this process. A database outage or an SMTP error is logged and the loop goes on.
 */
export function startOutboxLoop(db: Db, transport: MailTransport, options: { intervalMs?: number } = {}): OutboxLoop {
	const intervalMs = options.intervalMs ?? 5_000;
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let running: Promise<void> | undefined;
	let hotUntil = 0;
	let failing = false;

	const schedule = (ms: number) => {
		if (stopped) return;
		clearTimeout(timer);
		timer = setTimeout(tick, ms);
		timer.unref();
	};
	const tick = () => {
		if (stopped) return;
		if (running) return void running.then(() => schedule(0));
		running = (async () => {
			try {
				let report;
				// A full batch: more may be waiting.
				do report = await deliverDue(db, transport, { limit: 20 });
				while (!stopped && report.sent + report.retried + report.failed >= 20);
				if (failing) logEvent('info', 'outbox_recovered');
				failing = false;
			} catch (error) {
				if (!failing) logEvent('warn', 'outbox_unavailable', errorFields(error));
				failing = true;
			}
		})();
		void running.finally(() => {
			running = undefined;
			schedule(Date.now() < hotUntil ? HOT_POLL_MS : intervalMs);
		});
	};
	const unsubscribe = onEnqueued(() => {
		hotUntil = Date.now() + HOT_MS;
		if (!running) schedule(0);
	});
	schedule(0);
	return {
		async stop() {
			stopped = true;
			unsubscribe();
			clearTimeout(timer);
			await running;
			transport.close();
		}
	};
}
