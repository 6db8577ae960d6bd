/**
 * Text that is not valid Unicode (a lone UTF-16 surrogate, e.g. "EC-\uD800") is refused before
 * anything is sent, by every operation, naming the item and the field: in a path it would
 * throw "URI malformed", in a JSON body it would go as an unpaired escape, in XML as U+FFFD.
 */
import type { INodeParameters } from 'n8n-workflow';

import { createFromRow, orderRow } from './consignment-setup';
import { runSortedPro, useSimulator } from './setup';

const sim = useSimulator({ autoCreate: /^EC-/ });

const BAD = '={{ $json.bad }}';
const GUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const refs = (resource: string, operation: string, more: INodeParameters = {}) => ({
	resource,
	operation,
	consignmentReferences: BAD,
	...more,
});
const one = (resource: string, operation: string, more: INodeParameters = {}) => ({
	resource,
	operation,
	consignmentReference: BAD,
	...more,
});
const carrierService = { __rl: true, mode: 'reference', value: 'CX_NDS' };
const order = (more: INodeParameters) => ({ ...createFromRow(), ...more });
const jsonBody = (text: string) => ({ createMode: 'json', jsonBody: text });

// [what, parameters (the bad text comes from $json.bad), field named]
const operations: Array<[string, INodeParameters, string]> = [
	['Consignment → Get', one('consignment', 'get'), 'Consignment Reference'],
	['Consignment → Get Status', one('consignment', 'getStatus'), 'Consignment Reference'],
	['Consignment → Cancel', refs('consignment', 'cancel'), 'Consignment References'],
	[
		'Consignment → Search (a filter value, sent in the query)',
		{
			resource: 'consignment',
			operation: 'search',
			returnAll: true,
			filters: {
				other: { filter: [{ name: 'ConsignmentReferenceProvidedByCustomer', value: BAD }] },
			},
		},
		'Filters › Other Filters › Value',
	],
	[
		'Consignment → Create (Customer Reference)',
		{ resource: 'consignment', operation: 'create', ...order({ customerReference: BAD }) },
		'Customer Reference',
	],
	[
		'Consignment → Create (Recipient Name)',
		{ resource: 'consignment', operation: 'create', ...order({ recipientName: BAD }) },
		'Recipient Name',
	],
	[
		'Consignment → Create (Weight Unit from an expression)',
		{
			resource: 'consignment',
			operation: 'create',
			...order({
				packages: {
					package: [
						{
							description: 'Socks',
							value: 5,
							weight: 1,
							weightUnit: BAD,
							length: 1,
							width: 1,
							height: 1,
						},
					],
				},
			}),
		},
		'Packages › Package 1 › Weight Unit',
	],
	[
		'Consignment → Create (JSON Body)',
		{
			resource: 'consignment',
			operation: 'create',
			...jsonBody('{"Packages":[{"Description":"Socks \\ud800"}],"Addresses":[{}]}'),
		},
		'JSON Body',
	],
	[
		'Consignment → Create (Extra Body Fields)',
		{
			resource: 'consignment',
			operation: 'create',
			...order({ additionalFields: { extraBody: '{"MetaData":[{"\\udc00":"x"}]}' } }),
		},
		'Additional Fields › Extra Body Fields (JSON)',
	],
	[
		'Allocation → Allocate With Carrier Service (references, in the body)',
		refs('allocation', 'allocateWithCarrierService', { carrierService }),
		'Consignment References',
	],
	[
		'Allocation → Allocate With Carrier Service (the service, in the body)',
		refs('allocation', 'allocateWithCarrierService', {
			consignmentReferences: 'EC-GOOD-1',
			carrierService: { __rl: true, mode: 'reference', value: BAD },
		}),
		'Carrier Service',
	],
	[
		'Allocation → Allocate Using Default Rules',
		refs('allocation', 'allocateUsingDefaultRules'),
		'Consignment References',
	],
	[
		'Allocation → Allocate With Service Group (references)',
		refs('allocation', 'allocateWithServiceGroup', { serviceGroup: 'valuableGoods' }),
		'Consignment References',
	],
	[
		'Allocation → Allocate With Service Group (the group)',
		refs('allocation', 'allocateWithServiceGroup', {
			consignmentReferences: 'EC-GOOD-1',
			serviceGroup: BAD,
		}),
		'Service Group',
	],
	[
		'Allocation → Allocate With Service Filters',
		refs('allocation', 'allocateWithServiceFilters', { serviceDirection: 'Outbound' }),
		'Consignment References',
	],
	[
		'Allocation → Allocate With Cheapest Quote',
		refs('allocation', 'allocateWithCheapestQuote'),
		'Consignment References',
	],
	[
		'Allocation → Allocate With Quote (the consignment)',
		refs('allocation', 'allocateWithQuote', { quoteReference: GUID }),
		'Consignment References',
	],
	[
		'Allocation → Allocate With Quote (the quote)',
		refs('allocation', 'allocateWithQuote', {
			consignmentReferences: 'EC-GOOD-1',
			quoteReference: BAD,
		}),
		'Quote Reference',
	],
	['Allocation → Deallocate', refs('allocation', 'deallocate'), 'Consignment References'],
	['Label → Get (the consignment)', one('label', 'get'), 'Consignment Reference'],
	[
		'Label → Get (the package)',
		one('label', 'get', { consignmentReference: 'EC-GOOD-1', options: { packageReference: BAD } }),
		'Package Reference',
	],
	[
		'Manifest → Manifest Consignments',
		refs('manifest', 'manifestConsignments'),
		'Consignment References',
	],
	['Manifest → Set Ready to Ship', refs('manifest', 'setReadyToShip'), 'Consignment References'],
	[
		'Manifest → Set Not Ready to Ship',
		refs('manifest', 'setNotReadyToShip'),
		'Consignment References',
	],
	[
		'Manifest → Manifest by Query (shipping locations)',
		{ resource: 'manifest', operation: 'manifestFromQuery', shippingLocationReferences: BAD },
		'Shipping Locations',
	],
	[
		'Manifest → Manifest by Query (carriers)',
		{ resource: 'manifest', operation: 'manifestFromQuery', carriers: BAD },
		'Carriers',
	],
	[
		'Manifest → Manifest by Query (states from an expression)',
		{
			resource: 'manifest',
			operation: 'manifestFromQuery',
			states: '={{ ["Allocated", $json.bad] }}',
		},
		'States',
	],
	['Tracking → Get', one('tracking', 'get'), 'Consignment Reference'],
	['Quote → Get for Consignment', one('quote', 'getForConsignment'), 'Consignment Reference'],
	[
		'Quote → Get for Order (Customer Reference)',
		{ resource: 'quote', operation: 'getForOrder', ...order({ customerReference: BAD }) },
		'Customer Reference',
	],
];

