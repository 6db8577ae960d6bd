#!/usr/bin/env node
'use strict';
/**
 * n8n-nodes-sortedpro in n8n's queue mode (`npm run test:e2e:queue`), as docs/queue-mode.md
 * describes it: Redis, PostgreSQL, the simulator (its own process), one main and two workers
 * (`n8n worker --concurrency=5`), then concurrent allocations, a label through the shared binary
 * data store, a worker killed mid-run and the safe re-run. Every process is stopped by PID at
 * the end, also on failure or interruption. Prints one line per check and "N passed, M failed"
 * last; exit 1 when a check failed or none ran.
 *
 * Env: N8N_QUEUE_VERSION (default $N8N_OLD_VERSION or 2.8.4), E2E_CACHE_DIR (n8n installs),
 * QUEUE_E2E_REQUESTS (default 10) × QUEUE_E2E_REFS (default 200) references,
 * QUEUE_E2E_TIMEOUT_S (default 300: limit once n8n is installed and the package packed).
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const n8n = require('./n8n-cli');
const { installCommunityPackage } = n8n;
const { stopAll, killAll, startSimulator } = require('./processes');
const services = require('./queue/services');
const cluster = require('./queue/cluster');
const workflows = require('./queue/workflows');
const { prepare } = require('./queue/prepare');
const { Report } = require('./e2e-report');
const { allocationChecks, secretChecks } = require('./queue/checks');
const { labelChecks } = require('./queue/files');
const { workerKillChecks } = require('./queue/kill');
const { rerunChecks } = require('./queue/rerun');
const { triggerChecks, triggerWorkflow } = require('./queue/trigger');

const VERSION = process.env.N8N_QUEUE_VERSION || n8n.OLD_VERSION;
const WORK = path.join(n8n.REPO_ROOT, '.cache', 'e2e-queue');
const LOGS = path.join(WORK, 'logs');
const RECORD_FILE = path.join(WORK, 'simulator-requests.jsonl');
const WORKERS = 2;
const CONCURRENCY = 5;
const REQUESTS = Number(process.env.QUEUE_E2E_REQUESTS || 10);
const REFS = Number(process.env.QUEUE_E2E_REFS || 200);
/** Longest the run may take once n8n is installed and the package packed (then: stop, exit 1). */
const TIMEOUT_S = Number(process.env.QUEUE_E2E_TIMEOUT_S || 300);

const report = new Report();
const check = (name, fn) => report.check(name, '-', fn);
const timed = (name, fn) => report.time(name, '-', fn);
/** Every webhook answer's text, for the secret check. */
const responses = [];

async function startServices(apiKey) {
	const [redisPort, pgPort] = n8n.freePortsSync(2);
	const [sim, redis, pg] = await timed('simulator, Redis, PostgreSQL started', () =>
		Promise.all([
			startSimulator({
				apiKey,
				logFile: path.join(LOGS, 'simulator.log'),
				recordFile: RECORD_FILE,
			}),
			services.startRedis({
				port: redisPort,
				dir: path.join(WORK, 'redis'),
				logFile: path.join(LOGS, 'redis.log'),
			}),
			services.startPostgres({
				port: pgPort,
				dir: path.join(WORK, 'postgres'),
				logFile: path.join(LOGS, 'postgres.log'),
				password: crypto.randomBytes(9).toString('hex'),
			}),
		]),
	);
	console.log(
		`     simulator ${sim.baseUrl} (pid ${sim.pid}), redis :${redis.port} (pid ${redis.proc.pid}), ` +
			`postgres :${pg.port} (pid ${pg.proc.pid})`,
	);
	return { sim, redis, pg };
}

