'use strict';
/* Self-test of the simulator's fault mode (sim.injectFaults / setFaultPlan / control route). */
const xml2js = require('xml2js');
const { startSimulator, randomFaultPlan } = require('./index');

const { KEY, H, JSON_H, client, refOf, sleep } = require('./test-kit');

let sim;
const { url, allocate: put } = client(() => sim);
const state = (ref) => sim.consignment(ref).state;
const REFS = ['EC-1', 'EC-2', 'EC-3', 'EC-4'];

beforeAll(async () => {
	sim = await startSimulator({
		apiKey: KEY,
		autoCreate: /^EC-/,
		shippingDate: '2019-06-14T17:00:00Z',
	});
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

test('status: the gateway 429 body, Retry-After as given, an XML error body, nothing changed, counted', async () => {
	sim.injectFaults([
		{ kind: 'status', status: 429, retryAfter: '2' },
		{ kind: 'status', status: 503, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' },
	]);
	let r = await put(['EC-1']);
	expect([r.status, r.headers.get('retry-after')]).toEqual([429, '2']);
	expect(await r.json()).toEqual({
		statusCode: 429,
		message: 'Rate limit is exceeded. Try again in 2 seconds.',
	});
	r = await put(['EC-1'], { headers: { ...JSON_H, accept: 'application/xml' } });
	expect([r.status, r.headers.get('retry-after'), r.headers.get('content-type')]).toEqual([
		503,
		'Wed, 21 Oct 2015 07:28:00 GMT',
		'application/xml; charset=utf-8',
	]);
	expect((await xml2js.parseStringPromise(await r.text())).ApiError.Code[0]).toBe(
		'ServiceUnavailable',
	);
	expect(state('EC-1')).toBe('Unallocated');
	expect(sim.stats()).toMatchObject({ allocationRequests: 0, faultsApplied: { status: 2 } });
	expect(sim.requests.map((q) => [q.fault, q.status])).toEqual([
		['status', 429],
		['status', 503],
	]);
	expect((await put(['EC-1'])).status).toBe(200);
	expect(sim.requests[2].fault).toBeUndefined();
});

test('hang: past the client timeout before/after; with ms answers late; a gone client is not processed', async () => {
	sim.injectFaults([
		{ kind: 'hang', when: 'before' },
		{ kind: 'hang' },
		{ kind: 'hang', ms: 60, when: 'before' },
		{ kind: 'hang', ms: 80, when: 'before' },
	]);
	// Long enough for a busy machine to process the request before the client gives up.
	const timesOut = (ref) =>
		expect(put([ref], { signal: AbortSignal.timeout(400) })).rejects.toThrow(/timeout|aborted/i);
	await timesOut('EC-1');
	expect(state('EC-1')).toBe('Unallocated');
	await timesOut('EC-2');
	expect(state('EC-2')).toBe('Allocated');
	const t0 = Date.now();
	const r = await put(['EC-3']);
	expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
	expect((await r.json())[0].StatusCode).toBe(200);
	await expect(put(['EC-4'], { signal: AbortSignal.timeout(20) })).rejects.toThrow();
	await sleep(100);
	expect(state('EC-4')).toBe('Unallocated');
	expect(sim.requests.map((q) => q.status)).toEqual([0, 0, 200, 0]);
});

test('malformed garbled: JSON and XML that do not parse, processed', async () => {
	sim.injectFaults([
		{ kind: 'malformed', variant: 'garbled' },
		{ kind: 'malformed', format: 'xml', variant: 'garbled' },
	]);
	await expect(put(['EC-1']).then((r) => r.json())).rejects.toThrow();
	await expect(
		put(['EC-2'])
			.then((r) => r.text())
			.then(xml2js.parseStringPromise),
	).rejects.toThrow();
	expect([state('EC-1'), state('EC-2')]).toEqual(['Allocated', 'Allocated']);
});

test('fewer, shuffle, extra: their defaults and random variants, processed (JSON and XML)', async () => {
	sim.injectFaults([
		{ kind: 'fewer' },
		{ kind: 'fewer', drop: 2, which: 'random', seed: 7 },
		{ kind: 'shuffle', order: 'random', seed: 3 },
		{ kind: 'extra' },
		{ kind: 'extra', reference: 'EC-STRANGER', position: 'start' },
	]);
	const refsOf = async (r) => (await r.json()).map(refOf);
	expect(await refsOf(await put(REFS))).toEqual(['EC-1', 'EC-2', 'EC-3']);
	expect(REFS.map(state)).toEqual(['Allocated', 'Allocated', 'Allocated', 'Allocated']);
	const c = ['EC-C1', 'EC-C2', 'EC-C3', 'EC-C4'];
	const kept = await refsOf(await put(c));
	expect(kept).toHaveLength(2);
	expect(c.filter((x) => kept.includes(x))).toEqual(kept);
	const e = ['EC-E1', 'EC-E2', 'EC-E3', 'EC-E4', 'EC-E5'];
	const shuffled = await refsOf(await put(e));
	expect(shuffled).not.toEqual(e);
	expect([...shuffled].sort()).toEqual(e);
	const extra = await (await put(['EC-F1'])).json();
	expect(extra.map(refOf)).toEqual(['EC-F1', 'EC-NOT-SENT-1']);
	expect(extra[1]).toMatchObject({
		StatusCode: 200,
		ConsignmentLegs: [{ TrackingReferences: ['TRKX0000001'] }],
	});
	expect(sim.consignment('EC-NOT-SENT-1')?.state).toBe('Unallocated'); // autoCreate
	const r = await put(['EC-G1'], { headers: { ...JSON_H, accept: 'application/xml' } });
	const xml = await xml2js.parseStringPromise(await r.text());
	const hrefs = xml.ArrayOfAllocationSummary.AllocationSummary.map(
		(s) => s.ApiLinks[0].ApiLink[0].Href[0]._,
	);
	expect(hrefs.map((h) => h.split('/').pop())).toEqual(['EC-STRANGER', 'EC-G1']);
});

test('html, raw (after), path filter, failNext still applies to any request', async () => {
	sim.injectFaults([
		{ kind: 'html' },
		{
			kind: 'raw',
			status: 200,
			body: '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>',
			contentType: 'application/xml',
			when: 'after',
		},
		{ kind: 'status', status: 503, path: '/carriers' },
	]);
	const g = await fetch(url('/carrierservices'), { headers: H });
	expect(g.status).toBe(200); // allocation faults do not touch other requests
	let r = await put(['EC-1']);
	expect([r.status, r.headers.get('content-type')]).toEqual([502, 'text/html']);
	expect(await r.text()).toContain('<title>502 Bad Gateway</title>');
	r = await put(['EC-2']);
	expect(await r.text()).toContain('<!DOCTYPE');
	expect([state('EC-1'), state('EC-2')]).toEqual(['Unallocated', 'Allocated']);
	expect((await fetch(url('/carriers'), { headers: H })).status).toBe(503);
	sim.failNext({ status: 418 });
	expect((await fetch(url('/carriers'), { headers: H })).status).toBe(418);
	expect(sim.stats().faultsApplied).toEqual({ html: 1, raw: 2, status: 1 });
});

test('plan: asked when the queue is empty, with the allocation index; randomFaultPlan is deterministic', async () => {
	const calls = [];
	sim.injectFaults([{ kind: 'status', status: 503, times: 2 }]);
	sim.setFaultPlan((i, req) => {
		calls.push([i, JSON.parse(req.body).ConsignmentReferences[0]]);
		return i === 3 ? { kind: 'status', status: 429 } : undefined;
	});
	const statuses = [];
	for (let i = 0; i < 5; i++) statuses.push((await put([`EC-${i}`])).status);
	expect(statuses).toEqual([503, 503, 200, 429, 200]);
	expect(calls).toEqual([
		[2, 'EC-2'],
		[3, 'EC-3'],
		[4, 'EC-4'],
	]);
	sim.clearFaults();
	expect((await put(['EC-9'])).status).toBe(200);
	expect(calls).toHaveLength(3);
	const faults = [
		{ kind: 'status', status: 503 },
		{ kind: 'drop', when: 'before' },
		{ kind: 'shuffle' },
	];
	const a = randomFaultPlan({ seed: 42, faults });
	const b = randomFaultPlan({ seed: 42, faults });
	const seq = (p) => Array.from({ length: 50 }, (_, i) => p(i, {})?.kind ?? '-').join(',');
	expect(seq(a)).toEqual(seq(b));
	expect(seq(a)).toMatch(/503|status/);
	expect(seq(a)).not.toEqual(seq(randomFaultPlan({ seed: 43, faults })));
	sim.setFaultPlan(() => ({ kind: 'nonsense' }));
	const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
	try {
		expect((await put(['EC-10'])).status).toBe(500);
		expect(String(stderr.mock.calls[0][0])).toContain('unknown kind nonsense');
	} finally {
		stderr.mockRestore();
	}
	sim.reset();
	expect((await put(['EC-10'])).status).toBe(200);
	expect(() => sim.injectFaults([{ kind: 'fewer', when: 'before' }])).toThrow(TypeError);
	expect(() => sim.injectFaults([{ kind: 'status' }])).toThrow(/status/);
	expect(sim.stats().faultsPending).toBe(0);
});

test('control routes: POST/GET/DELETE /__simulator/faults, POST /__simulator/fault-plan', async () => {
	sim.setOption('controlRoutes', true);
	const post = (p, body) => fetch(url(p), { method: 'POST', body: JSON.stringify(body) });
	let r = await post('/__simulator/faults', [
		{ kind: 'status', status: 503, retryAfter: 1 },
		{ kind: 'fewer' },
	]);
	expect(await r.json()).toEqual({ ok: true, faultsPending: 2 });
	r = await fetch(url('/__simulator/faults'));
	expect((await r.json()).faults).toMatchObject([
		{ kind: 'status', when: 'before', retryAfter: '1' },
		{ kind: 'fewer', drop: 1, when: 'after' },
	]);
	expect((await post('/__simulator/faults', [{ kind: 'bogus' }])).status).toBe(400);
	r = await put(['EC-1']);
	expect([r.status, r.headers.get('retry-after')]).toEqual([503, '1']);
	await fetch(url('/__simulator/faults'), { method: 'DELETE' });
	expect(await (await put(['EC-1', 'EC-2'])).json()).toHaveLength(2);
	await post('/__simulator/fault-plan', {
		seed: 1,
		probability: 1,
		faults: [{ kind: 'status', status: 504 }],
	});
	expect((await put(['EC-3'])).status).toBe(504);
	await post('/__simulator/fault-plan', null);
	expect((await put(['EC-3'])).status).toBe(200);
});

test('close() is prompt with hung requests pending (no answer, and a long ms)', async () => {
	const own = await startSimulator({ apiKey: KEY, autoCreate: /^EC-/ });
	own.injectFaults([{ kind: 'hang' }, { kind: 'hang', ms: 60_000, when: 'before' }]);
	const send = () =>
		client(() => own)
			.allocate(['EC-1'])
			.then(
				() => 'answered',
				() => 'failed',
			);
	const pending = [send(), send()];
	while (own.requestCount < 2) await sleep(5);
	const t0 = Date.now();
	await own.close();
	expect(Date.now() - t0).toBeLessThan(500);
	expect(await Promise.all(pending)).toEqual(['failed', 'failed']);
});

test('redirect and echoKey are validated', () => {
	expect(() => sim.injectFaults([{ kind: 'redirect' }])).toThrow(/location/);
	expect(() => sim.injectFaults([{ kind: 'echoKey', where: 'body' }])).toThrow(/where/);
});
