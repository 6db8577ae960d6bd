'use strict';
/**
 * The safe re-run after a worker was killed mid-run (kill.js): the same references POSTed again
 * to a workflow whose Allocate node has Options → If Already Allocated = Report as Allocated.
 * Every consignment must come out once: those the first run allocated marked
 * `AlreadyAllocated: true` with the tracking reference the simulator gave them then, the others
 * allocated now; none allocated twice (the simulator refuses each first-run one once and keeps
 * its allocation), none lost.
 */
const fs = require('node:fs');
const assert = require('node:assert/strict');
const { psql } = require('./services');
const cluster = require('./cluster');
const workflows = require('./workflows');
const checks = require('./checks');

const { checkWorkersRan, allocationBodies, trackingOf, simGet, CARRIER_SERVICE } = checks;

const recordLines = (sim) => fs.readFileSync(sim.recordFile, 'utf8').split('\n').filter(Boolean);

async function rerunChecks(ctx, { references, firstRun }) {
	const { main, sim, pg, check, timed } = ctx;
	const label = 're-run';
	const total = references.length;
	const earlier = references.filter((ref) => firstRun.get(ref).state === 'Allocated');
	const before = await simGet(sim, 'stats');
	const recordedBefore = recordLines(sim).length;
	const enqueuedBefore = cluster.enqueuedIds(main.log()).length;
	const webhook = workflows.webhookPath(workflows.ALLOCATE_RERUN);
	const res = await timed(
		`${label}: the same ${total} references again, If Already Allocated = Report as Allocated`,
		() => checks.postReferences(main, webhook, references),
	);
	ctx.responses.push(res.text);
	console.log(`     ${earlier.length} of ${total} were allocated by the killed run`);

	await check(`${label}: 200 with every one of the ${total} references exactly once`, () => {
		assert.equal(res.status, 200, res.text.slice(0, 300));
		assert.ok(Array.isArray(res.body), res.text.slice(0, 300));
		const got = res.body.map((it) => it.ConsignmentReference);
		assert.equal(got.length, total, 'items');
		assert.deepEqual([...got].sort(), [...references].sort());
	});
	const items = new Map((res.body || []).map((it) => [it.ConsignmentReference, it]));
	await check(
		`${label}: the first run's ${earlier.length} come out AlreadyAllocated, with the tracking references the simulator gave them then`,
		() => {
			assert.ok(earlier.length > 0 && earlier.length < total, `${earlier.length} earlier`);
			for (const ref of earlier) {
				const it = items.get(ref);
				assert.equal(it.AlreadyAllocated, true, `${ref}: ${JSON.stringify(it).slice(0, 300)}`);
				assert.equal(it.ConsignmentState, 'Allocated', ref);
				assert.deepEqual(trackingOf(it), [firstRun.get(ref).trackingReference], ref);
			}
		},
	);
	await check(
		`${label}: the other ${total - earlier.length} are allocated now (StatusCode 200, a new tracking reference)`,
		() => {
			const old = new Set(earlier.map((ref) => firstRun.get(ref).trackingReference));
			const fresh = references.filter((ref) => !earlier.includes(ref));
			for (const ref of fresh) {
				const it = items.get(ref);
				assert.ok(!it.AlreadyAllocated && it.StatusCode === 200, `${ref}: ${it.Description}`);
				assert.equal(trackingOf(it).length, 1, ref);
				assert.ok(!old.has(trackingOf(it)[0]), `${ref}: tracking reference of the first run`);
			}
			const all = res.body.flatMap(trackingOf);
			assert.equal(new Set(all).size, total, 'distinct tracking references');
		},
	);
	const after = await simGet(sim, 'stats');
	await check(
		`${label}: simulator: ${total - earlier.length} allocated now, the ${earlier.length} earlier ones refused once each (not allocated twice), none failed or unknown`,
		() => {
			const expected = { allocated: total - earlier.length, wrongState: earlier.length };
			assert.deepEqual(checks.statsDelta(before, after), { ...expected, failed: 0, notFound: 0 });
		},
	);
	await check(
		`${label}: simulator request log: each reference sent to allocate exactly once`,
		() => {
			const count = checks.tally(allocationBodies(sim, recordedBefore).flat());
			assert.equal(count.size, total);
			for (const ref of references) assert.equal(count.get(ref), 1, ref);
		},
	);
	await check(
		`${label}: simulator store: all ${total} Allocated with ${CARRIER_SERVICE}, the earlier ones with their first tracking reference, each as the caller was told`,
		async () => {
			const found = await checks.simConsignments(sim, references);
			references.forEach((ref, k) => {
				const c = found[k];
				const ok = c.state === 'Allocated' && c.carrierServiceReference === CARRIER_SERVICE;
				assert.ok(ok, JSON.stringify(c));
				if (earlier.includes(ref))
					assert.equal(c.trackingReference, firstRun.get(ref).trackingReference, ref);
				assert.deepEqual(trackingOf(items.get(ref)), [c.trackingReference], ref);
			});
		},
	);
	const ids = cluster.enqueuedIds(main.log()).slice(enqueuedBefore);
	await checkWorkersRan(ctx, label, ids, 1);
	await check(`${label}: PostgreSQL: the execution succeeded`, () => {
		const rows = psql(pg, `SELECT status FROM execution_entity WHERE id = '${ids[0]}'`);
		assert.deepEqual(rows, [['success']]);
	});
}

module.exports = { rerunChecks };