async function run(apiKey, armWatchdog) {
	const installed = await timed('Redis and PostgreSQL packages', async () =>
		services.ensureDebianPackages(),
	);
	if (installed.length) console.log(`     apt-get installed ${installed.join(', ')}`);
	const prep = prepare({ version: VERSION, outDir: WORK });
	prep.catch(() => {}); // awaited below; a failure must not end the run before the clean-up
	const { sim, redis, pg } = await startServices(apiKey);
	const { tarball } = await timed(`n8n ${VERSION} install, npm run build, npm pack`, () => prep);
	armWatchdog();

	const encryptionKey = crypto.randomBytes(16).toString('hex');
	const dir = path.join(WORK, 'n8n');
	const envs = cluster.createEnvs({
		version: VERSION,
		dir,
		workers: WORKERS,
		redis,
		pg,
		encryptionKey,
	});
	await timed(`npm install <tarball> in ${envs.length} user folders`, () =>
		Promise.all(envs.map((e) => installCommunityPackage(e.env, tarball))),
	);
	await check("the package is in every process's .n8n/nodes", () => {
		for (const e of envs) {
			const pkg = path.join(e.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-sortedpro');
			const file = path.join(pkg, 'dist', 'nodes', 'SortedPro', 'SortedPro.node.js');
			if (!fs.existsSync(file)) throw new Error(`missing ${file}`);
		}
	});
	const [mainEnv, ...workerEnvs] = envs;
	const credential = workflows.credentialFor(apiKey, sim.baseUrl);
	const published = [
		workflows.ALLOCATE,
		workflows.ALLOCATE_RERUN,
		workflows.LABEL,
		workflows.LABEL_LAST_NODE,
		triggerWorkflow(),
	];
	await timed('import:credentials, import:workflow', () =>
		cluster.importAll(mainEnv, LOGS, [credential], published),
	);
	// The workers need only the migrated database: they start while the workflows are published.
	const workers = workerEnvs.map((w) => cluster.startWorker(w, LOGS, CONCURRENCY));
	const main = await timed(`publish:workflow ×${published.length}, then n8n start`, async () => {
		await cluster.publishAll(mainEnv, LOGS, published);
		return cluster.startMain(mainEnv, LOGS);
	});
	await timed(`main + ${WORKERS} workers ready`, () =>
		Promise.all([main, ...workers].map((p) => p.ready)),
	);
	console.log(
		`     main ${main.baseUrl} (pid ${main.pid}), ${workers.map((w) => `${w.name} pid ${w.pid}`).join(', ')}`,
	);
	await timed('webhooks registered on the main', async () => {
		for (const wf of published.filter((w) =>
			w.nodes.some((n) => n.type === 'n8n-nodes-base.webhook'),
		))
			await cluster.waitForWebhook(main, workflows.webhookPath(wf));
	});

	const ctx = {
		main,
		workers,
		sim,
		pg,
		apiKey,
		check,
		timed,
		requests: REQUESTS,
		refs: REFS,
		responses,
	};
	await triggerChecks(ctx);
	await allocationChecks(ctx);
	const respondPath = workflows.webhookPath(workflows.LABEL);
	await labelChecks(ctx, { label: 'label by Respond to Webhook', webhookPath: respondPath });
	const lastNodePath = workflows.webhookPath(workflows.LABEL_LAST_NODE);
	await labelChecks(ctx, { label: 'label from the last node', webhookPath: lastNodePath });
	const killed = await workerKillChecks(ctx);
	await rerunChecks(ctx, killed);
}

/** Stops every process by PID (n8n first) and lists them. */
async function stopEverything() {
	const all = await stopAll();
	console.log(
		`     stopped: ${all.map((p) => `${p.name} (pid ${p.pid}, exit ${p.exitCode})`).join(', ')}`,
	);
}

async function main() {
	const t0 = Date.now();
	fs.mkdirSync(LOGS, { recursive: true });
	for (const f of fs.readdirSync(LOGS)) fs.rmSync(path.join(LOGS, f), { force: true });
	console.log(
		`queue-mode e2e: n8n ${VERSION}, ${WORKERS} workers × concurrency ${CONCURRENCY}, ` +
			`${REQUESTS} requests × ${REFS} references; logs in ${LOGS}`,
	);
	const apiKey = `qk-${crypto.randomBytes(12).toString('hex')}`;
	const abort = (why, code) => {
		console.log(`\n${why}: stopping every process`);
		const hard = setTimeout(() => {
			killAll();
			process.exit(code);
		}, 30000);
		stopEverything().finally(() => {
			clearTimeout(hard);
			console.log(`\nFAIL ${why}\n\n${report.passed} passed, ${report.failed + 1} failed`);
			process.exit(code);
		});
	};
	process.once('SIGINT', () => abort('SIGINT', 130));
	process.once('SIGTERM', () => abort('SIGTERM', 130));
	const armWatchdog = () => {
		const why = `run not finished after ${TIMEOUT_S} s (QUEUE_E2E_TIMEOUT_S)`;
		setTimeout(() => abort(why, 1), TIMEOUT_S * 1000).unref();
	};
	try {
		await run(apiKey, armWatchdog);
	} catch (err) {
		report.fail('run', '-', err);
	} finally {
		await timed('stop every process by PID', stopEverything);
	}
	await secretChecks({ check, apiKey, logDir: LOGS, responses, recordFile: RECORD_FILE });
	report.addTiming('whole run', '-', Date.now() - t0);
	report.printTimings();
	report.printSummary();
	process.exit(report.ok ? 0 : 1);
}

main();
