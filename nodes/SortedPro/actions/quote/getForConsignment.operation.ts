import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readPathReference } from '../../helpers/pathReferences';
import { apiPath, sortedProRequest } from '../../transport';
import { consignmentReferenceField, optionsCollection } from '../common.descriptions';
import type { PerItemOperation, RunContext } from '../types';
import { cheapestFirst, decodeQuotes } from './quoteResult';

const show = { show: { resource: ['quote'], operation: ['getForConsignment'] } };

const description: INodeProperties[] = [consignmentReferenceField(show), optionsCollection(show)];

export const getQuotesForConsignment: PerItemOperation = {
	kind: 'perItem',
	option: {
		name: 'Get for Consignment',
		value: 'getForConsignment',
		description: 'Get the quotes of an existing consignment, cheapest first, one item per quote',
		action: 'Get quotes for a consignment',
	},
	description,
	async execute(this: IExecuteFunctions, itemIndex: number, run: RunContext) {
		const reference = readPathReference.call(
			this,
			itemIndex,
			'consignmentReference',
			'Consignment Reference',
		);
		const path = apiPath('quotes', 'consignment', reference);
		const response = await sortedProRequest.call(
			this,
			{
				method: 'GET',
				connection: run.connection,
				path,
				format: run.options.format,
				itemIndex,
				limit: run.limit,
			},
			run.options.policy,
		);
		let answer;
		try {
			answer = await decodeQuotes(response.body, response.contentType);
		} catch (error) {
			throw new NodeOperationError(
				this.getNode(),
				`The quotes of consignment ${reference} could not be read: ${(error as Error).message}`,
				{
					itemIndex,
					description: `GET ${path} answered HTTP ${response.statusCode}, Content-Type ${response.contentType ?? 'none'}.`,
				},
			);
		}
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
