/**
 * An answer that holds two entries for one consignment (Allocation Summaries, or the
 * `{IsSuccess, Message}` results of deallocate, cancel, manifest and ready to ship): one output
 * item per consignment, always. The same entry twice is read once; two that disagree are one
 * error item saying what each said, never a result. Through n8n-core against the simulator.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { Fault } from '../simulator';
import { outcomeOf, runOperation, type OperationRun } from './family';
import { OPS } from './operations';
import { refsItems, useSimulator } from './setup';

const sim = useSimulator({ autoCreate: /^EC-/ });

const SAME: Fault = { kind: 'duplicate' };
const CONFLICTING: Fault = { kind: 'duplicate', conflicting: true };
const ALLOCATED =
	/^allocated: Consignment \S+ has been successfully allocated with .+ for shipping on .+$/;
const errors = (items: INodeExecutionData[] = []) => items.map((item) => item.json.error);
const ends = ' before sending it again';

/** Splits `… may have been …: check X in SortedPRO … (SortedPRO answered both "a" and "b" for it)` into its prefix, the advice's end and the two answers. */
function conflictOf(message: unknown) {
	const match =
		/^(.*): check \S+ in SortedPRO( before .*) \(SortedPRO answered both "(.*)" and "(.*)" for it\)$/.exec(
			String(message),
		);
	if (!match) throw new Error(`not a conflict message: ${String(message)}`);
	const [, prefix, end, first, second] = match;
	return { prefix, first, second, end };
}

async function run(fault: Fault, more: Omit<OperationRun, 'sim'>) {
	sim.injectFaults([fault]);
	return await runOperation({ sim, onError: 'continueErrorOutput', ...more });
}

describe('Allocation Summaries repeated', () => {
	const byCarrierService = (refs: string[], bodyFormat = 'json') => ({
		operation: 'allocateWithCarrierService',
		items: refsItems([refs.join(', ')]),
		parameters: { carrierService: { __rl: true, mode: 'reference', value: 'CX_NDS' } },
		options: { bodyFormat },
	});

	it.each(['json', 'xml'])(
		'the same summary twice: read once, no error (%s)',
		async (bodyFormat) => {
			const result = await run(SAME, byCarrierService(['EC-D-1', 'EC-D-2'], bodyFormat));
			expect(result.outputs[0].map(outcomeOf)).toEqual(['EC-D-1', 'EC-D-2']);
			expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
			expect(errors(result.outputs[1])).toEqual([]);
		},
	);

	it.each(['json', 'xml'])(
		'"allocated" then "failed" for one consignment: one error item naming both answers (%s)',
		async (bodyFormat) => {
			const result = await run(CONFLICTING, byCarrierService(['EC-D-3', 'EC-D-4'], bodyFormat));
			expect(result.outputs[0].map(outcomeOf)).toEqual(['EC-D-4']);
			expect(result.outputs[1]).toHaveLength(1);
			expect(result.outputs[1][0].pairedItem).toEqual({ item: 0 });
			const conflict = conflictOf(result.outputs[1][0].json.error);
			expect(conflict.prefix).toBe('Consignment EC-D-3 may have been allocated with CX_NDS');
			expect(conflict.first).toMatch(ALLOCATED);
			expect(conflict.second).toBe('failed with StatusCode 400: Could not be booked with courier.');
			expect(conflict.end).toBe(ends);
			expect(sim.consignment('EC-D-3')?.state).toBe('Allocated');
		},
	);

	it('"failed" then "allocated": the same, and with Stop Workflow the run stops on it', async () => {
		const result = await run(CONFLICTING, byCarrierService(['EC-D-5-FAIL']));
		expect(result.outputs[0]).toEqual([]);
		const conflict = conflictOf(result.outputs[1][0].json.error);
		expect([conflict.first, conflict.second]).toEqual([
			'failed with StatusCode 400: Could not be booked with courier.',
			expect.stringMatching(ALLOCATED),
		]);
		sim.injectFaults([CONFLICTING]);
		const stopped = await runOperation({ sim, ...byCarrierService(['EC-D-6']) });
		expect(conflictOf(stopped.error?.message).prefix).toBe(
			'Consignment EC-D-6 may have been allocated with CX_NDS',
		);
	});

	it('a summary for a consignment not sent, twice: reported once', async () => {
		const summary = (ref: string) => ({
			StatusCode: 200,
			ApiLinks: [{ Rel: 'detail', Href: `https://api.electioapp.com/consignments/${ref}` }],
			Description: `Consignment ${ref} has been successfully allocated`,
		});
		sim.failNext({
			status: 200,
			body: [summary('EC-D-7'), summary('EC-STRANGER'), summary('EC-STRANGER')],
			path: '/allocation/allocatewithcarrierservice',
		});
		const result = await runOperation({
			sim,
			onError: 'continueErrorOutput',
			...byCarrierService(['EC-D-7']),
		});
		expect(result.outputs[0].map(outcomeOf)).toEqual(['EC-D-7']);
		expect(errors(result.outputs[1])).toEqual([
			'SortedPRO returned an Allocation Summary for consignment EC-STRANGER, which was not in the request',
		]);
	});

	it('Allocate With Cheapest Quote (one consignment per call): the same, once; conflicting, one error', async () => {
		const cheapest = (ref: string) => ({
			operation: 'allocateWithCheapestQuote',
			items: refsItems([ref]),
		});
		const same = await run(SAME, cheapest('EC-D-8'));
		expect(same.outputs[0].map(outcomeOf)).toEqual(['EC-D-8']);
		expect(errors(same.outputs[1])).toEqual([]);
		const conflicting = await run(CONFLICTING, cheapest('EC-D-9'));
		expect(conflicting.outputs[0]).toEqual([]);
		expect(onlyConflictPrefix(conflicting.outputs[1])).toBe(
			'Consignment EC-D-9 may have been allocated with the cheapest quote',
		);
	});
});

