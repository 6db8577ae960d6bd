import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inputError } from '../../helpers/inputErrors';
import { apiPath, sortedProRequest } from '../../transport';
import { decodeAnswer } from '../../transport/codec';
import { directionField, optionsCollection } from '../common.descriptions';
import type { PerItemOperation, RunContext } from '../types';
import { SEARCH_RESULT } from './schemas';
import { stateOptions } from './states';

const pageSizeOption: INodeProperties = {
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	default: 100,
	typeOptions: { minValue: 1, maxValue: 1000, numberPrecision: 0 },
	description: 'Most consignment summaries to ask SortedPRO for in one request ({take})',
};

const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			directionField,
			{
				displayName: 'Other Filters',
				name: 'other',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Filter',
				description: 'Further consignment properties SortedPRO searches on, by their API names',
				options: [
					{
						displayName: 'Filter',
						name: 'filter',
						values: [
							{
								displayName: 'Property',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'e.g. ShippingLocationReference',
							},
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				default: 'Unallocated',
				options: stateOptions,
				description: 'Only consignments in this state (SortedPRO’s ConsignmentState names)',
			},
		],
	},
	optionsCollection([pageSizeOption]),
];

function readQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = {};
	for (const { name, value } of ((filters.other as IDataObject)?.filter ?? []) as Array<{
		name?: unknown;
		value?: unknown;
	}>) {
		const property = typeof name === 'string' ? name.trim() : '';
		if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(property)) {
			throw inputError.call(
				this,
				itemIndex,
				'Filters › Other Filters › Property',
				`"${String(name)}" is not a property name (letters, digits, _ and . only)`,
			);
		}
		query[property] = typeof value === 'string' ? value.trim() : String(value ?? '');
	}
	if (typeof filters.state === 'string' && filters.state !== '') query.State = filters.state;
	if (typeof filters.direction === 'string' && filters.direction !== '')
		query.Direction = filters.direction;
	return query;
}

export const search: PerItemOperation = {
	kind: 'perItem',
	option: {
		name: 'Search',
		value: 'search',
		description: 'Search consignments by state and other properties',
		action: 'Search consignments',
	},
	description,
	async execute(this: IExecuteFunctions, itemIndex: number, run: RunContext) {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		if (!returnAll && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
			throw inputError.call(
				this,
				itemIndex,
				'Limit',
				`must be a whole number of 1 or more, not ${JSON.stringify(limit)}`,
			);
		}
		const pageSize =
			((this.getNodeParameter('options', itemIndex, {}) as IDataObject).pageSize as
				number | undefined) ?? 100;
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
			throw inputError.call(
				this,
				itemIndex,
				'Page Size',
				`must be a whole number from 1 to 1000, not ${JSON.stringify(pageSize)}`,
			);
		}
		const query = readQuery.call(this, itemIndex);
		const output: INodeExecutionData[] = [];
		let previousFirst: unknown;
		for (let skip = 0; output.length < limit;) {
			const take = Math.min(pageSize, limit - output.length);
			const response = await sortedProRequest.call(
				this,
				{
					method: 'GET',
					connection: run.connection,
					path: apiPath('consignments', String(take), String(skip)),
					query,
					format: run.options.format,
					itemIndex,
					limit: run.limit,
				},
				run.options.policy,
			);
			let summaries: IDataObject[];
			try {
				const { value } = await decodeAnswer(response.body, response.contentType, {
					object: SEARCH_RESULT,
					xmlRoots: {
						ConsignmentSearchResult: SEARCH_RESULT,
						SearchConsignmentsResponse: SEARCH_RESULT,
					},
				});
				const list = (value as IDataObject).ConsignmentSummaries;
				summaries = Array.isArray(list) ? (list as IDataObject[]) : [];
			} catch (error) {
				throw new NodeOperationError(
					this.getNode(),
					`SortedPRO's answer could not be read: ${(error as Error).message}`,
					{
						itemIndex,
						description: `HTTP ${response.statusCode}, Content-Type ${response.contentType ?? 'none'}, page from ${skip}`,
					},
				);
			}
			// A page starting where the last one did means SortedPRO ignored {skip}: stop rather than loop.
			if (summaries.length === 0 || (skip > 0 && summaries[0]?.Reference === previousFirst)) break;
			previousFirst = summaries[0]?.Reference;
			for (const summary of summaries.slice(0, limit - output.length))
				output.push({ json: { ConsignmentReference: summary.Reference ?? null, ...summary } });
			if (summaries.length < take) break;
			skip += summaries.length;
		}
		return output;
	},
};
