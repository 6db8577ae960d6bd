/**
 * Every operation's fields that go into a path, a query or a body, for the lone-surrogate
 * tests (loneSurrogates.test.ts): the bad text comes from each item's `$json.bad`.
 */
import type { INodeParameters } from 'n8n-workflow';

import { createFromRow } from './consignment-setup';

export const BAD = '={{ $json.bad }}';
const GUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
export const refs = (resource: string, operation: string, more: INodeParameters = {}) => ({
	resource,
	operation,
	consignmentReferences: BAD,
	...more,
});
export const one = (resource: string, operation: string, more: INodeParameters = {}) => ({
	resource,
	operation,
	consignmentReference: BAD,
	...more,
});
export const carrierService = { __rl: true, mode: 'reference', value: 'CX_NDS' };
const order = (more: INodeParameters) => ({ ...createFromRow(), ...more });
const jsonBody = (text: string) => ({ createMode: 'json', jsonBody: text });

// [what, parameters (the bad text comes from $json.bad), field named]
export const operations: Array<[string, INodeParameters, string]> = [
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
