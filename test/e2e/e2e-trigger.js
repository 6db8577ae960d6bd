'use strict';
/**
 * SortedPRO Trigger in a started n8n: the two trigger examples published (polling every 10 s),
 * consignments moved in the simulator while n8n runs, n8n stopped and started again with events
 * logged while it was down. Each matching event must start exactly one item downstream (one
 * tracking request per delivered consignment, one manifest per labels-printed one), none of
 * another state or type, none before activation, none lost across the restart.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const n8n = require('./n8n-cli');
const { startN8n } = require('./n8n-server');
const { sleep } = require('./processes');

const EXAMPLES = ['trigger-delivered-message.json', 'trigger-labels-manifest.json'];
/** Every 10 s: a `*` in the seconds field is refused by n8n (at least a minute). */
const EVERY_10_S = '0,10,20,30,40,50 * * * * *';
const ref = (kind, n) => `EC-TRG-00${kind}-00${n}`;

/** The trigger examples as shipped, polling every 10 s instead of every 5 minutes. */
function fastWorkflows() {
	return EXAMPLES.map((file) => {
		const wf = JSON.parse(fs.readFileSync(path.join(n8n.REPO_ROOT, 'examples', file), 'utf8'));
		for (const node of wf.nodes)
			if (node.parameters.pollTimes)
				node.parameters.pollTimes = { item: [{ mode: 'custom', cronExpression: EVERY_10_S }] };
		return wf;
	});
}

/** Waits (up to 90 s) until `done()` holds, checking every second. */
async function until(what, done) {
	for (let waited = 0; waited < 90; waited++) {
		if (done()) return;
		await sleep(1000);
	}
	throw new Error(`not seen within 90 s: ${what}`);
}

/** How often each reference was tracked and manifested, by the simulator's record. */
function downstream(sim) {
	const count = { tracked: {}, manifested: {} };
	for (const r of sim.requests) {
		if (r.method === 'GET' && /^\/tracking\//i.test(r.path)) {
			const reference = decodeURIComponent(r.path.split('/').pop());
			count.tracked[reference] = (count.tracked[reference] || 0) + 1;
		}
		if (r.method === 'PUT' && /^\/consignments\/manifest$/i.test(r.path))
			for (const reference of JSON.parse(r.body).ConsignmentReferences)
				count.manifested[reference] = (count.manifested[reference] || 0) + 1;
	}
	return count;
}

/** Moves consignments the way SortedPRO would log it: D* reach a state, M* get an event. */
function happen(sim, states, events) {
	for (const [reference, state] of states) sim.setState(reference, state);
	sim.addEvents(events.map(([reference, type]) => ({ reference, type })));
}

/** ctx = { report, version, env, sim, apiKey }; the examples' credential is imported already. */
async function runTriggerChecks({ report, version, env, sim, apiKey }) {
	const seed = [1, 2, 3, 4, 5, 6].flatMap((n) => [ref('D', n), ref('M', n)]);
	sim.addConsignments(seed.map((reference) => ({ reference, state: 'Allocated' })));
	const workflows = fastWorkflows();
	const published = await report.step(
		'import and publish the trigger examples',
		version,
		async () => {
			await n8n.importWorkflow(env, workflows);
			for (const wf of workflows)
				await n8n.runN8n(env, ['publish:workflow', `--id=${wf.id}`], { check: true });
		},
	);
	if (!published) return;
	// Before activation: never emitted.
	happen(sim, [[ref('D', 6), 'Delivered']], [[ref('M', 6), 'LabelsPrinted']]);
	const polls = () =>
		sim.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/events/')).length;
	let server;
	const servers = [];
	const start = async () => {
		const before = polls();
		// A log file per start: the key must be in neither.
		const logFile = path.join(env.N8N_USER_FOLDER, `n8n-trigger-${servers.length + 1}.log`);
		server = await startN8n(env, { name: 'n8n-start-trigger', logFile });
		servers.push(server);
		await until('the activation polls', () => polls() >= before + 2);
	};
	const processed = (tracked, manifested) => () => {
		const count = downstream(sim);
		return (
			tracked.every((r) => count.tracked[r] >= 1) &&
			manifested.every((r) => count.manifested[r] >= 1)
		);
	};
	try {
		if (!(await report.step('n8n start with both triggers active', version, start))) return;
		await report.check('events while n8n runs start the workflows', version, async () => {
			happen(
				sim,
				[
					[ref('D', 1), 'Delivered'],
					[ref('D', 2), 'DeliveryFailed'],
					[ref('D', 3), 'InTransit'],
				],
				[
					[ref('M', 1), 'LabelsPrinted'],
					[ref('M', 2), 'LabelsPrinted'],
					[ref('M', 3), 'ConsignmentCreated'],
				],
			);
			await until(
				'D1, D2 tracked; M1, M2 manifested',
				processed([ref('D', 1), ref('D', 2)], [ref('M', 1), ref('M', 2)]),
			);
		});
		await report.check(
			'events while n8n is stopped are emitted after its restart',
			version,
			async () => {
				await server.stop();
				happen(sim, [[ref('D', 4), 'Delivered']], [[ref('M', 4), 'LabelsPrinted']]);
				await start();
				happen(sim, [[ref('D', 5), 'Delivered']], [[ref('M', 5), 'LabelsPrinted']]);
				await until(
					'D4, D5 tracked; M4, M5 manifested',
					processed([ref('D', 4), ref('D', 5)], [ref('M', 4), ref('M', 5)]),
				);
				await sleep(21000); // two more polls: nothing is emitted twice
			},
		);
		await report.check('each matching event started exactly one item; none other', version, () => {
			const count = downstream(sim);
			const once = (refs) => Object.fromEntries(refs.map((r) => [r, 1]));
			const matching = [1, 2, 4, 5];
			assert.deepEqual(
				Object.fromEntries(Object.entries(count.tracked).filter(([r]) => r.startsWith('EC-TRG'))),
				once(matching.map((n) => ref('D', n))),
			);
			assert.deepEqual(
				Object.fromEntries(
					Object.entries(count.manifested).filter(([r]) => r.startsWith('EC-TRG')),
				),
				once(matching.map((n) => ref('M', n))),
			);
		});
		await report.check('API key absent from the log of the n8n that polled', version, () =>
			assert.ok(servers.every((started) => !started.logs.includes(apiKey))),
		);
	} finally {
		await server?.stop();
	}
}

module.exports = {
	runTriggerChecks,
	TRIGGER_EXAMPLES: EXAMPLES,
	fastWorkflows,
	downstream,
	happen,
	ref,
};
