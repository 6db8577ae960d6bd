/** The server-bound scenarios: their own table (wall time against the ideal, 429s, nothing lost) and targets. */
import { SCENARIOS, scenarioByName } from './common';
import type { Row, RunRecord } from './report';
import { columnTable, markdownTable } from './table';
import type { Target } from './targets';

/** Every consignment allocated exactly once: the simulator holds N consignments, all Allocated, none sent twice. */
export function nothingLost(record: RunRecord): boolean {
	const { n } = record.child;
	const states = record.states ?? {};
	const held = Object.values(states).reduce((a, b) => a + b, 0);
	return (
		held === n &&
		states.Allocated === n &&
		record.sim.consignmentsAllocated === n &&
		record.sim.consignmentsInWrongState === 0
	);
}

const s = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(2));

/** Lines of the server-bound table (none when no server-bound scenario ran). */
export function formatBoundTable(rows: Row[]): string[] {
	const bound = rows.filter((r) => scenarioByName(r.scenario).server);
	if (bound.length === 0) return [];
	const spec = (r: Row) => scenarioByName(r.scenario);
	const columns: Array<[string, (r: Row) => string]> = [
		['scenario', (r) => r.scenario],
		['N', (r) => String(r.n)],
		['server limit', (r) => String(spec(r).server!.concurrentRequestLimit)],
		[
			'in flight (client)',
			(r) => `${spec(r).concurrency ?? 1}${spec(r).client === 'node' ? ' (parallelRequests)' : ''}`,
		],
		['requests', (r) => String(r.requests)],
		['429s', (r) => String(r.rateLimited ?? '–')],
		['peak in flight', (r) => String(r.peakConcurrent ?? '–')],
		['wall s', (r) => s(r.wallMs)],
		['ideal s', (r) => s(r.idealMs)],
		['× ideal', (r) => (r.idealMs ? (r.wallMs / r.idealMs).toFixed(2) : '–')],
		['× bound-bare-c8', (r) => (r.ratio === undefined ? '–' : r.ratio.toFixed(2))],
		['nothing lost', (r) => (r.nothingLost === undefined ? '?' : r.nothingLost ? 'yes' : 'NO')],
	];
	const server = bound.map((r) => scenarioByName(r.scenario).server!)[0];
	return [
		`Server-bound (simulator: ${server.perRequestMs} ms per request + ${server.perConsignmentMs} ms per consignment, 429 + Retry-After ${server.retryAfterSeconds} s beyond its limit of concurrent requests):`,
		'',
		markdownTable(columnTable(columns, bound)),
		'',
		'ideal = ⌈requests / min(server limit, client in flight)⌉ × time of a full request. requests = allocation requests the simulator handled',
		'(429s not included). nothing lost = the simulator holds N consignments, all Allocated, none allocated twice.',
		'',
	];
}

/**
 * Bound on the 429s of the node against a server limit below its Parallel Requests, as the
 * README states it: at most Parallel Requests while the limit comes down, then about one per
 * limit's worth of answers while it probes upwards: Parallel Requests + ⌈requests / 2⌉.
 */
export function max429(parallelRequests: number, requests: number): number {
	return parallelRequests + Math.ceil(requests / 2);
}

export function boundTargets(rows: Row[]): Target[] {
	const targets: Target[] = [];
	const at = (name: string) => rows.find((r) => r.scenario === name);
	const p8 = at('bound-node-p8');
	if (p8?.idealMs) {
		targets.push({
			target: 'server-bound: node, Parallel Requests 8, server limit 8: wall ≤ 1.15 × ideal',
			measured: `${(p8.wallMs / p8.idealMs).toFixed(2)} (${s(p8.wallMs)} s / ${s(p8.idealMs)} s)`,
			met: p8.wallMs <= 1.15 * p8.idealMs,
		});
	}
	if (p8?.ratio !== undefined) {
		targets.push({
			target: 'server-bound: node, Parallel Requests 8: wall ≤ 1.1 × bare client with 8 in flight',
			measured: `${p8.ratio.toFixed(2)} (${s(p8.wallMs)} s / ${s(p8.baselineWallMs)} s)`,
			met: p8.ratio <= 1.1,
		});
	}
	const p16 = at('bound-node-p16-limit4');
	if (p16?.idealMs) {
		targets.push({
			target:
				'server-bound: node, Parallel Requests 16, server limit 4: wall ≤ 1.3 × the 4-concurrent ideal',
			measured: `${(p16.wallMs / p16.idealMs).toFixed(2)} (${s(p16.wallMs)} s / ${s(p16.idealMs)} s)`,
			met: p16.wallMs <= 1.3 * p16.idealMs,
		});
		const bound = max429(scenarioByName(p16.scenario).concurrency ?? 1, p16.requests);
		const limit = scenarioByName(p16.scenario).server!.concurrentRequestLimit;
		targets.push({
			target: `server-bound: node, Parallel Requests 16, server limit ${limit}: 429s counted and ≤ Parallel Requests + ⌈requests / 2⌉ = ${bound}, the server's ${limit} slots used (peak in flight ${limit})`,
			measured: `${p16.rateLimited ?? '?'} × 429, peak ${p16.peakConcurrent ?? '?'} in flight`,
			met:
				p16.rateLimited === undefined
					? null
					: p16.rateLimited <= bound && p16.peakConcurrent === limit,
		});
	}
	const bound = rows.filter((r) => scenarioByName(r.scenario).server);
	if (bound.length > 0) {
		const order = (r: Row) => SCENARIOS.findIndex((x) => x.name === r.scenario);
		targets.push({
			target:
				"server-bound: nothing lost (every consignment allocated exactly once, from the simulator's state)",
			measured: [...bound]
				.sort((a, b) => order(a) - order(b))
				.map(
					(r) =>
						`${r.scenario}: ${r.nothingLost === undefined ? 'unknown' : r.nothingLost ? 'yes' : 'NO'}`,
				)
				.join(', '),
			met: bound.some((r) => r.nothingLost === undefined)
				? null
				: bound.every((r) => r.nothingLost),
		});
	}
	return targets;
}