const escaped = (text: string) =>
	text.replace(/[\ud800-\udfff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);

describe('a lone surrogate is refused before anything is sent', () => {
	it.each(operations.map(([what, parameters, field]) => [what, field, parameters] as const))(
		'%s: "%s" named',
		async (_what, field, parameters) => {
			const result = await runSortedPro(sim, parameters, [
				{ json: { ...orderRow(1001), bad: 'EC-\uD800' } },
			]);
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(
				new RegExp(`^\\[item 0\\] "${field.replace(/[()]/g, '\\$&')}" `),
			);
			expect(result.error?.message).toMatch(
				/is not valid Unicode text: it holds a lone surrogate \(\\u(d800|dc00) at character \d+\)$/,
			);
			// The message is valid text itself: the surrogate is shown escaped.
			expect(result.error?.message).toBe(escaped(result.error?.message ?? ''));
			expect(sim.requests).toHaveLength(0);
		},
	);

	it.each([
		[
			'a high surrogate at the end',
			'EC-000-\uD800',
			'contains "EC-000-\\ud800", which is not valid Unicode text: it holds a lone surrogate (\\ud800 at character 8)',
		],
		[
			'a low surrogate alone',
			'EC-\uDC00-000',
			'contains "EC-\\udc00-000", which is not valid Unicode text: it holds a lone surrogate (\\udc00 at character 4)',
		],
		[
			'a pair in the wrong order',
			'EC-\uDE00\uD83D',
			'contains "EC-\\ude00\\ud83d", which is not valid Unicode text: it holds a lone surrogate (\\ude00 at character 4)',
		],
		[
			'a high surrogate before another character',
			'EC-\uD83D-1',
			'contains "EC-\\ud83d-1", which is not valid Unicode text: it holds a lone surrogate (\\ud83d at character 4)',
		],
	])('%s, in a path or in a body, with good items going on', async (_what, bad, problem) => {
		for (const parameters of [
			one('consignment', 'get'),
			refs('allocation', 'allocateWithCarrierService', { carrierService }),
		]) {
			sim.reset();
			const result = await runSortedPro(
				sim,
				{
					...parameters,
					consignmentReference: '={{ $json.ref }}',
					consignmentReferences: '={{ $json.ref }}',
				},
				[{ json: { ref: 'EC-GOOD-1' } }, { json: { ref: bad } }],
				'continueErrorOutput',
			);
			expect(
				result.outputs[0].map((item) => item.json.ConsignmentReference ?? item.json.Reference),
			).toEqual(['EC-GOOD-1']);
			expect(result.outputs[1]).toHaveLength(1);
			expect(result.outputs[1][0].pairedItem).toEqual({ item: 1 });
			expect(result.outputs[1][0].json.error).toContain(problem);
			expect(JSON.stringify(sim.requests.map((r) => [r.path, r.body]))).not.toMatch(
				/\\u[dD][89a-fA-F]|%ED|\uFFFD/,
			);
		}
	});

	it('a valid pair (an emoji) is valid Unicode and is sent as given', async () => {
		const result = await runSortedPro(
			sim,
			one('consignment', 'get'),
			[{ json: { bad: 'EC-\uD83D\uDE00' } }],
			'continueErrorOutput',
		);
		expect(result.outputs[0].map((item) => item.json.Reference)).toEqual(['EC-\uD83D\uDE00']);
		expect(sim.requests.map((r) => decodeURIComponent(r.path))).toEqual([
			'/consignments/EC-\uD83D\uDE00',
		]);
	});
});
