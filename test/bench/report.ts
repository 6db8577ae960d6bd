/** Turns the runs into the printed table, the target checks and .cache/bench-results.json. */
import { type ChildResult, SCENARIOS, expectedRequests, scenarioByName } from './common';
import type { SimulatorStats } from './processes';
import type { ColdRequire, PackFigures } from './static-figures';

export interface RunRecord {
	child: ChildResult;
	sim: SimulatorStats;
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
	rssLoadedMB: number;
	rssBeforeMB: number;
	cpuMs: number;
	socketsOpened: number;
	paramEvalMs?: number;
	ownMs?: number;
	executionTimeMs?: number;
	harnessCopyMs?: number;
	baselineWallMs?: number;
	ratio?: number;
	ownRatio?: number;
	parameterReads?: Record<string, number>;
	logLines?: number;
	allocated: number;
	failed: number;
	bodiesMatchNode?: boolean;
	sim: { busyMs: number; busyShare: number; cpuMs?: number; consignmentsPerBusySecond: number; requestsPerBusySecond: number };
	repeats: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
		const { child, sim, simCpuMs } = group.find((r) => r.child.wallMs === wall)!;
		const spec = scenarioByName(child.scenario);
		rows.push({
			scenario: child.scenario,
			n: child.n,
			requests: sim.allocationRequests,
			maxRequests: expectedRequests(child.n, spec.mode),
			wallMs: child.wallMs,
			consignmentsPerSecond: (child.n / child.wallMs) * 1000,
			peakRssMB: Math.max(...group.map((r) => r.child.peakRssMB)),
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
		});
	}
	for (const row of rows) {
		const baseline = scenarioByName(row.scenario).baseline;
		const base = rows.find((r) => r.scenario === baseline && r.n === row.n);
		if (!base) continue;
		row.baselineWallMs = base.wallMs;
		row.ratio = row.wallMs / base.wallMs;
		if (row.ownMs !== undefined) row.ownRatio = row.ownMs / base.wallMs;
	}
	const order = (r: Row) => SCENARIOS.findIndex((s) => s.name === r.scenario);
	return rows.sort((a, b) => a.n - b.n || order(a) - order(b));
}

const fix = (value: number | undefined, digits = 0) => (value === undefined ? '–' : value.toFixed(digits));
const secs = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(ms < 10_000 ? 3 : 2));

export const TABLE_HEADER = [
	'scenario', 'N', 'requests (max)', 'wall s', 'cons/s', 'peak RSS MB', 'RSS growth MB', '× bare', 'n8n params s', 'node own s', 'own × bare',
	'execTime s', 'CPU s', 'sockets', 'sim busy % of wall', 'sim cons/busy-s',
];

export function tableCells(row: Row): string[] {
	return [
		row.scenario,
		String(row.n),
		`${row.requests} (${row.maxRequests})`,
		secs(row.wallMs),
		fix(row.consignmentsPerSecond),
		fix(row.peakRssMB, 1),
		fix(row.peakRssMB - row.rssLoadedMB, 1),
		row.ratio === undefined ? '–' : fix(row.ratio, 2),
		secs(row.paramEvalMs),
		secs(row.ownMs),
		row.ownRatio === undefined ? '–' : fix(row.ownRatio, 2),
		secs(row.executionTimeMs),
		secs(row.cpuMs),
		String(row.socketsOpened),
		fix(row.sim.busyShare * 100, 1),
		String(row.sim.consignmentsPerBusySecond),
	];
}

/** A plain-text table (also valid Markdown). */
export function formatTable(rows: Row[]): string {
	const lines = [TABLE_HEADER, TABLE_HEADER.map(() => '---'), ...rows.map(tableCells)];
	const widths = TABLE_HEADER.map((_, c) => Math.max(...lines.map((cells) => cells[c].length)));
	return lines
		.map((cells) => `| ${cells.map((cell, c) => (cells[c] === '---' ? '-'.repeat(widths[c]) : cell.padEnd(widths[c]))).join(' | ')} |`)
		.join('\n');
}

export interface Target {
	target: string;
	measured: string;
	met: boolean | null;
}

