/** Turns the runs into the printed table, the target checks and .cache/bench-results.json. */
import { formatBoundTable, nothingLost } from './bound-report';
import {
	type ChildResult,
	type MemoryPeaks,
	SCENARIOS,
	expectedRequests,
	idealMs,
	scenarioByName,
} from './common';
import type { SimulatorStats } from './processes';
import { formatMemoryTable, highestPeaks } from './memory-report';
import { columnTable, markdownTable } from './table';
import type { ColdRequire, PackFigures } from './static-figures';
import { type Target, checkTargets, formatTargets } from './targets';

/** What one bench run measured (.cache/bench-results.json also holds the rows and targets derived from it). */
export interface BenchResults {
	date: string;
	machine: {
		nproc: number;
		cpu?: string;
		node: string;
		loadAverage: number[];
		loadAverageAtEnd?: number[];
		code?: string;
		[other: string]: unknown;
	};
	sizes: number[];
	repeats: number;
	totalSeconds: number;
	coldRequire: ColdRequire[];
	pack?: PackFigures;
	records: RunRecord[];
}
export interface RunRecord {
	/** Which pass of --repeat: a node run and its bare baseline of the same pass ran back to back */
	repeat: number;
	child: ChildResult;
	sim: SimulatorStats;
	/** consignments the simulator held after the run, by state */
	states?: Record<string, number>;
	/** CPU the simulator process used during the run (ms) */
	simCpuMs?: number;
}

