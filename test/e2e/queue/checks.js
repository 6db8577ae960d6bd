'use strict';
/**
 * Checks of the queue-mode e2e run: concurrent webhook calls allocated by the workers, and the
 * API key kept out of every log. Each check can fail: it compares what the callers, the
 * simulator, PostgreSQL and the processes' logs report.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const assert = require('node:assert/strict');
const { httpJson } = require('../n8n-server');
const { sleep } = require('../processes');
const { psql } = require('./services');
const cluster = require('./cluster');
const workflows = require('./workflows');

const CARRIER_SERVICE = 'CX_NDS';

/** GET /__simulator/<route>: the simulator's JSON answer. */
const simGet = async (sim, route) =>
	(await httpJson('GET', `${sim.baseUrl}/__simulator/${route}`)).body;

/** The simulator's consignments as it holds them (state, carrier service, tracking), 50 at a time. */
async function simConsignments(sim, refs) {
	const found = [];
	for (let i = 0; i < refs.length; i += 50) {
		const slice = refs.slice(i, i + 50);
		const get = (ref) => simGet(sim, `consignments/${encodeURIComponent(ref)}`);
		found.push(...(await Promise.all(slice.map(get))));
	}
	return found;
}

/** POST { carrierService, references } to a production webhook of the main. */
const postReferences = (main, webhookPath, references, timeoutMs = 120000) =>
	httpJson('POST', `${main.baseUrl}/webhook/${webhookPath}`, {
		body: { carrierService: CARRIER_SERVICE, references },
		timeoutMs,
	});

/** How often each value occurs. */
function tally(values) {
	const count = new Map();
	for (const v of values) count.set(v, (count.get(v) || 0) + 1);
	return count;
}

/** What the simulator's counters say happened between two /stats answers. */
const statsDelta = (before, after) => ({
	allocated: after.consignmentsAllocated - before.consignmentsAllocated,
	wrongState: after.consignmentsInWrongState - before.consignmentsInWrongState,
	failed: after.consignmentsFailed - before.consignmentsFailed,
	notFound: after.consignmentsNotFound - before.consignmentsNotFound,
});

/** References sent in each recorded allocation request from line `from` on: [[ref, ...], ...]. */
function allocationBodies(sim, from = 0) {
	const lines = fs.readFileSync(sim.recordFile, 'utf8').split('\n').filter(Boolean);
	return lines
		.slice(from)
		.map((l) => JSON.parse(l))
		.filter((r) => r.method === 'PUT' && /allocatewithcarrierservice/i.test(r.path))
		.map((r) => JSON.parse(r.body).ConsignmentReferences);
}

const trackingOf = (item) =>
	(item.ConsignmentLegs || []).flatMap((l) => l.TrackingReferences || []);

/** Waits (a few seconds at most) until every id has its "Worker finished execution" line. */
async function finishedBy(workers, ids) {
	let by = new Map();
	for (let i = 0; i < 40; i++) {
		by = new Map(
			workers.map((w) => [w.name, cluster.finishedIds(w.log()).filter((id) => ids.includes(id))]),
		);
		if ([...by.values()].flat().length >= ids.length) break;
		await sleep(250);
	}
	return by;
}

/** Execution rows of one workflow: [[id, status, mode], ...]. */
const executionRows = (pg, workflowId) =>
	psql(
		pg,
		`SELECT id, status, mode FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id`,
	);

async function checkWorkersRan(ctx, label, ids, expected) {
	const { check, workers } = ctx;
	await check(
		`${label}: the main enqueued ${expected} execution(s) ("Enqueued execution N")`,
		() => {
			assert.equal(ids.length, expected, `enqueued ids ${ids.join(', ')}`);
		},
	);
	const by = await finishedBy(workers, ids);
	await check(
		`${label}: each one finished by exactly one worker ("Worker finished execution N")`,
		() => {
			const all = [...by.values()].flat();
			assert.deepEqual(
				[...all].sort(),
				[...ids].sort(),
				`finished: ${JSON.stringify(Object.fromEntries(by))}`,
			);
		},
	);
	return by;
}

