import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { dateText, locatorValue, optionalBoolean, type Refuse } from '../../helpers/fieldValues';
import { asNodeError, inputError } from '../../helpers/inputErrors';
import { parseReferences } from '../../helpers/references';
import { unicodeProblemInJson } from '../../helpers/unicode';
import { apiPath, type ApiCall } from '../../transport';
import type { Schema } from '../../transport/codec';
import { httpStatusOf, keepMessage, mayHaveActed } from '../../transport/errors';
import { choiceField, optionsCollection } from '../common.descriptions';
import { readObject, STRING_LIST } from '../answers';
import { checkPicked, pickerField, type Picked } from '../referenceData/picked';
import { carriers as carrierList, shippingLocations } from '../referenceData/referenceLists';
import type { ReferenceList } from '../referenceData/referenceLists';
import type { RunContext } from '../run';
import type { PerItemOperation } from '../types';

// A picker of one entry; By Reference takes several, separated by commas, as the field always did.
const listField = (
	displayName: string,
	name: string,
	example: string,
	searchListMethod: string,
): INodeProperties =>
	pickerField(
		{
			displayName,
			name,
			description: `Only consignments of these ${displayName.toLowerCase()} (one From List, or references separated by commas); empty: any`,
		},
		searchListMethod,
		`e.g. ${example}`,
	);

const description: INodeProperties[] = [
	{
		displayName:
			'SortedPRO queues every consignment the query finds for manifest, which sends its data to the carrier. Run it once the day’s labels are printed.',
		name: 'manifestFromQueryNotice',
		type: 'notice',
		default: '',
	},
	listField(
		'Shipping Locations',
		'shippingLocationReferences',
		'Location1, Location2',
		'searchShippingLocations',
	),
	listField('Carriers', 'carriers', 'CARRIER_X', 'searchCarriers'),
	{
		displayName: 'States',
		name: 'states',
		type: 'multiOptions',
		default: ['Allocated'],
		options: [
			{ name: 'Allocated', value: 'Allocated' },
			{ name: 'Manifest Failed', value: 'ManifestFailed' },
		],
		description:
			'States the consignments must be in; SortedPRO manifests only Allocated and Manifest Failed ones',
	},
	choiceField('Labels Printed', 'labelsPrinted', 'any', [
		['Any (No Filter)', 'any'],
		['No', 'false'],
		['Yes', 'true'],
	]),
	{
		displayName: 'Shipping Date',
		name: 'shippingDate',
		type: 'dateTime',
		default: '',
		description: 'Only consignments scheduled to ship on this date; empty: any',
	},
	optionsCollection(),
];

const MANIFEST_QUERY_RESULT: Schema = { Message: 'string', FailedConsignments: STRING_LIST };
const COUNTS =
	/found (\d+) consignment\(s\)\.\s*(\d+) successfully queued to manifest\.\s*(\d+) failed/i;

/** The request body: only the criteria given, as SortedPRO's example sends them. */
function readQuery(
	this: IExecuteFunctions,
	itemIndex: number,
): { query: IDataObject; picked: Picked[] } {
	const picked: Picked[] = [];
	const refuse: Refuse = (field, problem) => inputError.call(this, itemIndex, field, problem);
	const param = (name: string, fallback: unknown = '') =>
		this.getNodeParameter(name, itemIndex, fallback) as unknown;
	const list = (name: string, field: string, from: ReferenceList) => {
		const { value, fromList } = locatorValue(param(name));
		if (value === '' || value === undefined || value === null) return [];
		const parsed = parseReferences(value);
		if ('problem' in parsed) throw refuse(field, parsed.problem);
		if (fromList)
			for (const one of parsed.references) picked.push({ field, value: one, list: from });
		return parsed.references;
	};
	const query: IDataObject = {};
	const locations = list('shippingLocationReferences', 'Shipping Locations', shippingLocations());
	if (locations.length > 0) query.ShippingLocationReferences = locations;
	const states = param('states', []) as unknown;
	if (!Array.isArray(states) || states.length === 0)
		throw refuse('States', 'is empty: choose Allocated, Manifest Failed or both');
	const statesProblem = unicodeProblemInJson(states);
	if (statesProblem !== undefined) throw refuse('States', statesProblem);
	query.States = states;
	const carriers = list('carriers', 'Carriers', carrierList);
	if (carriers.length > 0) query.Carriers = carriers;
	const chosen = param('labelsPrinted', 'any');
	const printed = optionalBoolean(chosen);
	if (printed === 'invalid')
		throw refuse('Labels Printed', `is ${JSON.stringify(chosen)}: choose Any, No or Yes`);
	if (printed !== undefined) query.LabelsPrinted = printed;
	const shippingDate = dateText(param('shippingDate'), 'Shipping Date', refuse);
	if (shippingDate !== '') query.ShippingDate = shippingDate;
	return { query, picked };
}

/**
 * SortedPRO's help pages name both POST and PUT for this call. POST is tried first; a 405
 * (or a 404 for the path under that method) proves nothing was done, so PUT follows.
 */
const VERBS = ['POST', 'PUT'] as const;

export const manifestFromQuery: PerItemOperation = {
	kind: 'perItem',
	option: {
		name: 'Manifest by Query',
		value: 'manifestFromQuery',
		description:
			'Manifest every consignment that matches a query (shipping location, carrier, state, labels printed, date)',
		action: 'Manifest consignments by query',
	},
	description,
	async execute(this: IExecuteFunctions, itemIndex: number, run: RunContext) {
		const { query, picked } = readQuery.call(this, itemIndex);
		await checkPicked.call(this, run, itemIndex, picked);
		const body = JSON.stringify(query);
		let answer: IDataObject | undefined;
		for (const [attempt, method] of VERBS.entries()) {
			try {
				// SortedPRO documents the request in JSON only. Queuing acts on consignments: not resent blindly.
				const call: ApiCall = {
					method,
					path: apiPath('consignments', 'manifestFromQuery'),
					body,
					format: 'json',
					resendSafe: false,
				};
				const read = readObject(MANIFEST_QUERY_RESULT, 'ManifestFromQueryResponse');
				answer = (await run.api.read(call, read, itemIndex)).value;
				break;
			} catch (caught) {
				const error = asNodeError.call(this, caught, itemIndex);
				const status = error instanceof NodeApiError ? httpStatusOf(error) : undefined;
				if (mayHaveActed(error)) {
					const reason = status ? `${error.message} (HTTP ${status})` : error.message;
					throw keepMessage(
						error,
						`The query may have queued consignments for manifest: check their state in SortedPRO before running it again (${reason})`,
					);
				}
				const otherVerbMayServe = status === '405' || status === '404';
				if (!otherVerbMayServe || attempt === VERBS.length - 1) throw error;
			}
		}
		const counts = COUNTS.exec(String(answer?.Message ?? ''));
		return [
			{
				json: {
					...answer,
					FailedConsignments: answer?.FailedConsignments ?? [],
					...(counts && {
						Found: Number(counts[1]),
						Queued: Number(counts[2]),
						NotQueued: Number(counts[3]),
					}),
				},
			},
		];
	},
};