function onlyConflictPrefix(items: INodeExecutionData[]) {
	expect(items).toHaveLength(1);
	return conflictOf(items[0].json.error).prefix;
}

describe('WithMessage results repeated', () => {
	const CALLS = [
		['deallocate', 'Allocated', 'Consignment deallocation completed successfully'],
		['cancel', '', 'Consignment cancellation completed successfully'],
		['manifestConsignments', 'Allocated', 'has been manifested successfully.'],
		['setReadyToShip', 'Allocated', 'Consignment marked as Ready To Ship completed successfully'],
	];

	describe.each(CALLS)('%s', (operation, state, success) => {
		const { resource, done } = OPS[operation];
		const call = (refs: string[]) => {
			if (state)
				sim.addConsignments(
					refs.map((reference) => ({ reference, state, carrierServiceReference: 'CX_NDS' })),
				);
			return { operation, items: refsItems([refs.join(', ')]), parameters: { resource } };
		};

		it.each(['json', 'xml'])(
			'the same result twice: read once, no error (%s)',
			async (bodyFormat) => {
				const result = await run(SAME, { ...call(['EC-W-1', 'EC-W-2']), options: { bodyFormat } });
				expect(result.outputs[0].map(outcomeOf)).toEqual(['EC-W-1', 'EC-W-2']);
				expect(errors(result.outputs[1])).toEqual([]);
			},
		);

		it('success then failure for one consignment: one error item naming both answers', async () => {
			const result = await run(CONFLICTING, call(['EC-W-3', 'EC-W-4']));
			expect(result.outputs[0].map(outcomeOf)).toEqual(['EC-W-4']);
			expect(result.outputs[1]).toHaveLength(1);
			const conflict = conflictOf(result.outputs[1][0].json.error);
			expect(conflict.prefix).toBe(`Consignment EC-W-3 may have been ${done}`);
			expect(conflict.first.startsWith(`${done}: `)).toBe(true);
			expect(conflict.first).toContain(success);
			expect(conflict.second).toBe(`not ${done}: Consignment EC-W-3 could not be processed`);
			expect(conflict.end).toBe(ends);
		});
	});

	it('failure then success (a consignment that could not be deallocated): one error item', async () => {
		const result = await run(CONFLICTING, {
			operation: 'deallocate',
			items: refsItems(['EC-W-5']),
		});
		expect(result.outputs[0]).toEqual([]);
		const conflict = conflictOf(result.outputs[1][0].json.error);
		expect([conflict.first, conflict.second]).toEqual([
			'not deallocated: Consignment EC-W-5 cannot be deallocated because it is in state Unallocated',
			'deallocated: Consignment deallocation completed successfully',
		]);
	});
});
