/**
 * Every operation's fields that go into a path, a query or a body, for the lone-surrogate
 * tests (loneSurrogates.test.ts): the bad text comes from each item's `$json.bad`.
 */
import type { INodeParameters } from 'n8n-workflow';

import { createFromRow } from './consignment-setup';
import { CARRIER_SERVICE, OPS, paramsOf } from './operations';

const BAD = '={{ $json.bad }}';
type Case = [string, INodeParameters, string];
/** [what, parameters, the field the error names] */
const op = (field: string, resource: string, operation: string, more: INodeParameters): Case => [
	`${resource} → ${operation}`,
	{ resource, operation, ...more },
	field,
];
const one = (resource: string, operation: string) =>
	op('Consignment Reference', resource, operation, { consignmentReference: BAD });
const create = (field: string, more: INodeParameters) =>
	op(field, 'consignment', 'create', { ...createFromRow(), ...more });
const good = (operation: string) => paramsOf(OPS[operation], 'EC-GOOD-1');
const pkg = { description: 'Socks', value: 5, weight: 1, weightUnit: BAD, length: 1, width: 1 };
const CUSTOMER = 'ConsignmentReferenceProvidedByCustomer';

export const operations: Case[] = [
	...Object.values(OPS).map((o) =>
		op('Consignment References', o.resource, o.operation, paramsOf(o, BAD)),
	),
	one('consignment', 'get'),
	one('consignment', 'getStatus'),
	one('label', 'get'),
	one('tracking', 'get'),
	one('quote', 'getForConsignment'),
	op('Filters › Other Filters › Value', 'consignment', 'search', {
		returnAll: true,
		filters: { other: { filter: [{ name: CUSTOMER, value: BAD }] } },
	}),
	create('Customer Reference', { customerReference: BAD }),
	create('Recipient Name', { recipientName: BAD }),
	create('Packages › Package 1 › Weight Unit', { packages: { package: [{ ...pkg, height: 1 }] } }),
	op('JSON Body', 'consignment', 'create', {
		createMode: 'json',
		jsonBody: '{"Packages":[{"Description":"Socks \\ud800"}],"Addresses":[{}]}',
	}),
	create('Additional Fields › Extra Body Fields (JSON)', {
		additionalFields: { extraBody: '{"MetaData":[{"\\udc00":"x"}]}' },
	}),
	op('Carrier Service', 'allocation', 'allocateWithCarrierService', {
		...good('allocateWithCarrierService'),
		carrierService: { ...CARRIER_SERVICE, value: BAD },
	}),
	op('Service Group', 'allocation', 'allocateWithServiceGroup', {
		...good('allocateWithServiceGroup'),
		serviceGroup: BAD,
	}),
	op('Quote Reference', 'allocation', 'allocateWithQuote', {
		...good('allocateWithQuote'),
		quoteReference: BAD,
	}),
	op('Package Reference', 'label', 'get', {
		consignmentReference: 'EC-GOOD-1',
		options: { packageReference: BAD },
	}),
	op('Shipping Locations', 'manifest', 'manifestFromQuery', { shippingLocationReferences: BAD }),
	op('Carriers', 'manifest', 'manifestFromQuery', { carriers: BAD }),
	op('States', 'manifest', 'manifestFromQuery', { states: '={{ ["Allocated", $json.bad] }}' }),
	op('Customer Reference', 'quote', 'getForOrder', { ...createFromRow(), customerReference: BAD }),
];
