/**
 * Process environment for running n8n-core inside jest.
 *
 * MUST be evaluated before n8n-core (or @n8n/config / @n8n/backend-common) is first
 * required: InstanceSettings, GlobalConfig and the HTTP proxy helpers read these values
 * when they are first constructed. `index.ts` imports this module first; test files
 * should import the harness before anything from n8n-core.
 *
 * Deliberately imports nothing from n8n.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Fresh per jest module registry (i.e. per test file). Removed by shutdownN8n(). */
export const userFolder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));

process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_ENCRYPTION_KEY = 'n8n-harness-test-encryption-key';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

// n8n-core's HTTP helper honours HTTP(S)_PROXY; local test servers must never be proxied.
const noProxy = new Set(
	(process.env.NO_PROXY ?? process.env.no_proxy ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean),
);
for (const host of ['127.0.0.1', 'localhost', '::1']) noProxy.add(host);
process.env.NO_PROXY = [...noProxy].join(',');
process.env.no_proxy = process.env.NO_PROXY;
