import { rmSync } from 'node:fs';

import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

import { userFolder } from './env';

/**
 * Call in afterAll. Every n8n-core execute context resolves SSHClientsManager, which starts
 * a 60 s setInterval that keeps jest alive; stop it and remove the temp N8N_USER_FOLDER.
 */
export async function shutdownN8n(): Promise<void> {
	Container.get(SSHClientsManager).onShutdown();
	// Its constructor also adds process.on('exit', () => this.onShutdown()); with one manager
	// per test file that would pile up listeners in a long-lived jest worker.
	for (const listener of process.listeners('exit')) {
		if (/this\.onShutdown\(\)/.test(String(listener))) process.removeListener('exit', listener);
	}
	rmSync(userFolder, { recursive: true, force: true });
}
