/**
 * `npm run bench:trigger`: SortedPRO Trigger's poll through n8n-core's PollContext against the
 * simulator in its own process. A backlog of N events (Start From before them), whole answers
 * and answers capped at 500, then an idle poll. Prints time, requests, items and peak RSS.
 *   node .cache/bench-build/test/bench/trigger-poll.js [--n 10000] [--repeat 3]
 */
import { Poller, shutdownN8n } from '../harness'; // first: sets n8n's environment before n8n-core loads

import { performance } from 'node:perf_hooks';

import { SortedProApi } from '../../credentials/SortedProApi.credentials';
import { SortedProTrigger } from '../../nodes/SortedPro/SortedProTrigger.node';
import { API_KEY, control, mb, parseFlags } from './common';
import { startSimulatorProcess } from './processes';

const TYPE = 'n8n-nodes-sortedpro.sortedProTrigger';
const nodeTypes = { [TYPE]: new SortedProTrigger() };
const MINUTE = 60_000;

interface PollFigures {
	ms: number;
	requests: number;
	items: number;
	peakRssMB: number;
	/** peak RSS less RSS just before the poll */
	growthMB: number;
}

/** One poll, timed, with the simulator's request count and this process' peak RSS around it. */
async function timedPoll(poller: Poller, baseUrl: string): Promise<PollFigures> {
	const before = (await control<{ requests: number }>(baseUrl, 'GET', 'stats')).requests;
	const rss = process.memoryUsage().rss;
	let peak = rss;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	const t0 = performance.now();
	const result = await poller.poll();
	const ms = performance.now() - t0;
	clearInterval(sampler);
	const after = (await control<{ requests: number }>(baseUrl, 'GET', 'stats')).requests;
	return {
		ms,
		requests: after - before,
		items: result?.[0].length ?? 0,
		peakRssMB: mb(peak),
		growthMB: mb(peak - rss),
	};
}

async function main(): Promise<void> {
	const flags = parseFlags(process.argv.slice(2));
	const n = Number(flags.n ?? 10_000);
	const repeat = Number(flags.repeat ?? 3);
	const sim = await startSimulatorProcess();
	const rows: string[] = [];
	try {
		for (const cap of [0, 500])
			for (let pass = 1; pass <= repeat; pass++) {
				await control(sim.baseUrl, 'POST', 'reset');
				await control(sim.baseUrl, 'POST', 'options', { eventsCap: cap });
				const start = Date.now() - 60 * MINUTE;
				const events = Array.from({ length: n }, (_, i) => ({
					reference: `EC-BCK-${String(i).padStart(6, '0')}`,
					type: 'LabelsPrinted',
					time: start + Math.floor((i * 50 * MINUTE) / n),
				}));
				await control(sim.baseUrl, 'POST', 'events', events);
				const poller = new Poller({
					nodeTypes,
					type: TYPE,
					parameters: {
						triggerOn: 'consignmentEvent',
						eventTypes: ['LabelsPrinted'],
						options: { startFrom: new Date(start - MINUTE).toISOString() },
					},
					credentialTypes: [new SortedProApi()],
					credentials: {
						sortedProApi: { apiKey: API_KEY, environment: 'custom', baseUrl: sim.baseUrl },
					},
				}).activate();
				const backlog = await timedPoll(poller, sim.baseUrl);
				if (backlog.items !== n) throw new Error(`backlog poll emitted ${backlog.items} of ${n}`);
				const idle = await timedPoll(poller, sim.baseUrl);
				const answer = cap ? `capped at ${cap}` : 'whole';
				rows.push(
					`| backlog ${n}, answers ${answer} | ${pass} | ${backlog.ms.toFixed(0)} | ${backlog.requests} | ${backlog.items} | ${backlog.peakRssMB} | ${backlog.growthMB} |`,
					`| idle poll after it | ${pass} | ${idle.ms.toFixed(1)} | ${idle.requests} | ${idle.items} | ${idle.peakRssMB} | ${idle.growthMB} |`,
				);
			}
	} finally {
		await sim.stop();
		await shutdownN8n();
	}
	console.log(
		'| poll | pass | ms | requests | items | peak RSS MB | RSS growth MB |\n|---|---|---|---|---|---|---|',
	);
	console.log(rows.join('\n'));
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
