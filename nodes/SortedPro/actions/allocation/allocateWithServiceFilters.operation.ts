import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionalBoolean } from '../../helpers/fieldValues';
import { parameterReader } from '../../helpers/parameterReader';
import { apiPath } from '../../transport';
import { encodeBody, type BodyFormat } from '../../transport/codec';
import { GroupProblem } from '../batch/group';
import { batchReferencesDescription } from '../common.descriptions';
import { allocationSpec } from './allocationSpec';
import { allocationOptions } from './allocationLabels';
import type { BatchOperation } from '../types';

const DIRECTIONS = ['Outbound', 'Inbound'];

/** The filters SortedPRO documents as optional Booleans: No Filter leaves one out of the request. */
const BOOLEAN_FILTERS = [
	{ parameter: 'isPickup', api: 'IsPickup', field: 'Pick-Up Services', what: 'pick-up services' },
	{
		parameter: 'isDropOff',
		api: 'IsDropOff',
		field: 'Drop-Off Services',
		what: 'drop-off services',
	},
];

const booleanFilterField = (filter: (typeof BOOLEAN_FILTERS)[number]): INodeProperties => ({
	displayName: filter.field,
	name: filter.parameter,
	type: 'options',
	default: 'any',
	options: [
		{ name: 'No Filter', value: 'any', description: `SortedPRO's ${filter.api} is not sent` },
		{ name: 'No', value: 'false', description: `${filter.api} false: no ${filter.what}` },
		{ name: 'Yes', value: 'true', description: `${filter.api} true: only ${filter.what}` },
	],
	description: `Whether ${filter.what} are included (SortedPRO's ${filter.api} filter)`,
});

const description: INodeProperties[] = [
	{
		displayName: 'Service Direction',
		name: 'serviceDirection',
		type: 'options',
		default: 'Outbound',
		options: [
			{
				name: 'Outbound',
				value: 'Outbound',
				description: 'Carrier services that deliver to the recipient',
			},
			{
				name: 'Inbound',
				value: 'Inbound',
				description: 'Carrier services that bring goods back to you',
			},
		],
		description: 'Whether the consignments go to an inbound or an outbound carrier service',
	},
	...BOOLEAN_FILTERS.map(booleanFilterField),
	...batchReferencesDescription('per set of service filters', allocationOptions),
];

/**
 * Each item's filters as one group text, e.g. `Outbound, IsDropOff=true`: items with the same
 * filters share requests. Read per item, so the filters may come from the item's data.
 */
function readFilters(this: IExecuteFunctions, items: INodeExecutionData[]) {
	const direction = parameterReader(this, 'serviceDirection', items);
	const filters = BOOLEAN_FILTERS.map((filter) => ({
		...filter,
		read: parameterReader(this, filter.parameter, items),
	}));
	return (itemIndex: number): string | GroupProblem => {
		const given = direction(itemIndex);
		const canonical = DIRECTIONS.find(
			(name) => typeof given === 'string' && name.toLowerCase() === given.trim().toLowerCase(),
		);
		if (!canonical)
			return new GroupProblem(
				'Service Direction',
				`is ${JSON.stringify(given ?? '')}: choose Outbound or Inbound`,
			);
		const parts = [canonical];
		for (const filter of filters) {
			const chosen = filter.read(itemIndex);
			const value = optionalBoolean(chosen);
			if (value === 'invalid')
				return new GroupProblem(
					filter.field,
					`is ${JSON.stringify(chosen)}: choose No Filter, Yes or No`,
				);
			if (value !== undefined) parts.push(`${filter.api}=${value}`);
		}
		return parts.join(', ');
	};
}

/** PUT /allocation/allocateConsignmentsWithServiceFilters `{ConsignmentReferences, Filters}`. */
async function encodeAllocateWithServiceFilters(
	format: BodyFormat,
	group: string,
	references: string[],
): Promise<string> {
	const [ServiceDirection, ...set] = group.split(', ');
	const filters: Record<string, string | boolean> = { ServiceDirection };
	for (const part of set) {
		const [name, value] = part.split('=');
		filters[name] = value === 'true';
	}
	return await encodeBody(
		format,
		{ ConsignmentReferences: references, Filters: filters },
		'AllocateConsignmentsWithServiceFiltersRequest',
	);
}

/** The cheapest carrier service that meets the filters, within the organisation's allocation rules. */
export const allocateWithServiceFilters: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Allocate With Service Filters',
		value: 'allocateWithServiceFilters',
		description:
			'Allocate consignments to the cheapest carrier service that meets a direction and pick-up / drop-off filters',
		action: 'Allocate consignments with service filters',
	},
	description,
	batch: allocationSpec(
		{
			request: async (batch, references, format) => ({
				path: apiPath('allocation', 'allocateConsignmentsWithServiceFilters'),
				body: await encodeAllocateWithServiceFilters(format, batch.group, references),
			}),
			how: (filters) => `with service filters ${filters}`,
		},
		{
			group: {
				read: readFilters,
				field: 'Service Direction',
				hint: 'choose Outbound or Inbound',
			},
		},
	),
};
