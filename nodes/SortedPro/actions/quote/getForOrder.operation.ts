import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { createDescription } from '../consignment/create.description';
import { readCreateRequest } from '../consignment/createBody';
import { checkPicked } from '../referenceData/picked';
import type { RunContext } from '../run';
import type { PerItemOperation } from '../types';
import { cheapestFirst, decodeQuotes } from './quoteResult';

/**
 * POST /quotes with a consignment-shaped body (SortedPRO's help page "Getting quotes"): the
 * carrier services that could take the order, priced, before any consignment exists. The order
 * is given as for Consignment → Create; nothing is created, so a lost answer is simply asked
 * again.
 */
export const getQuotesForOrder: PerItemOperation = {
	kind: 'perItem',
	option: {
		name: 'Get for Order',
		value: 'getForOrder',
		description:
			'Get quotes for an order before it becomes a consignment, cheapest first, one item per quote',
		action: 'Get quotes for an order',
	},
	description: createDescription,
	async execute(this: IExecuteFunctions, itemIndex: number, run: RunContext) {
		const { body, customerReference, picked } = readCreateRequest.call(this, itemIndex);
		await checkPicked.call(this, run, itemIndex, picked);
		const order = customerReference ? `order ${customerReference}` : 'the order';
		// SortedPRO documents the request in JSON only, as for Create.
		const { value: answer } = await run.api.read(
			{ method: 'POST', path: apiPath('quotes'), body: JSON.stringify(body), format: 'json' },
			decodeQuotes,
			itemIndex,
			(error) => `The quotes for ${order} could not be read: ${error.message}`,
		);
		if (answer.quotes.length === 0) {
			throw new NodeOperationError(
				this.getNode(),
				`SortedPRO has no quotes for ${order}: ${answer.message ?? 'no reason given'}`,
				{
					itemIndex,
					description: 'No carrier service of the subscription can take this order as it stands.',
				},
			);
		}
		return cheapestFirst(answer.quotes).map((quote) => ({
			json: {
				ConsignmentReferenceProvidedByCustomer: customerReference ?? null,
				...quote,
				QuoteRequestReference: answer.requestReference,
			} as IDataObject,
		}));
	},
};
