'use strict';
/**
 * n8n in queue mode for the e2e run: one main (`n8n start`) and workers
 * (`n8n worker --concurrency=N`), all sharing Redis, PostgreSQL, the encryption key and the
 * binary data mode, each with its own user folder holding the packed package in .n8n/nodes.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const n8n = require('../n8n-cli');
const { httpJson, n8nProc, N8nServer } = require('../n8n-server');

/**
 * Binary data store shared by the main and the workers: `database` keeps files in PostgreSQL's
 * `binary_data` table. It is what n8n 2.x picks by itself in queue mode (`filesystem` outside
 * it); `filesystem` is one host's disk, which other hosts' workers cannot read.
 */
const BINARY_DATA_MODE = 'database';

/** The environment every process of the cluster shares (besides its own folder and ports). */
function sharedEnv({ redis, pg, prefix }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_PREFIX: prefix,
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		N8N_DEFAULT_BINARY_DATA_MODE: BINARY_DATA_MODE,
		// A killed worker's job is found stalled after ~10-12 s instead of 60-90 s.
		QUEUE_WORKER_LOCK_DURATION: '10000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
		QUEUE_WORKER_STALLED_INTERVAL: '2000',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	};
}

/**
 * One env per process, named 'main', 'worker-1', …: own user folder under `dir`, own
 * N8N_PORT, N8N_RUNNERS_BROKER_PORT and QUEUE_HEALTH_CHECK_PORT (all default to fixed ports).
 */
function createEnvs({ version, dir, workers, redis, pg, encryptionKey }) {
	const prefix = `bull-e2e-${crypto.randomBytes(3).toString('hex')}`;
	const names = ['main', ...Array.from({ length: workers }, (_, i) => `worker-${i + 1}`)];
	const ports = n8n.freePortsSync(names.length * 3);
	return names.map((name, i) => {
		const userFolder = path.join(dir, name);
		fs.rmSync(userFolder, { recursive: true, force: true });
		const env = n8n.createN8nEnv({
			version,
			userFolder,
			port: ports[i * 3],
			brokerPort: ports[i * 3 + 1],
			encryptionKey,
			extraEnv: {
				...sharedEnv({ redis, pg, prefix }),
				QUEUE_HEALTH_CHECK_PORT: String(ports[i * 3 + 2]),
			},
		});
		return { name, env, userFolder };
	});
}

/**
 * One n8n CLI command (import, publish) as a tracked process: an interrupted run stops it too.
 * Resolves its log; rejects with the log's tail on a non-zero exit.
 */
function n8nCommand(e, logDir, label, args) {
	const name = `${e.name}-${label}`;
	return n8nProc(e.env, args, { name, logFile: path.join(logDir, `${name}.log`) }).succeeded();
}

/**
 * import:credentials (n8n encrypts the plain `data`) and import:workflow (one file, inactive),
 * with the env of process `e`. The first command also migrates the database.
 */
async function importAll(e, logDir, credentials, workflows) {
	const dir = path.join(e.userFolder, 'import');
	fs.mkdirSync(dir, { recursive: true });
	const credentialsFile = path.join(dir, 'credentials.body');
	fs.writeFileSync(credentialsFile, JSON.stringify(credentials));
	const workflowsFile = path.join(dir, 'workflows.body');
	const inactive = workflows.map((wf) => ({ ...wf, active: false }));
	fs.writeFileSync(workflowsFile, JSON.stringify(inactive));
	try {
		const importCredentials = ['import:credentials', `--input=${credentialsFile}`];
		await n8nCommand(e, logDir, 'import-credentials', importCredentials);
		const importWorkflows = ['import:workflow', `--input=${workflowsFile}`];
		await n8nCommand(e, logDir, 'import-workflows', importWorkflows);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true }); // it holds the API key in clear
	}
}

/** publish:workflow for each workflow: the main activates them (webhooks) when it starts. */
async function publishAll(e, logDir, workflows) {
	for (const wf of workflows) {
		await n8nCommand(e, logDir, `publish-${wf.id}`, ['publish:workflow', `--id=${wf.id}`]);
	}
}

/** Spawns `n8n start` (the caller owns the process at once); `ready` resolves once it serves. */
function startMain(e, logDir) {
	return new N8nServer(e.env, {
		name: e.name,
		logFile: path.join(logDir, `${e.name}.log`),
		timeoutMs: 240000,
	});
}

/** Spawns `n8n worker --concurrency=N`; `ready` resolves once its health server says ready. */
function startWorker(e, logDir, concurrency) {
	const args = ['worker', `--concurrency=${concurrency}`];
	const proc = n8nProc(e.env, args, { name: e.name, logFile: path.join(logDir, `${e.name}.log`) });
	const url = `http://127.0.0.1:${e.env.QUEUE_HEALTH_CHECK_PORT}/healthz/readiness`;
	proc.ready = proc
		.waitFor(
			'/healthz/readiness 200',
			async () => (await httpJson('GET', url, { timeoutMs: 2000 })).status === 200,
			240000,
		)
		.then(() => proc.waitForLog(/n8n worker is now ready/, 60000));
	proc.ready.catch(() => {}); // awaited by the caller; a stop before ready is not a crash
	return proc;
}

/**
 * Waits until the main serves a production webhook: a GET on a POST-only webhook answers
 * 404 "…Did you mean to make a POST request?" once it is registered (no execution starts).
 */
async function waitForWebhook(mainProc, webhookPath) {
	const url = `${mainProc.baseUrl}/webhook/${webhookPath}`;
	await mainProc.waitFor(
		`webhook ${webhookPath} registered`,
		async () => /POST request/.test((await httpJson('GET', url, { timeoutMs: 2000 })).text),
		60000,
	);
}

/** Execution ids from the logs: main's "Enqueued execution N", workers' "finished execution N". */
function enqueuedIds(log) {
	return [...log.matchAll(/Enqueued execution (\d+)/g)].map((m) => m[1]);
}
function finishedIds(log) {
	return [...log.matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]);
}

module.exports = {
	BINARY_DATA_MODE,
	sharedEnv,
	createEnvs,
	importAll,
	publishAll,
	startMain,
	startWorker,
	waitForWebhook,
	enqueuedIds,
	finishedIds,
};