export interface Row {
	scenario: string;
	n: number;
	requests: number;
	maxRequests: number;
	wallMs: number;
	consignmentsPerSecond: number;
	peakRssMB: number;
	/** The highest of each over the passes */
	memoryPeaks?: MemoryPeaks;
	rssLoadedMB: number;
	rssBeforeMB: number;
	cpuMs: number;
	socketsOpened: number;
	paramEvalMs?: number;
	ownMs?: number;
	executionTimeMs?: number;
	harnessCopyMs?: number;
	baselineWallMs?: number;
	/** Median over the passes of (node wall / bare wall of the same pass) */
	ratio?: number;
	ownRatio?: number;
	/** Each pass's ratios, for the spread */
	ratios?: number[];
	ownRatios?: number[];
	parameterReads?: Record<string, number>;
	logLines?: number;
	allocated: number;
	failed: number;
	bodiesMatchNode?: boolean;
	sim: {
		busyMs: number;
		busyShare: number;
		cpuMs?: number;
		consignmentsPerBusySecond: number;
		requestsPerBusySecond: number;
	};
	repeats: number;
	/** Server-bound only: the least wall time possible (common.ts idealMs) */
	idealMs?: number;
	/** Server-bound only: 429s from the simulator's concurrent-request limit; the most requests in flight */
	rateLimited?: number;
	peakConcurrent?: number;
	/** every consignment allocated exactly once, from the simulator's state (undefined: not known) */
	nothingLost?: boolean;
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One row per (scenario, N): the repeat with the median wall time; peak RSS is the highest seen. */
export function buildRows(records: RunRecord[]): Row[] {
	const groups = new Map<string, RunRecord[]>();
	for (const record of records) {
		const key = `${record.child.scenario}@${record.child.n}`;
		groups.set(key, [...(groups.get(key) ?? []), record]);
	}
	const rows: Row[] = [];
	for (const group of groups.values()) {
		const wall = median(group.map((r) => r.child.wallMs));
		const picked = group.find((r) => r.child.wallMs === wall)!;
		const { child, sim, simCpuMs } = picked;
		const spec = scenarioByName(child.scenario);
		rows.push({
			scenario: child.scenario,
			n: child.n,
			requests: sim.allocationRequests,
			maxRequests: expectedRequests(child.n, spec.mode),
			wallMs: child.wallMs,
			consignmentsPerSecond: (child.n / child.wallMs) * 1000,
			peakRssMB: Math.max(...group.map((r) => r.child.peakRssMB)),
			memoryPeaks: highestPeaks(group.map((r) => r.child.memoryPeaks)),
			rssLoadedMB: child.rssLoadedMB,
			rssBeforeMB: child.rssBeforeMB,
			cpuMs: child.cpuUserMs + child.cpuSystemMs,
			socketsOpened: child.socketsOpened,
			paramEvalMs: child.paramEvalMs,
			ownMs: child.paramEvalMs === undefined ? undefined : child.wallMs - child.paramEvalMs,
			executionTimeMs: child.executionTimeMs,
			harnessCopyMs: child.harnessCopyMs,
			parameterReads: child.parameterReads,
			logLines: child.logLines,
			allocated: child.allocated,
			failed: child.failed,
			bodiesMatchNode: child.bodiesMatchNode,
			sim: {
				busyMs: sim.busyMs,
				busyShare: sim.busyMs / child.wallMs,
				cpuMs: simCpuMs,
				consignmentsPerBusySecond: sim.consignmentsPerBusySecond,
				requestsPerBusySecond: sim.requestsPerBusySecond,
			},
			repeats: group.length,
			idealMs: idealMs(spec, child.n),
			rateLimited: sim.latency?.rateLimited,
			peakConcurrent: sim.latency?.peakConcurrent,
			nothingLost: group.every((r) => r.states !== undefined)
				? group.every(nothingLost)
				: undefined,
		});
	}
	// Ratios pass by pass (a node run and its baseline ran back to back, under the same machine
	// load), then the median: steadier on a shared machine than a ratio of two medians.
	for (const row of rows) {
		const baseline = scenarioByName(row.scenario).baseline;
		const base = rows.find((r) => r.scenario === baseline && r.n === row.n);
		if (!base) continue;
		row.baselineWallMs = base.wallMs;
		const pairs = groups.get(`${row.scenario}@${row.n}`)!.flatMap((run) => {
			const other = groups.get(`${baseline}@${row.n}`)!.find((b) => b.repeat === run.repeat);
			return other ? [{ run: run.child, base: other.child }] : [];
		});
		row.ratios = pairs.map(({ run, base: b }) => run.wallMs / b.wallMs);
		row.ratio = median(row.ratios);
		if (row.ownMs !== undefined) {
			row.ownRatios = pairs.map(
				({ run, base: b }) => (run.wallMs - (run.paramEvalMs ?? 0)) / b.wallMs,
			);
			row.ownRatio = median(row.ownRatios);
		}
	}
	const order = (r: Row) => SCENARIOS.findIndex((s) => s.name === r.scenario);
	return rows.sort((a, b) => a.n - b.n || order(a) - order(b));
}

const fix = (value: number | undefined, digits = 0) =>
	value === undefined ? '–' : value.toFixed(digits);
/** The median, with the range over the passes when there were several. */
const spread = (value: number | undefined, values: number[] | undefined) =>
	value === undefined
		? '–'
		: values && values.length > 1
			? `${value.toFixed(2)} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`
			: value.toFixed(2);
const secs = (ms: number | undefined) =>
	ms === undefined ? '–' : (ms / 1000).toFixed(ms < 10_000 ? 3 : 2);

/** The main table's columns: header and cell. */
const COLUMNS: Array<[string, (row: Row) => string]> = [
	['scenario', (r) => r.scenario],
	['N', (r) => String(r.n)],
	['requests (max)', (r) => `${r.requests} (${r.maxRequests})`],
	['wall s', (r) => secs(r.wallMs)],
	['cons/s', (r) => fix(r.consignmentsPerSecond)],
	['peak RSS MB', (r) => fix(r.peakRssMB, 1)],
	['RSS growth MB', (r) => fix(r.peakRssMB - r.rssLoadedMB, 1)],
	['× bare', (r) => spread(r.ratio, r.ratios)],
	['n8n params s', (r) => secs(r.paramEvalMs)],
	['node own s', (r) => secs(r.ownMs)],
	['own × bare', (r) => spread(r.ownRatio, r.ownRatios)],
	['execTime s', (r) => secs(r.executionTimeMs)],
	['CPU s', (r) => secs(r.cpuMs)],
	['sockets', (r) => String(r.socketsOpened)],
	['sim busy % of wall', (r) => fix(r.sim.busyShare * 100, 1)],
	['sim cons/busy-s', (r) => String(r.sim.consignmentsPerBusySecond)],
];

/** A plain-text table (also valid Markdown). */
export function formatTable(rows: Row[]): string {
	return markdownTable(columnTable(COLUMNS, rows));
}

export function formatStatic(cold: ColdRequire[], pack: PackFigures | undefined): string {
	const lines = cold.map(
		(c) =>
			`  cold require of the node${c.preload ? ` (after ${c.preload})` : ' (nothing preloaded)'}: median ${c.medianMs.toFixed(1)} ms, min ${c.minMs.toFixed(1)} ms, ${c.modulesLoaded} modules loaded, xml2js ${c.xml2jsLoaded ? 'loaded' : 'not loaded'}`,
	);
	if (pack) {
		lines.push(
			`  packed tarball ${pack.filename}: ${(pack.sizeBytes / 1024).toFixed(1)} kB (unpacked ${(pack.unpackedSizeBytes / 1024).toFixed(1)} kB, ${pack.entryCount} files)`,
		);
	}
	return lines.join('\n');
}

/** The printed report: table, legend, static figures, targets. */
export function renderReport(results: BenchResults): {
	text: string;
	rows: Row[];
	targets: Target[];
} {
	const { machine } = results;
	const rows = buildRows(results.records);
	const targets = checkTargets(rows, results.coldRequire, Math.max(...results.sizes));
	const load = (l: number[] | undefined) => (l ? l.map((v) => v.toFixed(2)).join(' ') : '?');
	const text = [
		`SortedPRO node benchmark — ${results.date} — ${machine.nproc} CPUs (${machine.cpu ?? '?'}), node ${machine.node}, ` +
			`load average ${load(machine.loadAverage)} at start, ${load(machine.loadAverageAtEnd)} at end; code ${machine.code ?? '?'}; ` +
			`simulator in its own process; ${results.repeats} pass(es), median shown; ${results.totalSeconds.toFixed(0)} s in all`,
		'',
		formatTable(rows),
		'',
		...formatBoundTable(rows),
		'Memory (process.memoryUsage() sampled every 5 ms during the timed run; the highest over the passes):',
		'',
		formatMemoryTable(rows),
		'',
		"node own = wall − n8n params (time in n8n's getNodeParameter). × bare = wall time / the bare client's (same batches, same N),",
		"pass by pass, median (range); the bare client is Node's fetch with keep-alive; its -c4 runs keep 4 requests in flight, as the node's default Parallel Requests does, the others one; bare-json-newconn is node:http with a new connection per request.",
		"RSS growth = peak RSS − RSS once loaded and warmed up (before the N items are built). CPU s = the scenario process's user + system time in the run.",
		"sim busy = the simulator's own handling time (in its own process) as a share of the run's wall time; sim cons/busy-s = its throughput.",
		'requests = allocation requests the simulator received (the node also sends one GET /carrierservices per run).',
		'',
		formatStatic(results.coldRequire, results.pack),
		'',
		'Targets:',
		formatTargets(targets),
		'',
	].join('\n');
	return { text, rows, targets };
}
