import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpServer {
	/** smtp://127.0.0.1:<port>: give it to the platform as SMTP_URL. */
	url: string;
	port: number;
	/** Every message received, parsed, in order of arrival. */
	messages: ParsedMail[];
	/** Resolves with the first received message matching `predicate`, waiting for it up to `timeoutMs`. */
	waitFor(predicate: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
	/** Answers every message with this SMTP error (e.g. "451 4.3.0 Boîte pleine") until called with null. */
	rejectWith(answer: string | null): void;
	/** Stops listening: connections are refused, as when the SMTP server is down. */
	stop(): Promise<void>;
	/** Listens again on the same port. */
	start(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (a free port unless `port` is given), no TLS, no authentication
 * required: what the platform's outbox sends to in tests, read back with mailparser.
 */
export async function startSmtpServer(options: { port?: number } = {}): Promise<TestSmtpServer> {
	const messages: ParsedMail[] = [];
	const waiters = new Set<() => void>();
	let rejection: string | null = null;
	let server: SMTPServer | null = null;
	let port = options.port ?? 0;

	const listen = async () => {
		const s = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS', 'AUTH'],
			logger: false,
			onData(stream, _session, callback) {
				const chunks: Buffer[] = [];
				stream.on('data', (c: Buffer) => chunks.push(c));
				stream.on('end', () => {
					if (rejection) {
						const [code, ...text] = rejection.split(' ');
						const error = Object.assign(new Error(text.join(' ')), { responseCode: Number(code) });
						return callback(error);
					}
					simpleParser(Buffer.concat(chunks)).then(
						(mail) => {
							messages.push(mail);
							for (const wake of waiters) wake();
							callback();
						},
						(error: Error) => callback(error)
					);
				});
			}
		});
		s.on('error', () => {});
		await new Promise<void>((resolve, reject) => {
			s.server.once('error', reject);
			s.listen(port, '127.0.0.1', () => resolve());
		});
		port = (s.server.address() as AddressInfo).port;
		server = s;
	};
	await listen();

	return {
		get url() {
			return `smtp://127.0.0.1:${port}`;
		},
		get port() {
			return port;
		},
		messages,
		waitFor(predicate, timeoutMs = 10_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = messages.find(predicate);
					if (!found) return false;
					clearTimeout(timer);
					waiters.delete(check);
					resolve(found);
					return true;
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`No matching message within ${timeoutMs} ms (${messages.length} received)`));
				}, timeoutMs);
				if (!check()) waiters.add(check);
			});
		},
		rejectWith(answer) {
			rejection = answer;
		},
		async stop() {
			const s = server;
			server = null;
			if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
		},
		async start() {
			if (!server) await listen();
		}
	};
}
