/**
 * Running the Consignment resource through n8n-core against the simulator, and an order row
 * as a spreadsheet or webhook would give it.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RunNodeResult } from '../harness';
import type { Simulator } from '../simulator';
import { runSortedPro, type OnError } from './setup';

export async function consignmentNode(
	sim: Simulator,
	operation: string,
	parameters: INodeParameters,
	items: INodeExecutionData[] = [{ json: {} }],
	onError?: OnError,
): Promise<RunNodeResult> {
	return await runSortedPro(
		sim,
		{ resource: 'consignment', operation, ...parameters },
		items,
		onError,
	);
}

/** An order row, as a webhook or a spreadsheet delivers it. */
export function orderRow(order: number, overrides: IDataObject = {}): IDataObject {
	return {
		order: `ORD-${order}`,
		name: 'Peter McPetersson',
		company: 'Porter Street Socks Ltd',
		email: 'peter.mcpetersson@test.com',
		phone: '07702123456',
		street: '13 Porter Street',
		city: 'Manchester',
		county: 'Greater Manchester',
		zip: 'M1 5WG',
		country: 'GB',
		weightKg: 0.5,
		item: 'Socks',
		price: 5.99,
		...overrides,
	};
}

/** Create's parameters, every field mapped from the order row by expression (as dragged in the editor). */
export function createFromRow(extra: INodeParameters = {}): INodeParameters {
	return {
		createMode: 'fields',
		originShippingLocationReference: 'Sorted1',
		recipientName: '={{ $json.name }}',
		recipientCompany: '={{ $json.company }}',
		recipientEmail: '={{ $json.email }}',
		recipientPhone: '={{ $json.phone }}',
		addressLine1: '={{ $json.street }}',
		town: '={{ $json.city }}',
		region: '={{ $json.county }}',
		postcode: '={{ $json.zip }}',
		countryCode: '={{ $json.country }}',
		packages: {
			package: [
				{
					description: '={{ $json.item }}',
					value: '={{ $json.price }}',
					currency: 'GBP',
					weight: '={{ $json.weightKg }}',
					weightUnit: 'Kg',
					length: 10,
					width: 10,
					height: 10,
					dimensionUnit: 'Cm',
				},
			],
		},
		shippingDate: '2026-12-01T00:00:00',
		customerReference: '={{ $json.order }}',
		...extra,
	};
}

export const rows = (...orders: number[]): INodeExecutionData[] =>
	orders.map((order) => ({ json: orderRow(order) }));
