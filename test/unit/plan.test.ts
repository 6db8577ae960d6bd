import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	Failure,
	inInputOrder,
	type Extra,
	type Outcome,
} from '../../nodes/SortedPro/actions/batch/output';
import {
	BatchPlan,
	pairedItems,
	type PlannedConsignment,
} from '../../nodes/SortedPro/actions/batch/plan';
import type { BatchSpec } from '../../nodes/SortedPro/actions/batch/types';

/** Each batch as `group: ref ref …`, and each consignment as `ref@item[+later items]`. */
function describePlan(plan: BatchPlan, batchSize: number) {
	return {
		batches: plan
			.batches(batchSize)
			.map((batch) => `${batch.group}: ${batch.consignments.map((c) => c.reference).join(' ')}`),
		consignments: plan.consignments.map(
			(c) =>
				`${c.reference}@${c.itemIndex}${c.laterItemIndexes ? `+${c.laterItemIndexes.join('+')}` : ''}`,
		),
	};
}

describe('BatchPlan', () => {
	it.each([
		{
			name: 'combine: one request per group, references in order of first appearance',
			mode: 'combine' as const,
			batchSize: 100,
			adds: [
				[0, 'A', ['EC-1', 'EC-2']],
				[1, 'B', 'EC-3'],
				[2, 'A', 'EC-4'],
			] as const,
			batches: ['A: EC-1 EC-2 EC-4', 'B: EC-3'],
			consignments: ['EC-1@0', 'EC-2@0', 'EC-3@1', 'EC-4@2'],
		},
		{
			name: 'per item: each item its own request, holding only its new references',
			mode: 'perItem' as const,
			batchSize: 100,
			adds: [
				[0, 'A', ['EC-1', 'EC-2']],
				[1, 'A', ['EC-2', 'EC-3']],
				[2, 'A', 'EC-1'],
			] as const,
			batches: ['A: EC-1 EC-2', 'A: EC-3'],
			consignments: ['EC-1@0+2', 'EC-2@0+1', 'EC-3@1'],
		},
		{
			name: 'a reference repeated by later items is sent once and remembers every item',
			mode: 'combine' as const,
			batchSize: 100,
			adds: [
				[0, 'A', 'EC-1'],
				[1, 'A', 'EC-1'],
				[2, 'A', 'EC-1'],
			] as const,
			batches: ['A: EC-1'],
			consignments: ['EC-1@0+1+2'],
		},
		{
			name: 'the same reference in two groups is two consignments (sent with each group)',
			mode: 'combine' as const,
			batchSize: 100,
			adds: [
				[0, 'A', 'EC-1'],
				[1, 'B', 'EC-1'],
			] as const,
			batches: ['A: EC-1', 'B: EC-1'],
			consignments: ['EC-1@0', 'EC-1@1'],
		},
		{
			name: 'a group larger than the batch size is cut in order, the last batch short',
			mode: 'combine' as const,
			batchSize: 2,
			adds: [
				[0, '', ['EC-1', 'EC-2', 'EC-3']],
				[1, '', ['EC-4', 'EC-5']],
			] as const,
			batches: [': EC-1 EC-2', ': EC-3 EC-4', ': EC-5'],
			consignments: ['EC-1@0', 'EC-2@0', 'EC-3@0', 'EC-4@1', 'EC-5@1'],
		},
	])('$name', ({ mode, batchSize, adds, batches, consignments }) => {
		const plan = new BatchPlan(mode);
		for (const [itemIndex, group, references] of adds) plan.add(itemIndex, group, references);
		expect(describePlan(plan, batchSize)).toEqual({ batches, consignments });
		// Positions are the consignments' indexes: the engine stores outcomes by them.
		expect(plan.consignments.map((c) => c.position)).toEqual(consignments.map((_, i) => i));
	});

	it('pairs a consignment with its first item alone, or with every item that supplied it', () => {
		const plan = new BatchPlan('combine');
		plan.add(0, '', ['EC-1', 'EC-2']);
		plan.add(3, '', 'EC-2');
		const [one, two] = plan.consignments;
		expect(pairedItems(one)).toEqual({ item: 0 });
		expect(pairedItems(two)).toEqual([{ item: 0 }, { item: 3 }]);
	});
});

describe('inInputOrder (the batch output)', () => {
	const node = { id: '1', name: 'SortedPRO', type: 'sortedPro', typeVersion: 1, position: [0, 0] };
	const spec = {
		failureMessage: (c: PlannedConsignment, reason: string) => `${c.reference} failed: ${reason}`,
		uncertainMessage: (c: PlannedConsignment, reason: string) =>
			`${c.reference} uncertain: ${reason}`,
	} as BatchSpec;
	const extra = (order: number, error: string): Extra => ({
		order,
		item: { json: { error }, pairedItem: { item: order } },
	});

	it('merges results, refusals and unexpected answers where their items stand', () => {
		const plan = new BatchPlan('combine');
		plan.add(0, '', ['EC-1', 'EC-2']);
		plan.add(2, '', 'EC-3');
		plan.add(4, '', 'EC-1');
		const error = new NodeOperationError(node as INode, 'x');
		// Outcomes by position, as the engine stores them when answers arrive in any order.
		const outcomes: Outcome[] = [
			{ ConsignmentReference: 'EC-1' },
			new Failure('refused', error),
			new Failure('no answer', error, true),
		];
		const output = inInputOrder(
			plan.consignments,
			outcomes,
			[extra(1, 'item 1 refused'), extra(5, 'item 5 refused')],
			[extra(2, 'unexpected EC-9')],
			spec,
		);
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ ConsignmentReference: 'EC-1' }, [{ item: 0 }, { item: 4 }]],
			[{ error: 'EC-2 failed: refused' }, { item: 0 }],
			[{ error: 'item 1 refused' }, { item: 1 }],
			// An unexpected answer comes after the consignments of the item it is reported at.
			[{ error: 'EC-3 uncertain: no answer' }, { item: 2 }],
			[{ error: 'unexpected EC-9' }, { item: 2 }],
			[{ error: 'item 5 refused' }, { item: 5 }],
		]);
	});

	it('leaves out a consignment with no outcome (a batch that never ran: the run stopped)', () => {
		const plan = new BatchPlan('combine');
		plan.add(0, '', ['EC-1', 'EC-2']);
		const output = inInputOrder(plan.consignments, [{ ok: 1 }, undefined], [], [], spec);
		expect(output.map((item) => item.json)).toEqual([{ ok: 1 }]);
	});
});