export function checkTargets(rows: Row[], cold: ColdRequire[], largestN: number): Target[] {
	const targets: Target[] = [];
	const at = (scenario: string, n: number) => rows.find((r) => r.scenario === scenario && r.n === n);
	const combine = rows.filter((r) => scenarioByName(r.scenario).client === 'node' && scenarioByName(r.scenario).mode === 'combine');
	if (combine.length > 0) {
		const over = combine.filter((r) => r.requests > r.maxRequests);
		targets.push({
			target: 'combine mode sends ≤ ⌈N / batch size⌉ requests per carrier service',
			measured: combine.map((r) => `${r.scenario}@${r.n}: ${r.requests}/${r.maxRequests}`).join(', '),
			met: over.length === 0,
		});
	}
	const json = at('combine-json', largestN);
	const xml = at('combine-xml', largestN);
	const pending = (what: string): Target => ({ target: what, measured: `not measured at N = ${largestN}`, met: null });
	const ratioTarget = (row: Row | undefined, what: string, key: 'ratio' | 'ownRatio', limit: number) =>
		row?.[key] === undefined ? pending(what) : { target: what, measured: row[key]!.toFixed(2), met: row[key]! <= limit };
	targets.push(ratioTarget(json, `JSON, N = ${largestN}: node / bare wall time ≤ 1.5 (whole run)`, 'ratio', 1.5));
	targets.push(ratioTarget(json, `JSON, N = ${largestN}: node's own share / bare ≤ 1.10`, 'ownRatio', 1.1));
	targets.push(ratioTarget(xml, `XML, N = ${largestN}: node's own share / bare ≤ 1.25`, 'ownRatio', 1.25));
	for (const row of [json, xml]) {
		if (!row?.parameterReads) continue;
		const perItem = ['carrierService', 'consignmentReferences'].map((p) => `${p} ${row.parameterReads![p] ?? 0}`);
		const ok = ['carrierService', 'consignmentReferences'].every((p) => (row.parameterReads![p] ?? 0) <= row.n);
		targets.push({ target: `${row.scenario}: each per-item parameter read once per item (≤ N = ${row.n})`, measured: perItem.join(', '), met: ok });
	}
	for (const row of [json, xml]) {
		if (!row) continue;
		const growth = row.peakRssMB - row.rssLoadedMB;
		targets.push({
			target: `${row.scenario}, N = ${row.n}: peak RSS ≤ 150 MB`,
			measured: `${row.peakRssMB.toFixed(1)} MB (of which ${row.rssLoadedMB.toFixed(1)} MB is n8n-core + harness loaded and warmed up before the items exist; growth ${growth.toFixed(1)} MB)`,
			met: row.peakRssMB <= 150,
		});
	}
	const preloaded = cold.find((c) => c.preload !== null);
	if (preloaded) {
		targets.push({
			target: 'cold require of the node ≤ 50 ms (n8n-workflow already loaded)',
			measured: `${preloaded.medianMs.toFixed(1)} ms (median of ${preloaded.runs}), xml2js loaded: ${preloaded.xml2jsLoaded ? 'yes' : 'no'}`,
			met: preloaded.medianMs <= 50,
		});
	}
	const nodeRows = rows.filter((r) => scenarioByName(r.scenario).client === 'node');
	if (nodeRows.length > 0) {
		const worst = Math.max(...nodeRows.map((r) => r.sim.busyShare));
		targets.push({
			target: 'the simulator is not the bottleneck (its busy time is a small share of the node runs)',
			measured: `at most ${(worst * 100).toFixed(1)} % of a node run's wall time`,
			met: worst < 0.5,
		});
	}
	return targets;
}

export function formatTargets(targets: Target[]): string {
	const mark = (met: boolean | null) => (met === null ? 'n/a ' : met ? 'MET ' : 'NOT MET');
	return targets.map((t) => `  [${mark(t.met)}] ${t.target}: ${t.measured}`).join('\n');
}

export function formatStatic(cold: ColdRequire[], pack: PackFigures | undefined): string {
	const lines = cold.map(
		(c) =>
			`  cold require of the node${c.preload ? ` (after ${c.preload})` : ' (nothing preloaded)'}: median ${c.medianMs.toFixed(1)} ms, min ${c.minMs.toFixed(1)} ms, ${c.modulesLoaded} modules loaded, xml2js ${c.xml2jsLoaded ? 'loaded' : 'not loaded'}`,
	);
	if (pack) {
		lines.push(`  packed tarball ${pack.filename}: ${(pack.sizeBytes / 1024).toFixed(1)} kB (unpacked ${(pack.unpackedSizeBytes / 1024).toFixed(1)} kB, ${pack.entryCount} files)`);
	}
	return lines.join('\n');
}
