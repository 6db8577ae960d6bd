#!/usr/bin/env node
'use strict';
/**
 * n8n-nodes-sortedpro in n8n's queue mode (`npm run test:e2e:queue`).
 *
 * Starts Redis and PostgreSQL (Debian packages; apt-get install when missing), the SortedPRO
 * simulator (test/simulator/cli.js, `EC-` references auto-created), one n8n main and two
 * workers (`n8n worker --concurrency=5`), each with the packed package in its own
 * .n8n/nodes, and calls two published webhook workflows on the main:
 *  - "allocate": several concurrent POSTs, 2 000 references in all; every consignment must be
 *    allocated exactly once, the results must come back to each caller, and the executions
 *    must be run by the workers, both of them;
 *  - "file": the allocations turned into a file by Convert to File on a worker, kept in the
 *    shared binary data store (`database` mode) and streamed back by the main;
 *  - a worker killed (SIGKILL) in the middle of an allocation run: the job fails, nothing is
 *    run twice, what was allocated stays allocated once.
 * Every process is stopped by PID at the end, also on failure. Prints one line per check and
 * "N passed, M failed" last; exit 1 when a check failed or none ran.
 *
 * Env: N8N_QUEUE_VERSION (default $N8N_OLD_VERSION or 2.8.4), E2E_CACHE_DIR (n8n installs),
 * QUEUE_E2E_REQUESTS (default 10) × QUEUE_E2E_REFS (default 200) references,
 * QUEUE_E2E_TIMEOUT_S (default 300: limit once n8n is installed and the package packed).
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const n8n = require('./n8n-cli');
const { Proc, killAll } = require('./queue/processes');
const services = require('./queue/services');
const cluster = require('./queue/cluster');
const workflows = require('./queue/workflows');
const { prepare } = require('./queue/prepare');
const { allocationChecks, binaryChecks, secretChecks } = require('./queue/checks');
const { workerKillChecks } = require('./queue/kill');

const VERSION = process.env.N8N_QUEUE_VERSION || n8n.OLD_VERSION;
const WORK = path.join(n8n.REPO_ROOT, '.cache', 'e2e-queue');
const LOGS = path.join(WORK, 'logs');
const WORKERS = 2;
const CONCURRENCY = 5;
const REQUESTS = Number(process.env.QUEUE_E2E_REQUESTS || 10);
const REFS = Number(process.env.QUEUE_E2E_REFS || 200);
/** Longest the run may take once n8n is installed and the package packed (then: stop, exit 1). */
const TIMEOUT_S = Number(process.env.QUEUE_E2E_TIMEOUT_S || 300);
let armWatchdog = () => {};

const report = { passed: 0, failed: 0, failures: [], timings: [] };
async function check(name, fn) {
	try {
		await fn();
		report.passed++;
		console.log(`ok   ${name}`);
	} catch (err) {
		report.failed++;
		report.failures.push(name);
		const text = err && err.code === 'ERR_ASSERTION' ? err.message : (err && err.stack) || String(err);
		console.log(`FAIL ${name}\n      ${String(text).split('\n').slice(0, 30).join('\n      ')}`);
	}
}
async function timed(name, fn) {
	const t0 = Date.now();
	try {
		return await fn();
	} finally {
		const s = ((Date.now() - t0) / 1000).toFixed(1);
		report.timings.push(`${s.padStart(7)} s  ${name}`);
		console.log(`..   ${name}: ${s} s`);
	}
}

async function startSimulator(apiKey) {
	const logFile = path.join(LOGS, 'simulator.log');
	const recordFile = path.join(WORK, 'simulator-requests.jsonl');
	const cli = path.join(n8n.REPO_ROOT, 'test', 'simulator', 'cli.js');
	const args = [cli, '--port', '0', '--auto-create', '^EC-', '--record-file', recordFile, '--no-record-bodies'];
	const env = { ...process.env, SORTEDPRO_SIM_API_KEY: apiKey };
	const proc = new Proc('simulator', process.execPath, args, { env, logFile });
	await proc.waitForLog(/listening on http:\/\/127\.0\.0\.1:\d+/, 20000);
	proc.baseUrl = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(proc.log())[1];
	proc.recordFile = recordFile;
	return proc;
}

