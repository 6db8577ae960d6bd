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
	rmSync(userFolder, { recursive: true, force: true });
}
