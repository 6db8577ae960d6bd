import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { wholeNumber } from '../../helpers/fieldValues';
import { inputError } from '../../helpers/inputErrors';
import { unicodeProblem } from '../../helpers/unicode';
import {
	directionField,
	limitField,
	optionsCollection,
	returnAllFields,
} from '../common.descriptions';
import type { RunContext } from '../run';
import type { PerItemOperation } from '../types';
import { readPage } from './searchPage';
import { stateOptions } from './states';

const pageSizeOption: INodeProperties = {
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	default: 100,
	typeOptions: { minValue: 1, maxValue: 1000, numberPrecision: 0 },
	description: 'Most consignment summaries to ask SortedPRO for in one request ({take})',
};

const maxPagesOption: INodeProperties = {
	displayName: 'Max Pages',
	name: 'maxPages',
	type: 'number',
	default: 100,
	typeOptions: { minValue: 1, maxValue: 10000, numberPrecision: 0 },
	description:
		'Most pages to ask SortedPRO for in one search (10 000 consignments at the default Page Size). A search that needs more fails rather than return part of the result.',
};

const description: INodeProperties[] = [
	...returnAllFields,
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
	optionsCollection([maxPagesOption, pageSizeOption]),
];

/** Refuses a query value that is not valid Unicode (it cannot be percent-encoded). */
function checkText(this: IExecuteFunctions, itemIndex: number, field: string, value: unknown) {
	const problem = typeof value === 'string' ? unicodeProblem(value) : undefined;
	if (problem !== undefined) throw inputError.call(this, itemIndex, field, problem);
}

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
		checkText.call(this, itemIndex, 'Filters › Other Filters › Value', query[property]);
	}
	if (typeof filters.state === 'string' && filters.state !== '') query.State = filters.state;
	if (typeof filters.direction === 'string' && filters.direction !== '')
		query.Direction = filters.direction;
	checkText.call(this, itemIndex, 'Filters › State', query.State);
	checkText.call(this, itemIndex, 'Filters › Direction', query.Direction);
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
		const refuse = (field: string, problem: string) =>
			inputError.call(this, itemIndex, field, problem);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const option = (property: INodeProperties) =>
			wholeNumber(options[property.name] ?? property.default, property, refuse);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll
			? Infinity
			: wholeNumber(this.getNodeParameter('limit', itemIndex, 50), limitField, refuse);
		const pageSize = option(pageSizeOption);
		const maxPages = option(maxPagesOption);
		const query = readQuery.call(this, itemIndex);
		const output: INodeExecutionData[] = [];
		// Each consignment once, even when SortedPRO's pages repeat or shift between requests.
		const seen = new Set<unknown>();
		for (let page = 1, skip = 0; ; page++) {
			const take = Math.min(pageSize, limit - output.length);
			const summaries = await readPage(run, itemIndex, { take, skip, query });
			let fresh = 0;
			for (const summary of summaries) {
				const key =
					typeof summary.Reference === 'string' ? summary.Reference : JSON.stringify(summary);
				if (seen.has(key)) continue;
				seen.add(key);
				fresh++;
				if (output.length < limit)
					output.push({ json: { ConsignmentReference: summary.Reference ?? null, ...summary } });
			}
			// Done: a short page is the last; a page with nothing new means SortedPRO ignores
			// {skip} or repeats its pages, so asking further would only bring the same again.
			if (summaries.length < take || fresh === 0 || output.length >= limit) return output;
			if (page >= maxPages) {
				throw new NodeOperationError(
					this.getNode(),
					`Search stopped after Max Pages (${page} pages, ${output.length} consignments) although SortedPRO may have more: raise Options › Max Pages or Page Size, or narrow the Filters`,
					{
						itemIndex,
						description:
							'Every page came back full, so more consignments may match. Nothing is output for this search rather than part of its result.',
					},
				);
			}
			skip += summaries.length;
		}
	},
};
