/**
 * `npm run bench`: the SortedPRO node against the simulator on 127.0.0.1, compared with a bare
 * HTTP client sending the same batches. Prints figures; it is not a test (CI times nothing).
 *
 *   node .cache/bench-build/test/bench/run.js [--n 1000,10000,100000] [--scenarios combine-json,bare-json]
 *        [--repeat 1] [--profile DIR] [--heap-profile DIR] [--cpu-prof DIR] [--no-static] [--out .cache/bench-results.json]
 *   env: GENERIC_TIMEZONE (n8n's instance timezone), BENCH_ON_ERROR (the node's On Error setting)
 *   node .cache/bench-build/test/bench/run.js --scenario combine-json --n 100000 --base-url URL   (one child run)
 *   node .cache/bench-build/test/bench/run.js --report .cache/bench-results.json                 (print a past run again)
 *
 * Processes: this parent; the simulator (test/simulator/cli.js) in a process of its own, so its
 * CPU and memory never count as the node's; one fresh process per scenario run, so each peak RSS
 * (maxRSS) is that scenario's own. Results: a table on stdout and .cache/bench-results.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';

import {
	type ChildResult,
	SCENARIOS,
	finishChild,
	parseFlags,
	runsAt,
	scenarioByName,
} from './common';
import { ROOT, runScenarioChild, startSimulatorProcess } from './processes';
import { type BenchResults, type RunRecord, renderReport } from './report';
import {
	type ColdRequire,
	type PackFigures,
	measureColdRequire,
	measurePack,
} from './static-figures';

const DEFAULT_SIZES = [1_000, 10_000, 100_000];

/** Which code was measured: the commit, and whether node or credential sources differ from it. */
function codeVersion(): string {
	try {
		const git = (...args: string[]) =>
			execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
		const dirty = git('status', '--porcelain', '--', 'nodes', 'credentials') !== '';
		return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes in nodes/ or credentials/' : ''}`;
	} catch {
		return 'unknown (no git)';
	}
}

async function child(flags: Record<string, string>): Promise<void> {
	const spec = scenarioByName(flags.scenario);
	const n = Number(flags.n);
	const baseUrl = flags['base-url'];
	if (!Number.isInteger(n) || n < 1 || !baseUrl)
		throw new Error('--scenario needs --n and --base-url');
	// Only the node's process loads n8n: the bare client's RSS and start-up stay its own.
	let result: ChildResult;
	if (spec.client === 'node')
		result = await (await import('./node-scenario')).runNodeScenario(spec, n, baseUrl);
	else result = await (await import('./bare-client')).runBare(spec, n, baseUrl);
	finishChild(result);
}

const log = (text: string) => process.stderr.write(`${text}\n`);

