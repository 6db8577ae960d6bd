import type { INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { consignmentReferencesField, optionsCollection } from '../common.descriptions';
import { allocationSpec } from './allocationSpec';
import { allocationOptions } from './allocationLabels';
import type { BatchOperation } from '../types';

const description: INodeProperties[] = [
	{
		...consignmentReferencesField(),
		placeholder: 'e.g. EC-000-05A-Z6S',
		description: 'The consignment the quote was made for: one per item',
	},
	{
		displayName: 'Quote Reference',
		name: 'quoteReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 3f2504e0-4f89-11d3-9a0c-0305e82c3301',
		description: "The QuoteReference (a GUID) of one of the consignment's quotes",
	},
	optionsCollection(allocationOptions),
];

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/** PUT /allocation/{consignmentReference}/allocatewithquote/{quoteReference}, no body: one consignment per request. */
export const allocateWithQuote: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Allocate With Quote',
		value: 'allocateWithQuote',
		description: 'Allocate a consignment with one of its quotes',
		action: 'Allocate a consignment with a quote',
	},
	description,
	batch: allocationSpec(
		{
			request: async (batch, [reference]) => ({
				path: apiPath(
					'allocation',
					reference,
					'allocatewithquote',
					batch.group.replace(/^\{|\}$/g, ''),
				),
			}),
			how: (quote) => `with quote ${quote}`,
			oneConsignment: true,
		},
		{
			// Grouped by quote: the same consignment with the same quote from several items is sent once.
			group: {
				parameter: 'quoteReference',
				field: 'Quote Reference',
				hint: "give the QuoteReference of one of the consignment's quotes",
			},
			async checkGroups(quotes) {
				const problems = new Map<string, string>();
				for (const quote of quotes) {
					if (!GUID.test(quote))
						problems.set(
							quote,
							'is not a quote reference: SortedPRO quote references are GUIDs (8-4-4-4-12 hexadecimal digits)',
						);
				}
				return problems;
			},
			checkReferences: (references) =>
				references.length === 1
					? undefined
					: `holds ${references.length} references; a quote is for one consignment, so each item takes one`,
		},
	),
};
