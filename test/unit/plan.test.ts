import { BatchPlan, pairedItems } from '../../nodes/SortedPro/actions/batch/plan';

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