async function parent(flags: Record<string, string>): Promise<void> {
	const sizes = flags.n ? flags.n.split(',').map(Number) : DEFAULT_SIZES;
	const names = flags.scenarios ? flags.scenarios.split(',') : SCENARIOS.map((s) => s.name);
	names.forEach(scenarioByName);
	const repeats = Number(flags.repeat ?? 1);
	// --cpu-prof DIR: `node --cpu-prof` on each node child (whole process: start-up, warm-up, run);
	// --profile DIR: the timed run only, in every child (node:inspector).
	const profileDir = flags['cpu-prof'] ? resolve(flags['cpu-prof']) : undefined;
	const runProfileDir = flags.profile ? resolve(flags.profile) : undefined;
	// --heap-profile DIR: sampled allocations of the timed run still alive at its end (DevTools' .heapprofile).
	const heapProfileDir = flags['heap-profile'] ? resolve(flags['heap-profile']) : undefined;
	for (const dir of [profileDir, runProfileDir, heapProfileDir])
		if (dir) mkdirSync(dir, { recursive: true });
	const childEnv = {
		...process.env,
		...(runProfileDir && { BENCH_PROFILE_DIR: runProfileDir }),
		...(heapProfileDir && { BENCH_HEAP_PROFILE_DIR: heapProfileDir }),
	};

	const machine = {
		nproc: cpus().length,
		cpu: cpus()[0]?.model,
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
		loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
		timezone: process.env.GENERIC_TIMEZONE ?? '(n8n default)',
		onError: process.env.BENCH_ON_ERROR ?? '(n8n default: stopWorkflow)',
		code: codeVersion(),
	};
	log(
		`bench: ${machine.nproc} CPUs (${machine.cpu}), node ${machine.node}, load average ${machine.loadAverage.join(' ')}; sizes ${sizes.join(', ')}; repeat ${repeats}`,
	);

	const sim = await startSimulatorProcess();
	log(`simulator (pid ${sim.pid}) on ${sim.baseUrl}`);
	const records: RunRecord[] = [];
	const started = Date.now();
	try {
		for (let repeat = 0; repeat < repeats; repeat++) {
			for (const n of sizes) {
				for (const spec of SCENARIOS.filter((s) => names.includes(s.name) && runsAt(s, n))) {
					await sim.reset();
					const cpuBefore = sim.cpuMs();
					const nodeArgs =
						profileDir && spec.client === 'node'
							? [
									'--cpu-prof',
									`--cpu-prof-dir=${profileDir}`,
									`--cpu-prof-name=${spec.name}-${n}-${repeat}.cpuprofile`,
								]
							: [];
					const childResult = await runScenarioChild(spec.name, n, sim.baseUrl, nodeArgs, childEnv);
					const stats = await sim.stats();
					const cpuAfter = sim.cpuMs();
					const states = await sim.states();
					records.push({
						repeat,
						child: childResult,
						sim: stats,
						states,
						simCpuMs:
							cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
					});
					log(
						`  ${spec.name.padEnd(22)} N=${String(n).padEnd(7)} ${(childResult.wallMs / 1000).toFixed(2).padStart(8)} s  ` +
							`${stats.allocationRequests} requests  ${childResult.allocated} allocated  peak RSS ${childResult.peakRssMB} MB`,
					);
					if (childResult.allocated !== n)
						log(`    WARNING: ${childResult.allocated} of ${n} consignments allocated`);
					if (stats.latency?.concurrentRequestLimit)
						log(
							`    server limit ${stats.latency.concurrentRequestLimit}: ${stats.latency.rateLimited} × 429, peak ${stats.latency.peakConcurrent} in flight`,
						);
				}
			}
		}
	} finally {
		await sim.stop();
	}

	let cold: ColdRequire[] = [];
	let pack: PackFigures | undefined;
	if (flags.static !== 'false' && flags['no-static'] === undefined) {
		cold = [measureColdRequire('n8n-workflow'), measureColdRequire(null)];
		pack = measurePack();
	}

	const results: BenchResults = {
		date: new Date().toISOString(),
		machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100) },
		sizes,
		repeats,
		totalSeconds: (Date.now() - started) / 1000,
		coldRequire: cold,
		pack,
		records,
	};
	const { text, rows, targets } = renderReport(results);
	process.stdout.write(text);
	const resultsFile = resolve(ROOT, flags.out ?? '.cache/bench-results.json');
	mkdirSync(dirname(resultsFile), { recursive: true });
	writeFileSync(resultsFile, JSON.stringify({ ...results, rows, targets }, null, 2));
	log(
		`\nresults: ${resultsFile}${profileDir || runProfileDir ? `; CPU profiles: ${[profileDir, runProfileDir].filter(Boolean).join(', ')}` : ''}`,
	);
}

/** --report FILE: print the table and targets again from a results file (nothing is run). */
async function reprint(file: string): Promise<void> {
	const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
	// Files written before records carried their pass: the k-th record of a scenario and N is pass k.
	const seen = new Map<string, number>();
	for (const record of results.records) {
		const key = `${record.child.scenario}@${record.child.n}`;
		record.repeat ??= seen.get(key) ?? 0;
		seen.set(key, record.repeat + 1);
	}
	process.stdout.write(renderReport(results).text);
}

const flags = parseFlags(process.argv.slice(2));
(flags.scenario ? child(flags) : flags.report ? reprint(flags.report) : parent(flags)).catch(
	(error) => {
		process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
		process.exit(1);
	},
);
