/**
 * What the bench's processes share: the workload (items, carrier services, batches), the
 * scenario names, the child's result line and tiny HTTP calls to the simulator's control routes.
 * Imports nothing from n8n, so the bare-client process stays free of it.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const API_KEY = 'bench-key';
export const BATCH_SIZE = 100;
/** A few carrier services of the simulator's defaults, mixed item by item. */
export const SERVICES = ['CX_NDS', 'MPD_RMDTPS48HNAST', 'EDC5_DPDSS'];
export const ALLOCATE_PATH = '/allocation/allocatewithcarrierservice';

export type Format = 'json' | 'xml';
export type Mode = 'combine' | 'perItem';
export type Client = 'node' | 'bare';

export interface ScenarioSpec {
	name: string;
	client: Client;
	mode: Mode;
	format: Format;
	/** The scenario the ratio is taken against (the bare client with the same batches). */
	baseline?: string;
	/** The sizes this scenario runs at (a subset of the run's sizes). */
	maxN?: number;
	/** Runs only at this size (when the run's sizes include it). */
	onlyN?: number;
	/** Server-bound: the simulator's latency model during the timed run (off during the warm-up). */
	server?: ServerModel;
	/** Requests in flight: the bare client's concurrency, or the node's options.parallelRequests. */
	concurrency?: number;
}

/** The simulator's latency model (test/simulator/latency.js) for a server-bound scenario. */
export interface ServerModel {
	perRequestMs: number;
	perConsignmentMs: number;
	concurrentRequestLimit: number;
	retryAfterSeconds: number;
}

/** 100 ms per request + 5 ms per consignment (0.6 s for a batch of 100), at most `limit` requests in flight. */
const slowServer = (limit: number): ServerModel => ({
	perRequestMs: 100,
	perConsignmentMs: 5,
	concurrentRequestLimit: limit,
	retryAfterSeconds: 1,
});
export const BOUND_N = 10_000;

const spec = (
	name: string,
	client: Client,
	mode: Mode,
	format: Format,
	rest: Partial<ScenarioSpec> = {},
): ScenarioSpec => ({ name, client, mode, format, ...rest });
/** Server-bound: SortedPRO takes its time and limits concurrent requests (429 + Retry-After beyond). */
const bound = (
	name: string,
	client: Client,
	limit: number,
	concurrency: number,
	baseline?: string,
) =>
	spec(name, client, 'combine', 'json', {
		onlyN: BOUND_N,
		server: slowServer(limit),
		concurrency,
		...(baseline && { baseline }),
	});

/** The node's default Parallel Requests: loopback baselines send as many at once (like for like). */
export const NODE_CONCURRENCY = 4;

export const SCENARIOS: ScenarioSpec[] = [
	spec('combine-json', 'node', 'combine', 'json', { baseline: 'bare-json-c4' }),
	spec('bare-json-c4', 'bare', 'combine', 'json', { concurrency: NODE_CONCURRENCY }),
	spec('bare-json', 'bare', 'combine', 'json', { baseline: 'bare-json-c4' }),
	spec('bare-json-newconn', 'bare', 'combine', 'json', { baseline: 'bare-json' }),
	spec('combine-xml', 'node', 'combine', 'xml', { baseline: 'bare-xml-c4' }),
	spec('bare-xml-c4', 'bare', 'combine', 'xml', { concurrency: NODE_CONCURRENCY }),
	spec('bare-xml', 'bare', 'combine', 'xml', { baseline: 'bare-xml-c4' }),
	spec('peritem-json', 'node', 'perItem', 'json', {
		baseline: 'bare-peritem-json-c4',
		maxN: 10_000,
	}),
	spec('bare-peritem-json-c4', 'bare', 'perItem', 'json', {
		concurrency: NODE_CONCURRENCY,
		maxN: 10_000,
	}),
	spec('bare-peritem-json', 'bare', 'perItem', 'json', {
		baseline: 'bare-peritem-json-c4',
		maxN: 10_000,
	}),
	bound('bound-bare-c8', 'bare', 8, 8),
	bound('bound-node-p8', 'node', 8, 8, 'bound-bare-c8'),
	bound('bound-node-p16-limit4', 'node', 4, 16),
	bound('bound-node-p1', 'node', 8, 1, 'bound-bare-c8'),
];

/** Whether a scenario runs at size n. */
export const runsAt = (spec: ScenarioSpec, n: number) =>
	(spec.maxN === undefined || n <= spec.maxN) && (spec.onlyN === undefined || n === spec.onlyN);

/**
 * The least time a server-bound run can take: every request costs perRequestMs + perConsignmentMs
 * × batch size, and min(server limit, client concurrency) run at once: ⌈requests / k⌉ × that.
 */
