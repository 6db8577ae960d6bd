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
const allocation = (operation: string, more: INodeParameters = {}) =>
	refs('allocation', operation, more);
const manifest = (operation: string, more: INodeParameters = {}) =>
	refs('manifest', operation, more);
const REF = 'Consignment Reference';
const REFS = 'Consignment References';
const order = (more: INodeParameters) => ({ ...createFromRow(), ...more });
const jsonBody = (text: string) => ({ createMode: 'json', jsonBody: text });

// [what, parameters (the bad text comes from $json.bad), field named]
export const operations: Array<[string, INodeParameters, string]> = [
	['Consignment → Get', one('consignment', 'get'), REF],
	['Consignment → Get Status', one('consignment', 'getStatus'), REF],
	['Consignment → Cancel', refs('consignment', 'cancel'), REFS],
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
		allocation('allocateWithCarrierService', { carrierService }),
		REFS,
	],
	[
		'Allocation → Allocate With Carrier Service (the service, in the body)',
		allocation('allocateWithCarrierService', {
			consignmentReferences: 'EC-GOOD-1',
			carrierService: { __rl: true, mode: 'reference', value: BAD },
		}),
		'Carrier Service',
	],
	['Allocation → Allocate Using Default Rules', allocation('allocateUsingDefaultRules'), REFS],
	[
		'Allocation → Allocate With Service Group (references)',
		allocation('allocateWithServiceGroup', { serviceGroup: 'valuableGoods' }),
		REFS,
	],
	[
		'Allocation → Allocate With Service Group (the group)',
		allocation('allocateWithServiceGroup', {
			consignmentReferences: 'EC-GOOD-1',
			serviceGroup: BAD,
		}),
		'Service Group',
	],
	[
		'Allocation → Allocate With Service Filters',
		allocation('allocateWithServiceFilters', { serviceDirection: 'Outbound' }),
		REFS,
	],
	['Allocation → Allocate With Cheapest Quote', allocation('allocateWithCheapestQuote'), REFS],
	[
		'Allocation → Allocate With Quote (the consignment)',
		allocation('allocateWithQuote', { quoteReference: GUID }),
		REFS,
	],
	[
		'Allocation → Allocate With Quote (the quote)',
		allocation('allocateWithQuote', {
			consignmentReferences: 'EC-GOOD-1',
			quoteReference: BAD,
		}),
		'Quote Reference',
	],
	['Allocation → Deallocate', allocation('deallocate'), REFS],
	['Label → Get (the consignment)', one('label', 'get'), REF],
	[
		'Label → Get (the package)',
		one('label', 'get', { consignmentReference: 'EC-GOOD-1', options: { packageReference: BAD } }),
		'Package Reference',
	],
	['Manifest → Manifest Consignments', manifest('manifestConsignments'), REFS],
	['Manifest → Set Ready to Ship', manifest('setReadyToShip'), REFS],
	['Manifest → Set Not Ready to Ship', manifest('setNotReadyToShip'), REFS],
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
	['Tracking → Get', one('tracking', 'get'), REF],
	['Quote → Get for Consignment', one('quote', 'getForConsignment'), REF],
	[
		'Quote → Get for Order (Customer Reference)',
		{ resource: 'quote', operation: 'getForOrder', ...order({ customerReference: BAD }) },
		'Customer Reference',
	],
];
