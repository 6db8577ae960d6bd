/**
 * The calls for one consignment (Consignment → Get and Get Status, Label → Get, Tracking → Get,
 * Quote → Get for Consignment) when SortedPRO refuses it: an unknown consignment (404) or one in
 * a state the call does not serve. The error carries SortedPRO's message and status, goes to the
 * error output paired to its item, and the other items go on.
 */
import { captureLogs } from '../harness';

import type { INodeParameters } from 'n8n-workflow';

import { CUSTOMS_CALLS } from './operations';
import { nodeRunner, pick, refsItems, useSimulator } from './setup';

captureLogs();

const UNKNOWN = 'XX-404-404-404';
const ALLOCATED = 'EC-000-0PC-ALC';
const UNALLOCATED = 'EC-000-0PC-UNA';
const sim = useSimulator({
	autoCreate: /^EC-/,
	consignments: [
		{ reference: ALLOCATED, state: 'Allocated', carrierServiceReference: 'CX_NDS', packages: 1 },
	],
});

// [call, parameters, a consignment it serves, one in a state it refuses and SortedPRO's reason]
const notAvailable = (what: string, ref: string, state: string) =>
	`${what} for consignment ${ref} are not available because it is in state ${state}`;
const CALLS: Array<[string, INodeParameters, string, [string, string]?]> = [
	['Consignment → Get', { resource: 'consignment', operation: 'get' }, ALLOCATED],
	['Consignment → Get Status', { resource: 'consignment', operation: 'getStatus' }, ALLOCATED],
	[
		'Label → Get',
		{ resource: 'label', operation: 'get' },
		ALLOCATED,
		[UNALLOCATED, notAvailable('Labels', UNALLOCATED, 'Unallocated')],
	],
	[
		'Tracking → Get',
		{ resource: 'tracking', operation: 'get' },
		ALLOCATED,
		[UNALLOCATED, `No tracking found for consignment ${UNALLOCATED}: it is in state Unallocated`],
	],
	[
		'Quote → Get for Consignment',
		{ resource: 'quote', operation: 'getForConsignment' },
		UNALLOCATED,
		[ALLOCATED, notAvailable('Quotes', ALLOCATED, 'Allocated')],
	],
	...CUSTOMS_CALLS.map(
		([name, parameters]) =>
			[
				name,
				{ resource: 'customsDocument', ...parameters },
				ALLOCATED,
				[UNALLOCATED, notAvailable('Customs documents', UNALLOCATED, 'Unallocated')],
			] as (typeof CALLS)[number],
	),
];

describe.each(CALLS)('%s', (_call, parameters, good, refused) => {
	const run = nodeRunner(sim, { ...parameters, consignmentReference: '={{ $json.ref }}' });

	it('an unknown consignment stops the run with SortedPRO’s 404', async () => {
		const stopped = await run(refsItems([UNKNOWN]));
		expect(stopped.error).toMatchObject({
			httpCode: '404',
			message: `Item ${UNKNOWN} not found`,
			description: expect.stringMatching(/^HTTP 404 · Code: ItemNotFound/),
		});
	});

	it('with the error output, each refused consignment goes there with its item, with SortedPRO’s message', async () => {
		const refs = [UNKNOWN, ...(refused ? [refused[0]] : []), good];
		const result = await run(refsItems(refs), {}, 'continueErrorOutput');
		const [main, errors] = result.outputs;
		expect(main.length).toBeGreaterThan(0);
		expect(main.map((item) => item.pairedItem)).toEqual(
			main.map(() => ({ item: refs.length - 1 })),
		);
		expect(pick(errors, 'ref', 'error', 'pairedItem')).toEqual([
			[UNKNOWN, `Item ${UNKNOWN} not found`, { item: 0 }],
			...(refused ? [[refused[0], expect.stringContaining(refused[1]), { item: 1 }]] : []),
		]);
		expect(errors.every((item) => item.binary === undefined)).toBe(true);
	});

	it('with Continue (regular output), the error item stands paired to its input', async () => {
		const result = await run(refsItems([UNKNOWN]), {}, 'continueRegularOutput');
		expect(result.outputs[0]).toEqual([
			{ json: { error: `Item ${UNKNOWN} not found` }, pairedItem: { item: 0 } },
		]);
	});
});
