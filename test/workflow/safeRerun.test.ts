/**
 * A run cut short and started again: with "If Already Allocated: Report as Allocated", the
 * consignments the first run allocated come out as allocated (confirmed by their own state,
 * with their current allocation), the rest are allocated now; none doubled, none lost.
 */
import { allocate, refsItems, useSimulator, pick } from './setup';

const sim = useSimulator({ autoCreate: /^EC-/ });

const refs = Array.from({ length: 30 }, (_, i) => `EC-RR-${String(i).padStart(3, '0')}`);
const items = refsItems(refs);
const rerun = { batchSize: 5, parallelRequests: 1, ifAlreadyAllocated: 'allocated' };
const puts = () => sim.requests.filter((request) => request.method === 'PUT');

async function stoppedHalfway() {
	// The fourth allocation request fails: three batches (15 consignments) are allocated, then the run stops.
	sim.setFaultPlan((index) =>
		index === 3 ? { kind: 'status', status: 400, when: 'before' } : undefined,
	);
	const first = await allocate({ sim, items, options: { batchSize: 5, parallelRequests: 1 } });
	expect(first.error?.message).toBeDefined();
	expect(sim.stats().consignmentsAllocated).toBe(15);
	sim.clearFaults();
	sim.requests.length = 0;
}

describe('If Already Allocated', () => {
	it('Report as Allocated: the same rows again, every consignment once, as allocated, none doubled', async () => {
		await stoppedHalfway();
		const tracking = new Map(
			refs.slice(0, 15).map((ref) => [ref, sim.consignment(ref)?.trackingReference]),
		);
		const second = await allocate({ sim, items, options: rerun });
		expect(second.error).toBeUndefined();
		const out = second.outputs[0];
		expect(pick(out, 'ConsignmentReference', 'pairedItem')).toEqual(
			refs.map((r, item) => [r, { item }]),
		);
		for (const [index, item] of out.entries()) {
			expect(item.json.error).toBeUndefined();
			expect(item.json.CarrierServiceReference).toBe('CX_NDS');
			const legs = item.json.ConsignmentLegs as Array<{ TrackingReferences: string[] }>;
			if (index < 15) {
				expect(item.json).toMatchObject({ AlreadyAllocated: true, ConsignmentState: 'Allocated' });
				expect(item.json.Notice).toBeUndefined();
				// its allocation from the first run, read from the consignment: not allocated again
				expect(legs[0].TrackingReferences).toEqual([tracking.get(refs[index])]);
			} else {
				expect(item.json.AlreadyAllocated).toBeUndefined();
			}
		}
		expect(sim.stats().consignmentsAllocated).toBe(30);
		const sentTwice = puts().flatMap(
			(request) => JSON.parse(request.body ?? '{}').ConsignmentReferences,
		);
		expect(new Set(sentTwice).size).toBe(30);
		// one GET per refused consignment to confirm its state
		const lookUps = sim.requests.filter(
			(r) => r.method === 'GET' && r.path.startsWith('/consignments/'),
		);
		expect(lookUps).toHaveLength(15);
	});

	it('Report as Error (the default): the re-run stops at the first already allocated consignment', async () => {
		await stoppedHalfway();
		const second = await allocate({ sim, items, options: { batchSize: 5, parallelRequests: 1 } });
		expect(second.error?.message).toBe(
			`Consignment ${refs[0]} was not allocated with CX_NDS: Consignment ${refs[0]} cannot be allocated because it is in state Allocated`,
		);
	});

	it('only an allocated state counts: another refusal stays a failure', async () => {
		const items = refsItems(['EC-RR-FAIL', 'EC-RR-OK']);
		const result = await allocate({ sim, items, options: rerun, onError: 'continueErrorOutput' });
		expect(pick(result.outputs[0], 'ConsignmentReference')).toEqual([['EC-RR-OK']]);
		expect(pick(result.outputs[1], 'error')).toEqual([
			['Consignment EC-RR-FAIL was not allocated with CX_NDS: Could not be booked with courier.'],
		]);
	});

	it('a consignment whose state cannot be read stays a failure, and says why', async () => {
		sim.setOption('autoCreate', null);
		sim.addConsignments([
			{ reference: 'EC-RR-KNOWN', state: 'Allocated', carrierServiceReference: 'CX_NDS' },
		]);
		sim.injectFaults([{ kind: 'status', status: 503, path: /^\/consignments\//, times: 4 }]);
		const result = await allocate({
			sim,
			items: refsItems(['EC-RR-KNOWN']),
			options: { ...rerun, retries: 0 },
			onError: 'continueRegularOutput',
		});
		expect(String(result.outputs[0][0].json.error)).toMatch(
			/in state Allocated \(its state could not be read to check for an earlier allocation: .*\)$/,
		);
	});

	it.each(['json', 'xml'])(
		'a look-up answered with another consignment is no allocation: an error naming both (%s)',
		async (bodyFormat) => {
			sim.addConsignments([
				{ reference: 'EC-RR-GONE', state: 'Cancelled' },
				{ reference: 'EC-RR-MINE', state: 'Allocated', carrierServiceReference: 'CX_NDS' },
				{ reference: 'EC-RR-OTHER', state: 'Allocated', carrierServiceReference: 'EDC5_DPDSS' },
			]);
			sim.injectFaults([
				{ kind: 'otherConsignment', reference: 'EC-RR-OTHER', path: '/consignments/EC-RR-GONE' },
				{ kind: 'otherConsignment', reference: 'EC-RR-OTHER', path: '/consignments/EC-RR-MINE' },
			]);
			const result = await allocate({
				sim,
				items: refsItems(['EC-RR-GONE', 'EC-RR-MINE']),
				options: { ...rerun, bodyFormat },
				onError: 'continueErrorOutput',
			});
			expect(result.outputs[0]).toEqual([]);
			expect(result.outputs[1].map((item) => item.json.error)).toEqual(
				['EC-RR-GONE', 'EC-RR-MINE'].map(
					(ref) =>
						`Consignment ${ref} was not allocated with CX_NDS: Consignment ${ref} cannot be allocated because it is in state ${ref === 'EC-RR-GONE' ? 'Cancelled' : 'Allocated'} (SortedPRO answered the look-up of consignment ${ref} with consignment EC-RR-OTHER: its state could not be checked for an earlier allocation)`,
				),
			);
			expect(sim.stats().faultsApplied).toEqual({ otherConsignment: 2 });
		},
	);

	it('one-consignment calls too: Allocate With Cheapest Quote on an allocated consignment', async () => {
		await allocate({ sim, items: refsItems(['EC-RR-CQ']) });
		const result = await allocate({
			sim,
			items: refsItems(['EC-RR-CQ']),
			options: { ifAlreadyAllocated: 'allocated' },
			parameters: { operation: 'allocateWithCheapestQuote' },
		});
		expect(result.error).toBeUndefined();
		const [item] = result.outputs[0];
		expect(result.outputs[0]).toHaveLength(1);
		expect(item.json).toMatchObject({ ConsignmentReference: 'EC-RR-CQ', AlreadyAllocated: true });
		expect(item.json.CarrierServiceReference).toBe('CX_NDS');
	});

	it('Allocate With Cheapest Quote, refused as a whole, with a look-up answered with another consignment: an error naming both', async () => {
		sim.setOption('oneConsignmentRefusal', 'conflict');
		sim.addConsignments([
			{ reference: 'EC-RR-CQ2', state: 'Allocated', carrierServiceReference: 'CX_NDS' },
			{ reference: 'EC-RR-CQ3', state: 'Allocated', carrierServiceReference: 'EDC5_DPDSS' },
		]);
		const lookUp =
			'(SortedPRO answered the look-up of consignment EC-RR-CQ2 with consignment EC-RR-CQ3: its state could not be checked for an earlier allocation)';
		for (const onError of ['continueErrorOutput', 'stopWorkflow'] as const) {
			sim.injectFaults([{ kind: 'otherConsignment', reference: 'EC-RR-CQ3' }]);
			const result = await allocate({
				sim,
				items: refsItems(['EC-RR-CQ2']),
				options: { ifAlreadyAllocated: 'allocated' },
				parameters: { operation: 'allocateWithCheapestQuote' },
				onError,
			});
			// Both modes name the consignment, the refusal and what the look-up found.
			const message = `Consignment EC-RR-CQ2 was not allocated with the cheapest quote: Consignment EC-RR-CQ2 is already allocated ${lookUp} (HTTP 409)`;
			if (onError === 'stopWorkflow') expect(result.error?.message).toBe(message);
			else expect(result.outputs[1].map((item) => item.json.error)).toEqual([message]);
		}
	});
});
