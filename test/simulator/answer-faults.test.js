'use strict';
/*
 * Self-test of the faults that make an answer lie about consignments (duplicate,
 * otherConsignment) and of option oneConsignmentRefusal.
 */
const xml2js = require('xml2js');
const { startSimulator } = require('./index');

const { KEY, H, JSON_H, client, refOf } = require('./test-kit');

let sim;
const { url, send } = client(() => sim);
const put = (path, body, headers) => send('PUT', path, body, headers);
const allocate = (refs) => client(() => sim).allocate(refs);

beforeAll(async () => {
	sim = await startSimulator({ apiKey: KEY, autoCreate: /^EC-/ });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

test('duplicate: an Allocation Summary again at the end, as it was or with the other result', async () => {
	sim.injectFaults([
		{ kind: 'duplicate' },
		{ kind: 'duplicate', entry: -1, conflicting: true },
		{ kind: 'duplicate', conflicting: true },
		{ kind: 'duplicate', entry: 5 },
	]);
	const same = await (await allocate(['EC-1', 'EC-2'])).json();
	expect(same.map(refOf)).toEqual(['EC-1', 'EC-2', 'EC-1']);
	expect(same[2]).toEqual(same[0]);
	const flipped = await (await allocate(['EC-3', 'EC-4'])).json();
	expect(flipped.map((s) => [refOf(s), s.StatusCode])).toEqual([
		['EC-3', 200],
		['EC-4', 200],
		['EC-4', 400],
	]);
	expect(flipped[2].Description).toBe('Could not be booked with courier.');
	expect(sim.consignment('EC-4')?.state).toBe('Allocated');
	const failed = await (await allocate(['EC-5-FAIL'])).json();
	expect(failed.map((s) => [refOf(s), s.StatusCode])).toEqual([
		['EC-5-FAIL', 400],
		['EC-5-FAIL', 200],
	]);
	expect(failed[1].ConsignmentLegs[0].TrackingReferences).toEqual([
		expect.stringMatching(/^TRKX\d{7}$/),
	]);
	expect((await (await allocate(['EC-6'])).json()).map(refOf)).toEqual(['EC-6']);
	expect(sim.stats().faultsApplied).toEqual({ duplicate: 4 });
});

test('duplicate: a WithMessage result again (deallocatelist), as it was or with the other result, XML too', async () => {
	sim.addConsignments(['EC-D1', 'EC-D2'].map((reference) => ({ reference, state: 'Allocated' })));
	sim.injectFaults([{ kind: 'duplicate' }, { kind: 'duplicate', conflicting: true }]);
	const same = await (await put('/consignments/deallocatelist', ['EC-D1'])).json();
	expect(same).toEqual([same[0], same[0]]);
	const xml = await put('/consignments/deallocatelist', ['EC-D2'], {
		...JSON_H,
		accept: 'application/xml',
	});
	const parsed = await xml2js.parseStringPromise(await xml.text());
	const results = parsed.ArrayOfWithMessageOfString.WithMessageOfString;
	expect(
		results.map((r) => [r.Data[0]._ ?? r.Data[0], r.IsSuccess[0]._ ?? r.IsSuccess[0]]),
	).toEqual([
		['EC-D2', 'true'],
		['EC-D2', 'false'],
	]);
});

test('otherConsignment: GET /consignments/{ref} answered with another consignment; other requests untouched', async () => {
	sim.addConsignments([
		{ reference: 'EC-OTHER', state: 'Allocated', carrierServiceReference: 'CX_NDS' },
	]);
	sim.injectFaults([
		{ kind: 'otherConsignment', reference: 'EC-OTHER' },
		{ kind: 'otherConsignment', reference: 'EC-OTHER' },
	]);
	expect((await allocate(['EC-A'])).status).toBe(200);
	expect((await fetch(url('/consignments/EC-A/status'), { headers: H })).status).toBe(200);
	const json = await (await fetch(url('/consignments/EC-A'), { headers: H })).json();
	expect([json.Reference, json.ConsignmentState]).toEqual(['EC-OTHER', 'Allocated']);
	const xml = await fetch(url('/consignments/EC-A'), { headers: { ...H, accept: 'text/xml' } });
	expect(await xml.text()).toMatch(/<Reference>EC-OTHER<\/Reference>/);
	expect(sim.stats().faultsApplied).toEqual({ otherConsignment: 2 });
	expect(() => sim.injectFaults([{ kind: 'otherConsignment' }])).toThrow(/reference/);
});

describe('oneConsignmentRefusal', () => {
	const cheapest = (ref) => put(`/allocation/${ref}/allocatewithcheapestquote`);
	beforeEach(() =>
		sim.addConsignments([
			{ reference: 'EC-ALLOC', state: 'Allocated' },
			{ reference: 'EC-GONE', state: 'Cancelled' },
		]),
	);

	it('summary (default): a 200 list with the failed summary', async () => {
		const r = await cheapest('EC-ALLOC');
		expect(r.status).toBe(200);
		expect((await r.json())[0]).toMatchObject({
			StatusCode: 400,
			Description: 'Consignment EC-ALLOC cannot be allocated because it is in state Allocated',
		});
	});

	it("error: the whole request refused with the summary's status and Description", async () => {
		sim.setOption('oneConsignmentRefusal', 'error');
		const r = await cheapest('EC-ALLOC');
		expect(r.status).toBe(400);
		expect(await r.json()).toMatchObject({
			Code: 'AllocationFailed',
			Message: 'Consignment EC-ALLOC cannot be allocated because it is in state Allocated',
		});
		const refused = await cheapest('EC-R-FAIL');
		expect([refused.status, (await refused.json()).Message]).toEqual([
			400,
			'Could not be booked with courier.',
		]);
		expect(sim.consignment('EC-R-FAIL')?.state).toBe('AllocationFailed');
		const ok = await put(
			'/allocation/EC-R-OK/allocatewithquote/00000003-1111-4222-8333-444455556666',
		);
		expect([ok.status, (await ok.json())[0].StatusCode]).toEqual([200, 200]);
	});

	it('conflict: 409, "already allocated" for an allocated consignment (JSON and XML)', async () => {
		sim.setOption('oneConsignmentRefusal', 'conflict');
		const r = await cheapest('EC-ALLOC');
		expect(r.status).toBe(409);
		expect(await r.json()).toMatchObject({
			Code: 'ConsignmentAlreadyAllocated',
			Message: 'Consignment EC-ALLOC is already allocated',
		});
		const gone = await cheapest('EC-GONE');
		expect([gone.status, (await gone.json()).Message]).toEqual([
			409,
			'Consignment EC-GONE cannot be allocated because it is in state Cancelled',
		]);
		const xml = await put('/allocation/EC-ALLOC/allocatewithcheapestquote', undefined, {
			...H,
			accept: 'application/xml',
		});
		expect(xml.status).toBe(409);
		expect(await xml.text()).toContain('Consignment EC-ALLOC is already allocated');
		// list calls are not one-consignment calls: they keep answering with summaries
		expect((await allocate(['EC-ALLOC'])).status).toBe(200);
	});
});
