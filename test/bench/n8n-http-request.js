'use strict';
/**
 * `npm run bench:n8n`: the server-bound scenario in a real n8n (test/e2e's install, from the
 * packed tarball), the SortedPRO node against what a user builds without it: n8n's own HTTP
 * Request node, 100 references per request, with its Options → Batching.
 *
 * Simulator (own process): 100 ms per request + 5 ms per consignment (0.6 s for 100), at most 8
 * requests in flight per key (one more gets 429). 10 000 references, 100 requests; ideal with 8
 * in flight: ⌈100 / 8⌉ × 0.6 s = 7.8 s. Times are the allocating node's `executionTime` in n8n's
 * execution data. Not part of CI. E2E_CACHE_DIR picks the n8n install (default .cache);
 * BENCH_N8N_DUMP=PREFIX writes n8n's output of each run to PREFIX-<workflow id>.log.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const cli = require('../e2e/n8n-cli');
const { build, pack } = require('../e2e/e2e-prepare');
const { httpJson } = require('../e2e/n8n-server');
const { startSimulator, stopAll } = require('../e2e/processes');
const wf = require('./n8n-workflows');

const VERSION = cli.OLD_VERSION;
const N = 10000;
const BATCH = 100;
const IN_FLIGHT = 8;
const IDEAL_S = (Math.ceil(N / BATCH / IN_FLIGHT) * (100 + 5 * BATCH)) / 1000;
const SIM_ARGS = [
	'--latency-per-request', '100', '--latency-per-consignment', '5',
	'--concurrent-request-limit', String(IN_FLIGHT),
]; // prettier-ignore

async function control(url, method, route) {
	const res = await httpJson(method, `${url}/__simulator/${route}`);
	if (res.status >= 300) throw new Error(`${method} /__simulator/${route}: ${res.status}`);
	return res.body;
}

/** Runs one workflow after a simulator reset; its time from n8n's execution data. */
async function measure(env, sim, scenario) {
	await control(sim.baseUrl, 'POST', 'reset');
	const res = await cli.executeWorkflow(env, scenario.workflow.id);
	const exec = res.execution;
	if (process.env.BENCH_N8N_DUMP)
		fs.writeFileSync(`${process.env.BENCH_N8N_DUMP}-${scenario.workflow.id}.log`, res.stdout);
	const runs = exec && exec.data.resultData.runData[scenario.node];
	const nodeRun = runs && runs[0];
	const error = cli.getExecutionError(exec);
	const stats = await control(sim.baseUrl, 'GET', 'stats');
	const states = await control(sim.baseUrl, 'GET', 'consignment-states');
	const outItems = (nodeRun && nodeRun.data && nodeRun.data.main[0]) || [];
	return {
		label: scenario.label,
		ok: res.code === 0 && !!nodeRun && !error,
		error: error && `${error.message}${error.description ? ` (${error.description})` : ''}`,
		seconds: nodeRun ? nodeRun.executionTime / 1000 : NaN,
		wholeSeconds: exec ? (Date.parse(exec.stoppedAt) - Date.parse(exec.startedAt)) / 1000 : NaN,
		outItems: outItems.length,
		allocated: stats.consignmentsAllocated,
		allocatedInStore: states.Allocated || 0,
		allocationRequests: stats.allocationRequests,
		rateLimited: stats.latency.rateLimited,
		peak: stats.latency.peakConcurrent,
		texts: { stdout: res.stdout, stderr: res.stderr },
	};
}

/** Nothing lost, nothing doubled: 10 000 allocated, each once, in 100 requests. */
function lossCheck(r) {
	const fine =
		r.ok && r.allocated === N && r.allocatedInStore === N && r.allocationRequests === N / BATCH;
	return fine ? 'all 10 000 once' : `${r.allocatedInStore} allocated, ${r.allocationRequests} req`;
}

function printTable(results) {
	const node = results[0];
	const rows = results.map((r) => [
		r.label,
		r.ok ? r.seconds.toFixed(1) : `failed after ${r.seconds.toFixed(1)}`,
		r.wholeSeconds.toFixed(1),
		r.ok ? (r.seconds / node.seconds).toFixed(2) : '-',
		(r.seconds / IDEAL_S).toFixed(2),
		String(r.rateLimited),
		String(r.peak),
		lossCheck(r),
	]);
	const head = ['workflow', 'node s', 'execution s', '× node', '× ideal', '429s', 'peak', 'check'];
	console.log(`\nIdeal: ⌈100 / ${IN_FLIGHT}⌉ × 0.6 s = ${IDEAL_S.toFixed(1)} s (n8n ${VERSION})`);
	console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
	for (const row of rows) console.log(`| ${row.join(' | ')} |`);
	for (const r of results) if (r.error) console.log(`${r.label}: ${r.error}`);
}

async function main() {
	const apiKey = `bench-${crypto.randomBytes(12).toString('hex')}`;
	const tmp = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'bench-n8n-'));
	try {
		if (!cli.isN8nInstalled(VERSION)) await cli.installN8n(VERSION);
		console.log('build + pack ...');
		await build();
		const tarball = await pack(path.join(tmp, 'pack'));
		const logFile = path.join(tmp, 'simulator.log');
		const sim = await startSimulator({ apiKey, logFile, args: SIM_ARGS });
		const env = cli.createN8nEnv({ version: VERSION, userFolder: path.join(tmp, 'n8n') });
		const { packageName } = await cli.installCommunityPackage(env, tarball);
		await cli.importCredentials(env, wf.credentials(apiKey, sim.baseUrl));
		const scenarios = wf.scenarios({ packageName, baseUrl: sim.baseUrl, n: N, batch: BATCH });
		await cli.importWorkflow(
			env,
			scenarios.map((s) => s.workflow),
		);
		const results = [];
		for (const s of scenarios) {
			console.log(`running: ${s.label} ...`);
			let r = await measure(env, sim, s);
			// A log line now and then lands inside the execution JSON n8n prints: run it again.
			if (Number.isNaN(r.wholeSeconds)) {
				console.log("  no execution data in n8n's output; once more");
				r = await measure(env, sim, s);
			}
			const leak = Object.entries(r.texts).filter(([, t]) => t.includes(apiKey));
			if (leak.length) throw new Error(`the API key occurs in n8n's ${leak[0][0]}`);
			delete r.texts;
			results.push(r);
		}
		printTable(results);
		if (!results[0].ok || lossCheck(results[0]) !== 'all 10 000 once') process.exitCode = 1;
	} finally {
		await stopAll();
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().catch((err) => {
	console.error(err.stack || String(err));
	process.exitCode = 1;
});
