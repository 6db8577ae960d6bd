import type { INodeProperties } from 'n8n-workflow';

/**
 * Parameter pieces shared by operations, described once. The numeric options' limits and
 * defaults are the `typeOptions` and `default` below; the run reads them from here (see
 * requestOptions.ts), so the editor and the run cannot disagree.
 */
export const consignmentReferencesField = (): INodeProperties => ({
	displayName: 'Consignment References',
	name: 'consignmentReferences',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. EC-000-05A-Z6S, EC-000-083-45D',
	description:
		'One consignment reference, several separated by commas, spaces or new lines, or an expression returning a list of references',
});

const consignmentReferenceField = (): INodeProperties => ({
	displayName: 'Consignment Reference',
	name: 'consignmentReference',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. EC-000-05A-Z6S',
	description: 'The SortedPRO consignment reference (EC-…)',
});

/** `grouping`: how Combine Items groups the references ('' when it does not). */
const requestModeField = (grouping = 'per carrier service'): INodeProperties => ({
	displayName: 'Request Mode',
	name: 'requestMode',
	type: 'options',
	default: 'combine',
	options: [
		{
			name: 'Combine Items',
			value: 'combine',
			description: `Send the references of all items together${grouping ? `, ${grouping},` : ''} in batches`,
		},
		{
			name: 'One Request per Item',
			value: 'perItem',
			description: 'Send each item’s references in a request of their own',
		},
	],
	description: 'How references are grouped into requests. The output is the same either way.',
});

/** An options parameter, its entries given as [name, value]. */
export const choiceField = (
	displayName: string,
	name: string,
	defaultValue: string,
	choices: Array<[string, string]>,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	default: defaultValue,
	options: choices.map(([choice, value]) => ({ name: choice, value })),
	...extra,
});

/** A consignment's Direction (SortedPRO's enum). */
export const directionField = choiceField('Direction', 'direction', 'Outbound', [
	['Inbound', 'Inbound'],
	['Outbound', 'Outbound'],
]);

export const batchSizeOption: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	default: 100,
	typeOptions: { minValue: 1, maxValue: 1000, numberPrecision: 0 },
	description: 'Most consignment references to send in one request',
};

const bodyFormatOption = choiceField(
	'Body Format',
	'bodyFormat',
	'json',
	[
		['JSON', 'json'],
		['XML', 'xml'],
	],
	{
		description:
			'Format of the request and answer bodies. The output items are the same either way.',
	},
);

/**
 * The parameters of an operation on one consignment per item: its Consignment Reference, the
 * operation's own `fields`, and Options with its own `options`.
 */
/** A package's reference, e.g. for its documents or to remove it; `whose` ends the description. */
export const packageReferenceField = (whose: string): INodeProperties => ({
	displayName: 'Package Reference',
	name: 'packageReference',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. EP-000-05B-MMA',
	description: `${whose} (SortedPRO's package reference, shown under Packages by Consignment → Get)`,
});

export const consignmentDescription = (
	fields: INodeProperties[] = [],
	options: INodeProperties[] = [],
): INodeProperties[] => [consignmentReferenceField(), ...fields, optionsCollection(options)];

/**
 * The parameters of an operation on a list of consignment references: the references, Request
 * Mode (`grouping` as in requestModeField) and Options with Batch Size and `own` options.
 */
export const timeoutPerConsignmentOption: INodeProperties = {
	displayName: 'Timeout per Further Consignment (Ms)',
	name: 'timeoutPerConsignment',
	type: 'number',
	default: 1000,
	typeOptions: { minValue: 0, maxValue: 60000, numberPrecision: 0 },
	description:
		'Added to Timeout for each consignment after the first in one request: SortedPRO books each consignment with its carrier, so a batch of 100 may take longer than a batch of 1. 0 keeps Timeout alone.',
};

export const batchReferencesDescription = (
	grouping?: string,
	own: INodeProperties[] = [],
): INodeProperties[] => [
	consignmentReferencesField(),
	requestModeField(grouping),
	optionsCollection([batchSizeOption, timeoutPerConsignmentOption, ...own]),
];

/** Options every operation has: how requests are sent, retried and timed out. */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Max Retry Wait (Ms)',
		name: 'maxRetryWait',
		type: 'number',
		default: 30000,
		typeOptions: { minValue: 0, maxValue: 600000, numberPrecision: 0 },
		description:
			'Longest wait before a resend, also when SortedPRO asks for a longer one with Retry-After',
	},
	{
		displayName: 'Parallel Requests',
		name: 'parallelRequests',
		type: 'number',
		default: 4,
		typeOptions: { minValue: 1, maxValue: 20, numberPrecision: 0 },
		description:
			'Most requests to SortedPRO in flight at once. Lowered for a while when SortedPRO answers 429 or 503, never raised above this.',
	},
	{
		displayName: 'Retries',
		name: 'retries',
		type: 'number',
		default: 3,
		typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
		description:
			'How often to resend a request that got 429, 500, 502, 503, 504 or a broken connection. A request that creates something is only resent after 429, 503 or a refused connection.',
	},
	{
		displayName: 'Retry Delay (Ms)',
		name: 'retryDelay',
		type: 'number',
		default: 1000,
		typeOptions: { minValue: 0, maxValue: 600000, numberPrecision: 0 },
		description:
			'Wait before the first resend; it doubles for each further one. A Retry-After from SortedPRO takes precedence.',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		default: 60000,
		typeOptions: { minValue: 1, maxValue: 600000, numberPrecision: 0 },
		description:
			'How long to wait for the whole answer to one request before treating the connection as broken. A request holding several consignments gets Timeout per Further Consignment on top for each one after the first.',
	},
];

/** The Options collection of an operation: its own options first, then the shared ones, sorted by name. */
export const optionsCollection = (own: INodeProperties[] = []): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [...own, bodyFormatOption, ...requestOptions].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	),
});

/** Limit, shown when Return All is off (its limits are what the run checks). */
export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	default: 50,
	typeOptions: { minValue: 1 },
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** Return All and Limit, as n8n's list operations offer them. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	limitField,
];