async function allocationChecks(ctx) {
	const { main, workers, sim, pg, check, timed, requests, refs } = ctx;
	const tag = crypto.randomBytes(2).toString('hex').toUpperCase();
	const batches = Array.from({ length: requests }, (_, b) =>
		Array.from(
			{ length: refs },
			(_, i) => `EC-Q${String(b).padStart(2, '0')}-${String(i).padStart(4, '0')}-${tag}`,
		),
	);
	const total = requests * refs;
	const before = await simGet(sim, 'stats');
	const enqueuedBefore = cluster.enqueuedIds(main.log()).length;
	const webhook = workflows.webhookPath(workflows.ALLOCATE);
	const responses = await timed(`${requests} concurrent POSTs, ${total} references`, () =>
		Promise.all(batches.map((references) => postReferences(main, webhook, references, 180000))),
	);
	ctx.responses.push(...responses.map((r) => r.text));

	await check(`${requests} callers answered 200 with a JSON list`, () => {
		for (const r of responses)
			assert.ok(
				r.status === 200 && Array.isArray(r.body),
				`HTTP ${r.status}: ${r.text.slice(0, 300)}`,
			);
	});
	await check(
		`each caller got its own ${refs} consignments back, allocated (StatusCode 200, one tracking reference)`,
		() => {
			responses.forEach((r, b) => {
				const got = r.body.map((it) => it.ConsignmentReference);
				assert.deepEqual([...got].sort(), [...batches[b]].sort(), `caller ${b}`);
				for (const it of r.body) {
					assert.equal(it.StatusCode, 200, `${it.ConsignmentReference}: ${it.Description}`);
					assert.equal(trackingOf(it).length, 1, `${it.ConsignmentReference} tracking`);
				}
			});
		},
	);
	await check(`${total} distinct tracking references across all callers`, () => {
		const all = responses.flatMap((r) => r.body.flatMap(trackingOf));
		assert.equal(new Set(all).size, total);
	});
	const after = await simGet(sim, 'stats');
	await check(
		`simulator: ${total} consignments allocated, none in a wrong state, refused or unknown`,
		() => {
			const none = { wrongState: 0, failed: 0, notFound: 0 };
			assert.deepEqual(statsDelta(before, after), { allocated: total, ...none });
		},
	);
	const bodies = allocationBodies(sim);
	await check(
		`simulator request log: every reference sent exactly once (${bodies.length} requests, ≤ 100 each)`,
		() => {
			const count = tally(bodies.flat());
			const expected = batches.flat();
			assert.equal(count.size, expected.length);
			for (const ref of expected) assert.equal(count.get(ref), 1, ref);
			assert.ok(
				bodies.every((b) => b.length <= 100),
				'batch size',
			);
			assert.equal(bodies.length, requests * Math.ceil(refs / 100));
		},
	);
	await check(
		'simulator store: every consignment Allocated, with the requested carrier service',
		async () => {
			for (const c of await simConsignments(sim, batches.flat())) {
				const ok = c.state === 'Allocated' && c.carrierServiceReference === CARRIER_SERVICE;
				assert.ok(ok, JSON.stringify(c));
			}
		},
	);
	const ids = cluster.enqueuedIds(main.log()).slice(enqueuedBefore);
	const by = await checkWorkersRan(ctx, 'allocate', ids, requests);
	console.log(
		`     executions per worker: ${[...by].map(([w, l]) => `${w} ${l.length} (${l.join(',')})`).join('; ')}`,
	);
	await check(`work spread over both workers (--concurrency=5 each)`, () => {
		for (const w of workers) assert.ok(by.get(w.name).length > 0, `${w.name} finished none`);
	});
	await check(
		`PostgreSQL: ${requests} executions of the workflow, all success, mode webhook`,
		() => {
			const rows = executionRows(pg, workflows.ALLOCATE.id);
			assert.deepEqual(rows.map((r) => r[0]).sort(), [...ids].sort());
			for (const [id, status, mode] of rows)
				assert.ok(status === 'success' && mode === 'webhook', `${id}: ${status} ${mode}`);
		},
	);
}

/** The API key in no log, no record file and no answer. */
async function secretChecks({ check, apiKey, logDir, recordFile, responses }) {
	await check('the API key appears in no log, request record or webhook answer', () => {
		const files = [...fs.readdirSync(logDir).map((f) => path.join(logDir, f)), recordFile].filter(
			(f) => f && fs.existsSync(f),
		);
		for (const f of files) assert.ok(!fs.readFileSync(f, 'utf8').includes(apiKey), f);
		for (const r of responses) assert.ok(!r.includes(apiKey), 'webhook answer');
		assert.ok(files.length >= 5, `only ${files.length} files checked`);
	});
}

module.exports = {
	allocationChecks,
	secretChecks,
	checkWorkersRan,
	allocationBodies,
	trackingOf,
	simGet,
	simConsignments,
	postReferences,
	tally,
	statsDelta,
	CARRIER_SERVICE,
};
