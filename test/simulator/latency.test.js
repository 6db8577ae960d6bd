'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
/* Self-test of the simulator's latency model and concurrent-request limit (latency.js). */
const { performance } = require('perf_hooks');
const { startSimulator } = require('./index');
const { countConsignments } = require('./latency');
const { KEY, ALLOCATE, JSON_H, client, sleep, startCli } = require('./test-kit');

const refs = (prefix, n) => Array.from({ length: n }, (_, i) => `EC-${prefix}-${i + 1}`);
const body = (list) =>
	JSON.stringify({ MpdCarrierServiceReference: 'CX_NDS', ConsignmentReferences: list });

let sim;
const { allocate: put, get } = client(() => sim);

/** Wall time of one request, ms. */
async function timed(fn) {
	const t0 = performance.now();
	const r = await fn();
	await r.arrayBuffer();
	return { status: r.status, ms: performance.now() - t0 };
}

beforeAll(async () => {
	sim = await startSimulator({ apiKey: KEY, autoCreate: /^EC-/, latency: { perRequestMs: 40 } });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

test('counts the consignments of JSON and XML bodies', () => {
	expect(countConsignments(body(refs('A', 7)))).toBe(7);
	const xml =
		'<?xml version="1.0"?><AllocateConsignmentsWithCarrierServiceRequest xmlns="x"><ConsignmentReferences>' +
		'<string>EC-1</string><a:string>EC-2</a:string><string>EC-3</string></ConsignmentReferences>' +
		'<MpdCarrierServiceReference>CX_NDS</MpdCarrierServiceReference></AllocateConsignmentsWithCarrierServiceRequest>';
	expect(countConsignments(xml)).toBe(3);
	expect(countConsignments('')).toBe(0);
	expect(countConsignments('{"x":')).toBe(0);
});

test('time per request + time per consignment, within bounds; off after setLatency(null)', async () => {
	// start value: 40 ms per request
	let t = await timed(() => get('/carrierservices', JSON_H));
	expect(t.status).toBe(200);
	expect(t.ms).toBeGreaterThanOrEqual(39);
	expect(t.ms).toBeLessThan(40 + 1000); // generous: the machine may be busy

	sim.setLatency({ perRequestMs: 100, perConsignmentMs: 5 });
	t = await timed(() => put(refs('B', 20)));
	expect(t.status).toBe(200);
	expect(t.ms).toBeGreaterThanOrEqual(199);
	expect(t.ms).toBeLessThan(200 + 1000);
	expect(sim.stats()).toMatchObject({
		consignmentsAllocated: 20,
		latency: {
			perRequestMs: 100,
			perConsignmentMs: 5,
			rateLimited: 0,
			peakConcurrent: 1,
			inFlight: 0,
		},
	});
	// The waiting (40 + 200 ms so far) is not the simulator's busy time.
	expect(sim.stats().busyMs).toBeLessThan(199);

	sim.setLatency(null);
	t = await timed(() => put(refs('C', 20)));
	expect(t.ms).toBeLessThan(199); // the 200 ms it took with the model on
	sim.reset();
	expect(sim.stats().latency).toMatchObject({
		perRequestMs: 40,
		perConsignmentMs: 0,
		concurrentRequestLimit: 0,
	});
});

test('concurrent-request limit: one more gets 429 at once with Retry-After and the gateway body, unprocessed, counted', async () => {
	sim.setLatency({ perRequestMs: 300, concurrentRequestLimit: 3, retryAfterSeconds: 2 });
	const t0 = performance.now();
	const answers = await Promise.all(
		Array.from({ length: 8 }, async (_, i) => {
			const r = await put([`EC-L-${i}`]);
			const [retryAfter, body] = [r.headers.get('retry-after'), await r.json()];
			return { status: r.status, retryAfter, body, ms: performance.now() - t0 };
		}),
	);
	const limited = answers.filter((a) => a.status === 429);
	expect(limited).toHaveLength(5);
	for (const a of limited) {
		expect(a.retryAfter).toBe('2');
		expect(a.body).toEqual({
			statusCode: 429,
			message: 'Rate limit is exceeded. Try again in 2 seconds.',
		});
	}
	const served = answers.filter((a) => a.status === 200).map((a) => a.ms);
	for (const ms of served) expect(ms).toBeGreaterThanOrEqual(299);
	// Answered at once: before any request the limit let through (those wait the latency).
	for (const a of limited) expect(a.ms).toBeLessThan(Math.min(...served));
	expect(sim.stats()).toMatchObject({
		latency: { rateLimited: 5, peakConcurrent: 3, inFlight: 0 },
		byStatus: { 200: 3, 429: 5 },
	});
	expect(sim.consignmentStates()).toEqual({ Allocated: 3 });
	expect(sim.requests.filter((r) => r.rateLimited)).toHaveLength(5);
	// The slots are free again once the answers are sent.
	expect((await put(['EC-L-after'])).status).toBe(200);
});

test('the limit is per subscription key', async () => {
	sim.setLatency({ perRequestMs: 200, concurrentRequestLimit: 1 });
	const first = put(['EC-K-1']);
	await sleep(50);
	// Another key is not counted against KEY (it gets the gateway's 401, not 429) ...
	const other = put(['EC-K-2'], { headers: { ...JSON_H, 'ocp-apim-subscription-key': 'other' } });
	// ... and KEY's second request is over the limit.
	expect((await put(['EC-K-3'])).status).toBe(429);
	expect((await other).status).toBe(401);
	expect((await first).status).toBe(200);
	expect(sim.stats().latency).toMatchObject({ rateLimited: 1, peakConcurrent: 2 });
});

test('a client that gives up during the wait: not processed, slot released', async () => {
	sim.setLatency({ perRequestMs: 400, concurrentRequestLimit: 1 });
	const controller = new AbortController();
	const aborted = put(['EC-A-1'], { signal: controller.signal }).catch((e) => e.name);
	await sleep(100);
	controller.abort();
	expect(await aborted).toBe('AbortError');
	await sleep(50);
	expect(sim.stats().latency.inFlight).toBe(0);
	expect(sim.consignment('EC-A-1').state).toBe('Unallocated');
	expect((await put(['EC-A-2'])).status).toBe(200);
	expect(sim.consignmentStates()).toEqual({ Allocated: 1 });
});

test('setLatency validates', () => {
	expect(() => sim.setLatency({ perRequestMs: -1 })).toThrow(TypeError);
	expect(() => sim.setLatency({ concurrentRequestLimit: 1.5 })).toThrow(TypeError);
	expect(() => sim.setLatency({ typo: 1 })).toThrow(/unknown field typo/);
	expect(sim.stats().latency.perRequestMs).toBe(40);
});

test('CLI: flags, control routes, the record file without the key, stops on SIGTERM', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-sim-'));
	const recordFile = path.join(dir, 'requests.jsonl');
	const args = ['--port', '0', '--api-key', 'cli-key', '--auto-create', '^EC-C-'];
	args.push('--seed', '2', '--record-file', recordFile);
	const latency = ['--latency-per-request', '150', '--concurrent-request-limit', '1'];
	const { baseUrl, stop } = await startCli([...args, ...latency, '--retry-after', '3']);
	try {
		const control = async (method, route, payload) => {
			const r = await fetch(`${baseUrl}/__simulator/${route}`, {
				method,
				body: payload === undefined ? undefined : JSON.stringify(payload),
			});
			return { status: r.status, json: await r.json() };
		};
		expect((await control('GET', 'latency')).json).toMatchObject({
			perRequestMs: 150,
			concurrentRequestLimit: 1,
			retryAfterSeconds: 3,
		});
		expect((await control('GET', 'consignment-states')).json).toEqual({ Unallocated: 2 });
		const H = { ...JSON_H, 'ocp-apim-subscription-key': 'cli-key' };
		const send = (ref) =>
			fetch(`${baseUrl}${ALLOCATE}`, { method: 'PUT', headers: H, body: body([ref]) });
		const [a, b] = await Promise.all([send('EC-C-1'), send('EC-C-2')]);
		expect([a.status, b.status].sort()).toEqual([200, 429]);
		expect([a, b].find((r) => r.status === 429).headers.get('retry-after')).toBe('3');
		expect((await control('GET', 'stats')).json.latency).toMatchObject({
			rateLimited: 1,
			peakConcurrent: 1,
		});
		expect((await control('GET', 'consignment-states')).json).toEqual({
			Unallocated: 2,
			Allocated: 1,
		});

		expect(
			(await control('POST', 'latency', { concurrentRequestLimit: 0, perRequestMs: 0 })).status,
		).toBe(200);
		const both = await Promise.all([send('EC-C-3'), send('EC-000-000-002')]);
		expect(both.map((r) => r.status)).toEqual([200, 200]);
		const lines = fs.readFileSync(recordFile, 'utf8').trim().split('\n');
		const rec = lines.map((l) => JSON.parse(l)).find((r) => r.body.includes('EC-000-000-002'));
		expect(rec).toMatchObject({
			method: 'PUT',
			path: ALLOCATE,
			subscriptionKey: 'valid',
			status: 200,
		});
		expect(rec.headers).not.toHaveProperty('ocp-apim-subscription-key');
		expect(lines).toHaveLength(4);
		expect((await control('POST', 'latency', { perRequestMs: 'slow' })).status).toBe(400);
		// reset: back to the CLI's values, counters cleared
		await control('POST', 'reset');
		expect((await control('GET', 'latency')).json).toMatchObject({
			perRequestMs: 150,
			concurrentRequestLimit: 1,
			rateLimited: 0,
		});
	} finally {
		expect(await stop()).toBe(0);
	}
});
