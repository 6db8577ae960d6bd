'use strict';
/*
 * Self-test of the faults that make an answer lie about consignments (duplicate,
 * otherConsignment) and of option oneConsignmentRefusal, where the workflow tests do not
 * reach: duplicateAnswers, safeRerun and allocationSingleResent assert their main uses.
 */
const { startSimulator } = require('./index');

const { KEY, client, refOf } = require('./test-kit');

let sim;
const { send } = client(() => sim);
const put = (path) => send('PUT', path);
const allocate = (refs) => client(() => sim).allocate(refs);

beforeAll(async () => {
	sim = await startSimulator({ apiKey: KEY, autoCreate: /^EC-/ });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

test('duplicate: which entry (last, or beyond the list: none), a failed one flipped to allocated', async () => {
	sim.injectFaults([
		{ kind: 'duplicate', entry: -1, conflicting: true },
		{ kind: 'duplicate', conflicting: true },
		{ kind: 'duplicate', entry: 5 },
	]);
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
	expect(sim.stats().faultsApplied).toEqual({ duplicate: 3 });
	expect(() => sim.injectFaults([{ kind: 'otherConsignment' }])).toThrow(/reference/);
});

test('oneConsignmentRefusal: a carrier refusal as error; conflict for another state; list calls keep summaries', async () => {
	const cheapest = (ref) => put(`/allocation/${ref}/allocatewithcheapestquote`);
	sim.addConsignments([
		{ reference: 'EC-ALLOC', state: 'Allocated' },
		{ reference: 'EC-GONE', state: 'Cancelled' },
	]);
	sim.setOption('oneConsignmentRefusal', 'error');
	const refused = await cheapest('EC-R-FAIL');
	expect([refused.status, (await refused.json()).Message]).toEqual([
		400,
		'Could not be booked with courier.',
	]);
	expect(sim.consignment('EC-R-FAIL')?.state).toBe('AllocationFailed');
	sim.setOption('oneConsignmentRefusal', 'conflict');
	const gone = await cheapest('EC-GONE');
	expect([gone.status, (await gone.json()).Message]).toEqual([
		409,
		'Consignment EC-GONE cannot be allocated because it is in state Cancelled',
	]);
	expect((await allocate(['EC-ALLOC'])).status).toBe(200);
});