export function idealMs(spec: ScenarioSpec, n: number): number | undefined {
	if (!spec.server) return undefined;
	const { perRequestMs, perConsignmentMs, concurrentRequestLimit } = spec.server;
	const k = Math.min(concurrentRequestLimit || Infinity, spec.concurrency ?? 1);
	return (
		Math.ceil(expectedRequests(n, spec.mode) / k) * (perRequestMs + perConsignmentMs * BATCH_SIZE)
	);
}

/** Sets the simulator's latency model (after the warm-up and reset, just before the timed run). */
export async function applyServerModel(spec: ScenarioSpec, baseUrl: string): Promise<void> {
	if (spec.server) await control(baseUrl, 'POST', 'latency', spec.server);
}

export function scenarioByName(name: string): ScenarioSpec {
	const spec = SCENARIOS.find((s) => s.name === name);
	if (!spec)
		throw new Error(
			`Unknown scenario "${name}"; known: ${SCENARIOS.map((s) => s.name).join(', ')}`,
		);
	return spec;
}

/** EC-000-012-345 for 12345 (the simulator auto-creates every EC-… reference as Unallocated). */
export function reference(prefix: string, i: number): string {
	const d = String(i).padStart(9, '0');
	return `${prefix}-${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
}

export interface BenchItem {
	ref: string;
	service: string;
}

/** N items, one consignment reference each, carrier services mixed round-robin. */
export function makeItems(n: number, prefix = 'EC'): BenchItem[] {
	const items: BenchItem[] = new Array(n);
	for (let i = 0; i < n; i++)
		items[i] = { ref: reference(prefix, i + 1), service: SERVICES[i % SERVICES.length] };
	return items;
}

/** Requests the node may send at most: ⌈n_s / batch⌉ per carrier service (combine), one per item (per item). */
export function expectedRequests(n: number, mode: Mode): number {
	if (mode === 'perItem') return n;
	let total = 0;
	for (let s = 0; s < SERVICES.length; s++) {
		const count = Math.floor(n / SERVICES.length) + (s < n % SERVICES.length ? 1 : 0);
		total += Math.ceil(count / BATCH_SIZE);
	}
	return total;
}

/** The one JSON line a scenario child prints last on stdout. */
export interface ChildResult {
	scenario: string;
	n: number;
	wallMs: number;
	/** Node only: n8n's getNodeParameter time (harness paramEvalMs) */
	paramEvalMs?: number;
	/** Node only: runData[node][0].executionTime (n8n's own timing of the node's execute) */
	executionTimeMs?: number;
	/** Node only: harness durationMs */
	harnessDurationMs?: number;
	/** Node only: time the harness spends copying the input items (measured again after the run) */
	harnessCopyMs?: number;
	/** Node only: getNodeParameter calls by parameter name */
	parameterReads?: Record<string, number>;
	/** Node only: lines the harness' debug logger recorded during the timed run */
	logLines?: number;
	outputItems: number;
	allocated: number;
	failed: number;
	socketsOpened: number;
	cpuUserMs: number;
	cpuSystemMs: number;
	/** RSS once loaded and warmed up, before the N items are built */
	rssLoadedMB: number;
	/** RSS just before the timed run (items built) */
	rssBeforeMB: number;
	peakRssMB: number;
	/** Peaks of process.memoryUsage() sampled every 5 ms during the timed run, MB */
	memoryPeaks?: MemoryPeaks;
	/** Bare only: its request bodies are byte-identical to the node codec's */
	bodiesMatchNode?: boolean;
	/** Bare only: 429 answers it received (and waited Retry-After for) */
	rateLimitedSeen?: number;
}

export interface MemoryPeaks {
	heapUsedMB: number;
	externalMB: number;
	arrayBuffersMB: number;
}

/**
 * Samples process.memoryUsage() every 5 ms until stopped; returns the peaks, which show whether
 * RSS growth is the JS heap or Buffers held outside it (answer bodies).
 */
export function memorySampler(): { stop(): MemoryPeaks } {
	const keys = ['heapUsed', 'external', 'arrayBuffers'] as const;
	const peaks = { heapUsed: 0, external: 0, arrayBuffers: 0 };
	const sample = () => {
		const usage = process.memoryUsage();
		for (const k of keys) peaks[k] = Math.max(peaks[k], usage[k]);
	};
	const timer = setInterval(sample, 5);
	return {
		stop() {
			clearInterval(timer);
			sample();
			const [heapUsedMB, externalMB, arrayBuffersMB] = keys.map((k) => mb(peaks[k]));
			return { heapUsedMB, externalMB, arrayBuffersMB };
		},
	};
}

/** Counts TCP connections this process opens (undici's fetch and http.Agent both publish here). */
export function socketCounter(): { count(): number; reset(): void } {
	let sockets = 0;
	subscribe('net.client.socket', () => {
		sockets++;
	});
	return { count: () => sockets, reset: () => (sockets = 0) };
}

/** A call to the simulator's /__simulator/* control routes with node:http (no fetch, no axios). */
export function control<T = unknown>(
	baseUrl: string,
	method: 'GET' | 'POST',
	route: string,
	body?: unknown,
): Promise<T> {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : JSON.stringify(body);
		const req = http.request(
			`${baseUrl}/__simulator/${route}`,
			{ method, agent: false, headers: payload ? { 'Content-Type': 'application/json' } : {} },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => {
					if ((res.statusCode ?? 0) >= 300)
						reject(new Error(`simulator ${route}: HTTP ${res.statusCode} ${text}`));
					else resolve(JSON.parse(text) as T);
				});
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/** Tiny `--flag value` parser. */
export function parseFlags(argv: string[]): Record<string, string> {
	const flags: Record<string, string> = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}`);
		const eq = arg.indexOf('=');
		if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
		else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags[arg.slice(2)] = argv[++i];
		else flags[arg.slice(2)] = 'true';
	}
	return flags;
}

