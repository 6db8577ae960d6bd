import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { stateOptions } from '../actions/consignment/states';

/** SortedPRO's ConsignmentEventType enum, by the member names the Events API sends and accepts. */
export const EVENT_TYPES = [
	'ConsignmentCreated',
	'ConsignmentUpdated',
	'LabelsPrinted',
	'PackageAdded',
	'PackageRemoved',
	'PackageUpdated',
	'Rescheduled',
] as const;

const eventTypeOptions: INodePropertyOptions[] = EVENT_TYPES.map((type) => ({
	name: type.replace(/([a-z])([A-Z])/g, '$1 $2'),
	value: type,
}));

/** How far back Fetch Test Event looks for a sample. */
export const SAMPLE_DAYS = 7;

export const DEFAULT_OVERLAP_SECONDS = 120;

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Trigger On',
		name: 'triggerOn',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Consignment State Changed',
				value: 'consignmentState',
				description: 'A consignment reached one of the chosen states, e.g. Delivered',
			},
			{
				name: 'Consignment Event',
				value: 'consignmentEvent',
				description: 'An event of one of the chosen types, e.g. Labels Printed',
			},
		],
		default: 'consignmentState',
	},
	{
		displayName: 'States',
		name: 'states',
		type: 'multiOptions',
		options: [...stateOptions].sort((a, b) => a.name.localeCompare(b.name)),
		default: [],
		required: true,
		description: 'The states that start the workflow when a consignment reaches one of them',
		displayOptions: { show: { triggerOn: ['consignmentState'] } },
	},
	{
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		options: [...eventTypeOptions].sort((a, b) => a.name.localeCompare(b.name)),
		default: [],
		required: true,
		description: 'The consignment events that start the workflow',
		displayOptions: { show: { triggerOn: ['consignmentEvent'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Consignment',
				name: 'includeConsignment',
				type: 'boolean',
				default: false,
				description:
					"Whether to add the whole consignment (SortedPRO's GET /consignments/{reference}) to each item, under Consignment",
			},
			{
				displayName: 'Overlap (Seconds)',
				name: 'overlapSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 3600 },
				default: DEFAULT_OVERLAP_SECONDS,
				description:
					'How far back each poll asks again before the end of the last one, for clocks that differ and events written late; what was already emitted is not emitted again',
			},
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'dateTime',
				default: '',
				description:
					'On the first poll after the trigger is activated for these states or types, emit the events since this date too (backfill). Empty: only events after activation.',
			},
		],
	},
];