async function run(procs, apiKey) {
	const installed = await timed('Redis and PostgreSQL packages', async () => services.ensureDebianPackages());
	if (installed.length) console.log(`     apt-get installed ${installed.join(', ')}`);
	const prep = prepare({ version: VERSION, outDir: WORK, logDir: LOGS });
	prep.catch(() => {}); // awaited below; a failure must not end the run before the clean-up

	const [redisPort, pgPort] = n8n.freePortsSync(2);
	const pgPassword = crypto.randomBytes(9).toString('hex');
	const [sim, redis, pg] = await timed('simulator, Redis, PostgreSQL started', () =>
		Promise.all([
			startSimulator(apiKey),
			services.startRedis({ port: redisPort, dir: path.join(WORK, 'redis'), logFile: path.join(LOGS, 'redis.log') }),
			services.startPostgres({ port: pgPort, dir: path.join(WORK, 'postgres'), logFile: path.join(LOGS, 'postgres.log'), password: pgPassword }),
		]),
	);
	procs.sim = sim;
	procs.redis = redis.proc;
	procs.pg = pg.proc;
	console.log(`     simulator ${sim.baseUrl} (pid ${sim.pid}), redis :${redis.port} (pid ${redis.proc.pid}), postgres :${pg.port} (pid ${pg.proc.pid})`);

	const { tarball } = await timed(`n8n ${VERSION} install, npm run build, npm pack`, () => prep);
	armWatchdog();
	const envs = cluster.createEnvs({ version: VERSION, dir: path.join(WORK, 'n8n'), workers: WORKERS, redis, pg, encryptionKey: crypto.randomBytes(16).toString('hex') });
	await timed(`npm install <tarball> in ${envs.length} user folders`, () =>
		Promise.all(envs.map((e) => n8n.installCommunityPackage(e.env, tarball))),
	);
	await check('the package is in every process\'s .n8n/nodes', () => {
		for (const e of envs) {
			const f = path.join(e.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-sortedpro', 'dist', 'nodes', 'SortedPro', 'SortedPro.node.js');
			if (!fs.existsSync(f)) throw new Error(`missing ${f}`);
		}
	});
	const [mainEnv, ...workerEnvs] = envs;
	await timed('import:credentials, import:workflow, publish:workflow', () =>
		cluster.importAndPublish(mainEnv.env, [workflows.credentialFor(apiKey, sim.baseUrl)], [workflows.ALLOCATE, workflows.BINARY, workflows.BINARY_RESPOND]),
	);

	const main = cluster.startMain(mainEnv, LOGS);
	const workers = workerEnvs.map((w) => cluster.startWorker(w, LOGS, CONCURRENCY));
	procs.n8n = [main, ...workers];
	await timed(`main + ${WORKERS} workers ready`, () => Promise.all(procs.n8n.map((p) => p.ready)));
	console.log(`     main ${main.baseUrl} (pid ${main.pid}), ${workers.map((w) => `${w.name} pid ${w.pid}`).join(', ')}`);
	await timed('webhooks registered on the main', async () => {
		await cluster.waitForWebhook(main, 'sortedpro-queue-allocate');
		await cluster.waitForWebhook(main, 'sortedpro-queue-file');
		await cluster.waitForWebhook(main, 'sortedpro-queue-file-respond');
	});

	const ctx = { main, workers, sim, pg, check, timed, requests: REQUESTS, refs: REFS, responses: [] };
	await allocationChecks(ctx);
	await binaryChecks(ctx, { label: 'file from the last node', webhookPath: 'sortedpro-queue-file' });
	await binaryChecks(ctx, { label: 'file from Respond to Webhook', webhookPath: 'sortedpro-queue-file-respond' });
	await workerKillChecks(ctx);
	return ctx;
}

async function stopAll(procs) {
	const n8nProcs = procs.n8n || [];
	// n8n first (it holds connections to Redis and PostgreSQL), then the services.
	await Promise.all(n8nProcs.map((p) => p.stop()));
	const rest = [procs.redis, procs.pg && { stop: () => procs.pg.stop({ signal: 'SIGINT' }), name: 'postgres', pid: procs.pg.pid }, procs.sim].filter(Boolean);
	await Promise.all(rest.map((p) => p.stop()));
	const all = [...n8nProcs, procs.redis, procs.pg, procs.sim].filter(Boolean);
	console.log(`     stopped: ${all.map((p) => `${p.name} (pid ${p.pid}, exit ${p.exitCode})`).join(', ')}`);
}

async function main() {
	const t0 = Date.now();
	fs.mkdirSync(LOGS, { recursive: true });
	for (const f of fs.readdirSync(LOGS)) fs.rmSync(path.join(LOGS, f), { force: true });
	console.log(`queue-mode e2e: n8n ${VERSION}, ${WORKERS} workers × concurrency ${CONCURRENCY}, ${REQUESTS} requests × ${REFS} references; logs in ${LOGS}`);
	const procs = {};
	const apiKey = `qk-${crypto.randomBytes(12).toString('hex')}`;
	const onSignal = (sig, code = 130) => {
		console.log(`\n${sig}: stopping every process`);
		const hard = setTimeout(() => {
			killAll();
			process.exit(code);
		}, 30000);
		stopAll(procs).finally(() => {
			clearTimeout(hard);
			console.log(`\nFAIL ${sig}\n\n${report.passed} passed, ${report.failed + 1} failed`);
			process.exit(code);
		});
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	armWatchdog = () => {
		setTimeout(() => onSignal(`run not finished after ${TIMEOUT_S} s (QUEUE_E2E_TIMEOUT_S)`, 1), TIMEOUT_S * 1000).unref();
	};
	let ctx;
	try {
		ctx = await run(procs, apiKey);
	} catch (err) {
		report.failed++;
		report.failures.push('run');
		console.log(`FAIL run\n      ${String((err && err.stack) || err).split('\n').slice(0, 40).join('\n      ')}`);
	} finally {
		await timed('stop every process by PID', () => stopAll(procs));
	}
	await secretChecks({ check, apiKey, logDir: LOGS, responses: ctx ? ctx.responses : [], recordFile: path.join(WORK, 'simulator-requests.jsonl') });
	console.log('\ntimings:');
	for (const t of report.timings) console.log(`  ${t}`);
	console.log(`  ${((Date.now() - t0) / 1000).toFixed(1).padStart(7)} s  whole run`);
	if (report.failures.length) console.log(`\nfailed:\n${report.failures.map((f) => `  - ${f}`).join('\n')}`);
	console.log(`\n${report.passed} passed, ${report.failed} failed`);
	process.exit(report.failed === 0 && report.passed > 0 ? 0 : 1);
}

main();
