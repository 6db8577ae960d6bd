import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { consignmentDescription } from '../common.descriptions';
import type { PerConsignmentOperation } from '../types';
import { cheapestFirst, decodeQuotes } from './quoteResult';

export const getQuotesForConsignment: PerConsignmentOperation = {
	kind: 'perConsignment',
	option: {
		name: 'Get for Consignment',
		value: 'getForConsignment',
		description: 'Get the quotes of an existing consignment, cheapest first, one item per quote',
		action: 'Get quotes for a consignment',
	},
	description: consignmentDescription(),
	async execute(itemIndex, run, reference) {
		const answer = await run.api.get(
			apiPath('quotes', 'consignment', reference),
			decodeQuotes,
			itemIndex,
			(error) => `The quotes of consignment ${reference} could not be read: ${error.message}`,
		);
		if (answer.quotes.length === 0) {
			throw new NodeOperationError(
				this.getNode(),
				`SortedPRO has no quotes for consignment ${reference}: ${answer.message ?? 'no reason given'}`,
				{
					itemIndex,
					description:
						'No carrier service of the subscription can take this consignment as it stands.',
				},
			);
		}
		return cheapestFirst(answer.quotes).map((quote) => ({
			json: {
				ConsignmentReference: reference,
				...quote,
				QuoteRequestReference: answer.requestReference,
			} as IDataObject,
		}));
	},
};
