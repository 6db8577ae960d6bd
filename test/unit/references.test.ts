import type { IDataObject } from 'n8n-workflow';

import { BatchPlan, pairedItems } from '../../nodes/SortedPro/actions/batch/plan';
import { MAX_REFERENCE_LENGTH, parseReferences } from '../../nodes/SortedPro/helpers/references';
import { consignmentReferenceOf as referenceOfSummary } from '../../nodes/SortedPro/actions/allocation/allocationSummaries';

describe('parseReferences', () => {
	it.each([
		['EC-000-05A-Z6S', ['EC-000-05A-Z6S']],
		['  EC-1  ', ['EC-1']],
		['EC-1,EC-2, EC-3', ['EC-1', 'EC-2', 'EC-3']],
		['EC-1 EC-2\nEC-3\r\n\tEC-4', ['EC-1', 'EC-2', 'EC-3', 'EC-4']],
		['EC-1,,, ,EC-2,', ['EC-1', 'EC-2']],
		['EC-2, EC-1, EC-2', ['EC-2', 'EC-1']],
		[
			['EC-1', ' EC-2 ', '', 'EC-3,EC-4'],
			['EC-1', 'EC-2', 'EC-3', 'EC-4'],
		],
		['EC-<&>"\'', ['EC-<&>"\'']],
	])('%j gives %j', (input, expected) => {
		expect(parseReferences(input)).toEqual({ references: expected });
	});

	it.each([
		[undefined, 'is empty'],
		[null, 'is empty'],
		['', 'has no consignment reference'],
		['  , \n ', 'has no consignment reference'],
		[[], 'has no consignment reference'],
		[12345, 'a number (12345)'],
		[{ ref: 'EC-1' }, 'an object'],
		[['EC-1', 7], 'a number (7) at position 2'],
		[['EC-1', ['EC-2']], 'a list at position 2'],
		[['EC-1', null], 'null at position 2'],
		[true, 'a boolean'],
		['x'.repeat(MAX_REFERENCE_LENGTH + 1), `the limit is ${MAX_REFERENCE_LENGTH}`],
		['EC-1\u0000X', 'control or invisible character in reference "EC-1\\u0000X"'],
		['EC-1\u200bX', 'invisible character in reference "EC-1\\u200bX"'],
	])('%j is refused: %s', (input, problem) => {
		const result = parseReferences(input);
		expect('problem' in result && result.problem).toContain(problem);
	});
});

describe('BatchPlan', () => {
	it('combine mode: groups by carrier service, sends each reference once, pairs every item', () => {
		const plan = new BatchPlan('combine');
		plan.add(0, 'SVC-A', ['EC-1', 'EC-2']);
		plan.add(1, 'SVC-B', ['EC-3']);
		plan.add(2, 'SVC-A', ['EC-2', 'EC-4']);
		const batches = [...plan.batches(2)].map((b) => [
			b.group,
			b.consignments.map((c) => c.reference),
		]);
		expect(batches).toEqual([
			['SVC-A', ['EC-1', 'EC-2']],
			['SVC-A', ['EC-4']],
			['SVC-B', ['EC-3']],
		]);
		expect(plan.consignments.map((c) => c.reference)).toEqual(['EC-1', 'EC-2', 'EC-3', 'EC-4']);
		expect(pairedItems(plan.consignments[1])).toEqual([{ item: 0 }, { item: 2 }]);
		expect(pairedItems(plan.consignments[3])).toEqual({ item: 2 });
	});

	it('per-item mode: one group per item, a reference already sent by an earlier item is not sent again', () => {
		const plan = new BatchPlan('perItem');
		plan.add(0, 'SVC-A', ['EC-1', 'EC-2']);
		plan.add(1, 'SVC-A', ['EC-2']);
		plan.add(2, 'SVC-A', ['EC-3']);
		const batches = [...plan.batches(100)].map((b) => b.consignments.map((c) => c.reference));
		expect(batches).toEqual([['EC-1', 'EC-2'], ['EC-3']]);
		expect(pairedItems(plan.consignments[1])).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('the same reference with two carrier services is two consignments to allocate', () => {
		const plan = new BatchPlan('combine');
		plan.add(0, 'SVC-A', ['EC-1']);
		plan.add(1, 'SVC-B', ['EC-1']);
		expect(plan.consignments).toHaveLength(2);
	});
});

describe('consignmentReferenceOf (codec)', () => {
	const summary = (links: unknown) => ({ ApiLinks: links }) as IDataObject;
	it('takes the last path segment of the detail link', () => {
		expect(
			referenceOfSummary(
				summary([
					{ Rel: 'label', Href: 'https://api.electioapp.com/labels/EC-LABEL' },
					{ Rel: 'detail', Href: 'https://api.electioapp.com/consignments/EC-000-05B-MMA' },
				]),
			),
		).toBe('EC-000-05B-MMA');
	});
	it('decodes an escaped segment and ignores a query or trailing slash', () => {
		expect(
			referenceOfSummary(
				summary([{ Rel: 'Detail', Href: 'https://x/consignments/EC%3C1%3E/?a=1' }]),
			),
		).toBe('EC<1>');
	});
	it('falls back to the label link, and gives undefined when there is no link', () => {
		expect(referenceOfSummary(summary([{ Rel: 'label', Href: 'https://x/labels/EC-9' }]))).toBe(
			'EC-9',
		);
		expect(referenceOfSummary(summary(null))).toBeUndefined();
		expect(referenceOfSummary(summary([{ Rel: 'detail', Href: 42 }]))).toBeUndefined();
	});
});
