import net from 'node:net';

/** A TCP port free on the loopback right now (the kernel picks it), for a server a test or bench starts. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close((error) => (error ? reject(error) : port ? resolve(port) : reject(new Error('No free port found'))));
		});
	});
}
