'use strict';
/**
 * A worker killed in the middle of an allocation run (SIGKILL, no clean shutdown), the case a
 * safe re-run has to handle. The simulator holds every allocation answer for a second so the
 * run lasts several requests; the worker that started the execution is killed once the
 * simulator has allocated some batches. What n8n 2.8.4 does then: the job's lock lapses, Bull
 * finds it stalled and, as n8n allows no stalled retry (maxStalledCount 0), fails it; no other
 * worker runs it again; the webhook caller gets a 500. The consignments allocated before the
 * kill stay allocated (once), the others stay Unallocated (or never reached SortedPRO).
 * It leaves one worker; it returns what the simulator holds after the kill, for the re-run.
 */
const crypto = require('node:crypto');
const assert = require('node:assert/strict');
const { httpJson } = require('../n8n-server');
const { sleep } = require('../processes');
const { psql } = require('./services');
const cluster = require('./cluster');
const workflows = require('./workflows');
const { simGet, simConsignments, postReferences, tally } = require('./checks');

const REFS = 500;
const simStats = (sim) => simGet(sim, 'stats');

async function waitUntil(what, probe, timeoutMs) {
	const t0 = Date.now();
	while (Date.now() - t0 < timeoutMs) {
		const v = await probe();
		if (v) return v;
		await sleep(100);
	}
	throw new Error(`no ${what} after ${timeoutMs} ms`);
}

async function workerKillChecks(ctx) {
	const { main, workers, sim, pg, check, timed } = ctx;
	const tag = crypto.randomBytes(2).toString('hex').toUpperCase();
	const references = Array.from(
		{ length: REFS },
		(_, i) => `EC-KILL-${String(i).padStart(4, '0')}-${tag}`,
	);
	const plan = { seed: 1, probability: 1, faults: [{ kind: 'hang', when: 'after', ms: 1000 }] };
	await httpJson('POST', `${sim.baseUrl}/__simulator/fault-plan`, { body: plan });
	const before = await simStats(sim);
	const enqueuedBefore = cluster.enqueuedIds(main.log()).length;
	const t0 = Date.now();
	const answer = postReferences(main, workflows.webhookPath(workflows.ALLOCATE), references).then(
		(res) => ({ res, ms: Date.now() - t0 }),
		(err) => ({ err, ms: Date.now() - t0 }),
	);
	let id;
	let victim;
	try {
		id = await waitUntil(
			'enqueued execution',
			async () => cluster.enqueuedIds(main.log())[enqueuedBefore],
			30000,
		);
		victim = await waitUntil(
			`worker starting execution ${id}`,
			async () => workers.find((w) => w.log().includes(`Worker started execution ${id} `)),
			30000,
		);
		await waitUntil(
			'2 allocation requests',
			async () => (await simStats(sim)).allocationRequests - before.allocationRequests >= 2,
			30000,
		);
		await timed(`SIGKILL ${victim.name} (pid ${victim.pid}) while it runs execution ${id}`, () =>
			victim.stop({ signal: 'SIGKILL' }),
		);
	} finally {
		// Later requests are answered at once again.
		await httpJson('DELETE', `${sim.baseUrl}/__simulator/faults`);
	}
	const { res, err, ms } = await answer;
	const after = await simStats(sim);
	const allocated = after.consignmentsAllocated - before.consignmentsAllocated;
	console.log(
		`     caller answered after ${(ms / 1000).toFixed(1)} s; ${allocated} of ${REFS} consignments allocated before the kill`,
	);
	const survivor = workers.find((w) => w !== victim);

	await check(`killed worker: the caller gets HTTP 500 (not left waiting)`, () => {
		assert.ok(!err, err && err.message);
		assert.equal(res.status, 500, res.text.slice(0, 300));
	});
	await check(
		`killed worker: the main fails the stalled job ("job stalled more than maxStalledCount (execution ${id})")`,
		async () => {
			await waitUntil(
				'stalled line',
				async () => main.log().includes(`job stalled more than maxStalledCount (execution ${id})`),
				30000,
			);
			const rows = psql(
				pg,
				`SELECT status FROM execution_entity WHERE id = '${id}' AND "workflowId" = '${workflows.ALLOCATE.id}'`,
			);
			assert.deepEqual(rows, [['error']]);
		},
	);
	await check(`killed worker: ${survivor.name} does not run execution ${id} again`, () => {
		assert.ok(!survivor.log().includes(`Worker started execution ${id} `), survivor.tail());
	});
	// Each consignment as the simulator holds it now (its state, the tracking reference it gave).
	// A reference never sent is unknown to the simulator (auto-created on first use).
	const found = await simConsignments(sim, references);
	const firstRun = new Map(
		references.map((ref, k) => [ref, found[k].state ? found[k] : { state: 'never sent' }]),
	);
	await check(
		'killed worker: consignments allocated before the kill stay allocated once, the rest untouched',
		() => {
			assert.ok(allocated > 0 && allocated < REFS, `${allocated} allocated`);
			assert.equal(after.consignmentsInWrongState - before.consignmentsInWrongState, 0);
			const states = tally([...firstRun.values()].map((c) => c.state));
			assert.equal(states.get('Allocated') || 0, allocated, JSON.stringify([...states]));
			const untouched = (states.get('Unallocated') || 0) + (states.get('never sent') || 0);
			assert.equal(untouched, REFS - allocated, JSON.stringify([...states]));
		},
	);
	return { id, references, allocated, firstRun, victim };
}

module.exports = { workerKillChecks };
