/**
 * The operations that act on a list of consignments: resource, the parameters they need
 * besides the references, what their messages say was done, the path they call.
 */
import type { INodeParameters } from 'n8n-workflow';

export const QUOTE = '00000003-1111-4222-8333-444455556666';
export const CARRIER_SERVICE = { __rl: true, mode: 'reference', value: 'CX_NDS' };

// operation: [resource, done (as an error says it), path, parameters]
const TABLE: Record<string, [string, string, string | RegExp, INodeParameters?]> = {
	allocateWithCarrierService: [
		'allocation',
		'allocated with CX_NDS',
		'/allocation/allocatewithcarrierservice',
		{ carrierService: CARRIER_SERVICE },
	],
	allocateUsingDefaultRules: [
		'allocation',
		'allocated by the default rules',
		'/allocation/allocate',
	],
	allocateWithServiceGroup: [
		'allocation',
		'allocated with service group valuableGoods',
		'/allocation/allocatewithservicegroup',
		{ serviceGroup: 'valuableGoods' },
	],
	allocateWithServiceFilters: [
		'allocation',
		'allocated with service filters Outbound',
		'/allocation/allocateConsignmentsWithServiceFilters',
		{ serviceDirection: 'Outbound' },
	],
	allocateWithCheapestQuote: [
		'allocation',
		'allocated with the cheapest quote',
		/\/allocatewithcheapestquote$/,
	],
	allocateWithQuote: [
		'allocation',
		`allocated with quote ${QUOTE}`,
		/\/allocatewithquote\//,
		{ quoteReference: QUOTE },
	],
	deallocate: ['allocation', 'deallocated', '/consignments/deallocatelist'],
	cancel: ['consignment', 'cancelled', '/consignments/cancellist'],
	manifestConsignments: ['manifest', 'manifested', '/consignments/manifest'],
	setReadyToShip: ['manifest', 'marked as Ready To Ship', '/consignments/setreadytoship'],
	setNotReadyToShip: ['manifest', 'marked as not Ready To Ship', '/consignments/setnotreadytoship'],
};

export interface ListOperation {
	operation: string;
	resource: string;
	done: string;
	path: string | RegExp;
	parameters: INodeParameters;
}
export const OPS: Record<string, ListOperation> = Object.fromEntries(
	Object.entries(TABLE).map(([operation, [resource, done, path, parameters = {}]]) => [
		operation,
		{ operation, resource, done, path, parameters },
	]),
);

/** The node's parameters for this operation, the references given by `references`. */
export const paramsOf = (o: ListOperation, references = '={{ $json.ref }}'): INodeParameters => ({
	resource: o.resource,
	operation: o.operation,
	consignmentReferences: references,
	...o.parameters,
});

/** The Customs Document operations, each with the parameters it needs besides the reference. */
export const CUSTOMS_CALLS: Array<[string, INodeParameters]> = [
	['Customs Document → Get Commercial Invoice', { operation: 'getCommercialInvoice' }],
	[
		'Customs Document → Get CN22 or CN23',
		{ operation: 'getDeclaration', documentType: 'CN22', packageReference: 'EP-0PC-ALC-001' },
	],
	['Customs Document → Get All for Consignment', { operation: 'getAllForConsignment' }],
];

/** Add Package's fields for a small package. */
export const PACKAGE: INodeParameters = {
	description: 'Gloves',
	value: 12.5,
	weight: 0.3,
	length: 20,
	width: 15,
	height: 5,
};
