'use strict';
/**
 * SortedPRO Trigger in queue mode: the delivered example, polling every 10 s, runs its poll on
 * the main and its executions on the workers. Each consignment that reaches a chosen state gets
 * exactly one tracking request; one in another state gets none.
 */
const fs = require('node:fs');
const assert = require('node:assert/strict');
const { httpJson } = require('../n8n-server');
const { sleep } = require('../processes');
const { fastWorkflows } = require('../e2e-trigger');
const cluster = require('./cluster');
const { checkWorkersRan, tally } = require('./checks');
const { CREDENTIAL } = require('./workflows');

/** The delivered example, fast, with the queue run's credential. */
function triggerWorkflow() {
	const wf = fastWorkflows()[0];
	for (const node of wf.nodes)
		if (node.credentials)
			node.credentials = { sortedProApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
	return wf;
}

const simPost = async (sim, route, body) =>
	await httpJson('POST', `${sim.baseUrl}/__simulator/${route}`, { body });

/** Paths of the simulator's recorded requests. */
const recordedPaths = (sim) =>
	fs
		.readFileSync(sim.recordFile, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line))
		.map((r) => `${r.method} ${r.path}`);

async function triggerChecks(ctx) {
	const { main, sim, check } = ctx;
	const refs = ['EC-TRQ-000-001', 'EC-TRQ-000-002', 'EC-TRQ-000-003'];
	const tracked = () =>
		tally(
			recordedPaths(sim)
				.filter((p) => p.startsWith('GET /tracking/EC-TRQ'))
				.map((p) => p.slice(14)),
		);
	const enqueuedBefore = cluster.enqueuedIds(main.log()).length;
	await check('trigger: consignments moved while the workflow polls every 10 s', async () => {
		const seed = refs.map((reference) => ({
			reference,
			state: 'Allocated',
			carrierServiceReference: 'CX_NDS',
		}));
		await simPost(sim, 'consignments', seed);
		// The activation's poll only remembers what it finds: move nothing before it.
		const polled = () => recordedPaths(sim).some((p) => p.startsWith('POST /events/'));
		for (let waited = 0; waited < 60 && !polled(); waited++) await sleep(1000);
		assert.ok(polled(), 'the trigger polled on activation');
		await simPost(sim, 'states', {
			[refs[0]]: 'Delivered',
			[refs[1]]: 'DeliveryFailed',
			[refs[2]]: 'InTransit',
		});
		for (let waited = 0; waited < 60 && tracked().size < 2; waited++) await sleep(1000);
		await sleep(21000); // two more polls: nothing is emitted twice
	});
	await check(
		'trigger: one tracking request per consignment delivered or failed, none for another state',
		() => {
			assert.deepEqual(Object.fromEntries(tracked()), { [refs[0]]: 1, [refs[1]]: 1 });
		},
	);
	const ids = cluster.enqueuedIds(main.log()).slice(enqueuedBefore);
	await checkWorkersRan(ctx, 'trigger', ids, 1);
}

module.exports = { triggerChecks, triggerWorkflow };
