/**
 * Allocate With Cheapest Quote and Allocate With Quote when an attempt SortedPRO acted on got no
 * usable answer and the resend is refused because the consignment is allocated already: in
 * every form the refusal can take (a failed summary in a 200 list, the whole request refused
 * with 400, or 409 "already allocated"), the consignment comes out once, allocated but
 * unconfirmed, as the list calls report it. Through n8n-core against the simulator.
 */
import type { Fault } from '../simulator';
import type { OneConsignmentRefusal } from '../simulator/types';
import { outcomeOf, runOperation, type OperationRun } from './family';
import { requestsOf, useSimulator } from './setup';

const sim = useSimulator({ autoCreate: /^EC-/ });

const QUOTE = '00000003-1111-4222-8333-444455556666';
const puts = () => requestsOf(sim);
const gets = () => requestsOf(sim, 'GET');

/** The operation on one consignment (the quote, when it takes one, from the item). */
function allocateOne(operation: string, ref: string, more: Partial<OperationRun> = {}) {
	return runOperation({
		sim,
		operation,
		items: [{ json: { ref, quote: QUOTE } }],
		parameters: operation === 'allocateWithQuote' ? { quoteReference: '={{ $json.quote }}' } : {},
		...more,
	});
}

const OPERATIONS = ['allocateWithCheapestQuote', 'allocateWithQuote'];
const REFUSALS: Array<[OneConsignmentRefusal, number, RegExp]> = [
	['summary', 400, /^Consignment \S+ cannot be allocated because it is in state Allocated$/],
	['error', 400, /^Consignment \S+ cannot be allocated because it is in state Allocated$/],
	['conflict', 409, /^Consignment \S+ is already allocated$/],
];
const UNCERTAIN: Array<[string, Fault]> = [
	['a 500 after allocating', { kind: 'status', status: 500, when: 'after' }],
	['an answer cut off after allocating', { kind: 'drop', when: 'after' }],
];

describe.each(OPERATIONS)('%s: the resend after an uncertain attempt', (operation) => {
	describe.each(REFUSALS)('refused as %s (HTTP %i)', (refusal, status, description) => {
		it.each(UNCERTAIN)(
			'%s: one item, allocated but unconfirmed (JSON and XML)',
			async (_, fault) => {
				for (const bodyFormat of ['json', 'xml']) {
					sim.reset();
					sim.setOption('oneConsignmentRefusal', refusal);
					sim.injectFaults([fault]);
					const ref = `EC-R-${bodyFormat}`;
					const result = await allocateOne(operation, ref, { options: { bodyFormat } });
					expect(result.error).toBeUndefined();
					expect(result.outputs[1] ?? []).toEqual([]);
					expect(result.outputs[0]).toHaveLength(1);
					expect(result.outputs[0][0].pairedItem).toEqual({ item: 0 });
					const item = result.outputs[0][0].json;
					expect(item).toMatchObject({
						ConsignmentReference: ref,
						StatusCode: refusal === 'summary' ? 400 : status,
						AllocationUnconfirmed: true,
					});
					expect(String(item.Description)).toMatch(description);
					expect(String(item.Notice)).toMatch(
						/already allocated: it was most likely allocated by this run/,
					);
					expect(puts()).toHaveLength(2);
					expect(sim.consignment(ref)?.state).toBe('Allocated');
				}
			},
		);
	});

	it('with If Already Allocated → Report as Allocated too: unconfirmed, no look-up', async () => {
		sim.setOption('oneConsignmentRefusal', 'conflict');
		sim.injectFaults([{ kind: 'status', status: 500, when: 'after' }]);
		const result = await allocateOne(operation, 'EC-R-OPT', {
			options: { ifAlreadyAllocated: 'allocated' },
		});
		expect(result.outputs[0].map((item) => item.json.AllocationUnconfirmed)).toEqual([true]);
		expect(gets()).toHaveLength(0);
	});

	it.each(['error', 'conflict'] as OneConsignmentRefusal[])(
		'refused as %s without an uncertain attempt: still an error',
		async (refusal) => {
			sim.setOption('oneConsignmentRefusal', refusal);
			sim.addConsignments([{ reference: 'EC-R-OLD', state: 'Allocated' }]);
			const result = await allocateOne(operation, 'EC-R-OLD', { onError: 'continueErrorOutput' });
			expect(result.outputs[0]).toEqual([]);
			expect(result.outputs[1].map(outcomeOf)).toEqual([
				expect.stringMatching(
					/^Consignment EC-R-OLD was not allocated with .*: Consignment EC-R-OLD (is already allocated|cannot be allocated because it is in state Allocated) \(HTTP 40[09]\)$/,
				),
			]);
		},
	);

	it('another refusal after an uncertain attempt stays an error', async () => {
		sim.setOption('oneConsignmentRefusal', 'error');
		sim.addConsignments([{ reference: 'EC-R-GONE', state: 'Cancelled' }]);
		sim.injectFaults([{ kind: 'status', status: 502, when: 'after' }]);
		const result = await allocateOne(operation, 'EC-R-GONE', { onError: 'continueErrorOutput' });
		expect(result.outputs[1].map(outcomeOf)).toEqual([
			expect.stringMatching(/in state Cancelled \(HTTP 400\)$/),
		]);
	});
});