export function mb(bytes: number): number {
	return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

/** What measuredRun measures of a child's run (the rest is the client's own). */
export type RunFigures = Omit<ChildResult, 'outputItems' | 'allocated' | 'failed'>;

/**
 * One scenario child's measured run, the same for the node and the bare client: `warmUp`, a clean
 * simulator with the scenario's latency model, then `prepare` gets the N items and returns the
 * timed run; around it CPU, RSS, sockets, memory peaks and the optional profiles.
 */
export async function measuredRun<T>(
	spec: ScenarioSpec,
	n: number,
	baseUrl: string,
	warmUp: () => Promise<unknown>,
	prepare: (items: BenchItem[]) => () => Promise<T>,
): Promise<[T, RunFigures]> {
	await warmUp();
	await control(baseUrl, 'POST', 'reset');
	await applyServerModel(spec, baseUrl);
	const rssLoaded = process.memoryUsage().rss;
	const timed = prepare(makeItems(n));
	const sockets = socketCounter();
	const rssBefore = process.memoryUsage().rss;
	const cpuBefore = process.cpuUsage();
	const stopProfile = await startRunProfile(`${spec.name}-${n}-run`);
	const memory = memorySampler();
	const started = performance.now();
	const result = await timed();
	const wallMs = performance.now() - started;
	const memoryPeaks = memory.stop();
	await stopProfile();
	const cpu = process.cpuUsage(cpuBefore);
	// The run's peak, read before anything after it allocates (the node's harness-copy timing).
	const peakRssMB = Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
	const [cpuUserMs, cpuSystemMs] = [cpu.user / 1000, cpu.system / 1000];
	const [rssLoadedMB, rssBeforeMB, socketsOpened] = [mb(rssLoaded), mb(rssBefore), sockets.count()];
	const figures = { cpuUserMs, cpuSystemMs, rssLoadedMB, rssBeforeMB, socketsOpened, peakRssMB };
	return [result, { scenario: spec.name, n, wallMs, memoryPeaks, ...figures }];
}

/** Prints the child's result as its last stdout line and exits once it is written. */
export function finishChild(result: ChildResult): void {
	process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

/**
 * CPU profile of the timed run only (not start-up or warm-up), when the parent passes
 * BENCH_PROFILE_DIR: V8's sampling profiler through node:inspector. Returns the function that
 * stops it and writes <dir>/<name>.cpuprofile.
 */
export async function startRunProfile(name: string): Promise<() => Promise<void>> {
	const dir = process.env.BENCH_PROFILE_DIR;
	const heapDir = process.env.BENCH_HEAP_PROFILE_DIR;
	if (!dir && !heapDir) return async () => {};
	const session = new Session();
	session.connect();
	const post = (method: string, params?: object) =>
		new Promise<unknown>((done, fail) =>
			session.post(method, params ?? {}, (error, result) => (error ? fail(error) : done(result))),
		);
	if (dir) {
		await post('Profiler.enable');
		await post('Profiler.setSamplingInterval', { interval: 500 });
		await post('Profiler.start');
	}
	// Heap: sampled allocations still alive when the run ends (garbage not yet collected included).
	if (heapDir) await post('HeapProfiler.startSampling', { samplingInterval: 16384 });
	return async () => {
		if (heapDir) {
			const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
			writeFileSync(join(heapDir, `${name}.heapprofile`), JSON.stringify(profile));
		}
		if (dir) {
			const { profile } = (await post('Profiler.stop')) as { profile: unknown };
			writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
		}
		session.disconnect();
	};
}
