import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiPath, type SortedProClient } from '../../transport';
import { decodeAnswer, type ListField, type Schema } from '../../transport/codec';
import {
	CarrierServicesRefusedError,
	decodeCarrierServices,
	toCarrierService,
} from '../allocation/carrierServices';

/** An entry of a list as a picker shows it, and as SortedPRO gave it. */
export interface ReferenceEntry {
	reference: string;
	name: string;
	/** Shown last and marked; refused when picked (e.g. a service group with IsEnabled false) */
	disabled?: boolean;
	/** The subscription's default (a package size with IsDefault): shown first and marked */
	isDefault?: boolean;
	json: IDataObject;
}

/** One of SortedPRO's reference lists: where it is and how its answer is read. */
export interface ReferenceList {
	/** Plural, for messages: "shipping locations" */
	what: string;
	path: string[];
	/** The entries of the answer, in every shape SortedPRO may give (see listReader) */
	decode(body: string, contentType: string | undefined): Promise<IDataObject[]>;
	/** The entries as pickers and the Get Many output see them; entries with no reference are dropped */
	entries(list: IDataObject[]): ReferenceEntry[];
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * A reader of a list answer. SortedPRO's SDK types these calls as a bare list (JSON array,
 * XML `ArrayOf<item>`); whether v1.1 wraps it in an object is not documented, so an object
 * holding the list under one of `fields` (with `Success: false` a refusal) is read too.
 */
function listReader(schema: Schema, item: string, fields: string[]): ReferenceList['decode'] {
	const list: ListField = { list: schema, item };
	const wrapper: Schema = { Success: 'boolean', ErrorMessage: 'string' };
	for (const field of fields) wrapper[field] = list;
	return async (body, contentType) => {
		const { value } = await decodeAnswer(body, contentType, {
			object: wrapper,
			list,
			xmlRoots: { [`${item}Response`]: wrapper, [`${fields[0]}Response`]: wrapper },
		});
		let entries: unknown = value;
		if (!Array.isArray(value)) {
			const response = value as IDataObject;
			if (response.Success === false)
				throw new CarrierServicesRefusedError(text(response.ErrorMessage) || 'no reason given');
			entries = fields.map((field) => response[field]).find(Array.isArray);
		}
		if (!Array.isArray(entries)) throw new Error(`expected a list (${fields.join(' or ')})`);
		return entries.filter(
			(entry): entry is IDataObject => entry !== null && typeof entry === 'object',
		);
	};
}

/** Entries by `Reference`, named by `nameField`; each further rule of the list applied by `more`. */
const byReference =
	(nameField: string, more: (json: IDataObject) => Partial<ReferenceEntry> = () => ({})) =>
	(list: IDataObject[]): ReferenceEntry[] =>
		list.flatMap((json) => {
			const reference = text(json.Reference);
			return reference === ''
				? []
				: [{ reference, name: text(json[nameField]), json, ...more(json) }];
		});

/** GET /shippinglocations (SDK: List<ShippingLocation>); with `assigned`, the user's own ones. */
export const shippingLocations = (assigned = false): ReferenceList => ({
	what: assigned ? 'assigned shipping locations' : 'shipping locations',
	path: assigned ? ['shippinglocations', 'assigned'] : ['shippinglocations'],
	decode: listReader({ Reference: 'string', Name: 'string' }, 'ShippingLocation', [
		'ShippingLocations',
	]),
	entries: byReference('Name'),
});

/** GET /packagesizes (SDK: List<PackageSize>, named by Description; IsDefault marks the default). */
export const packageSizes: ReferenceList = {
	what: 'package sizes',
	path: ['packagesizes'],
	decode: listReader(
		{ Reference: 'string', Description: 'string', IsDefault: 'boolean' },
		'PackageSize',
		['PackageSizes'],
	),
	entries: byReference('Description', (json) => ({
		isDefault: json.IsDefault === true || text(json.IsDefault).toLowerCase() === 'true',
	})),
};

/** GET /servicegroups (SDK: List<MpdCarrierServiceGroup>; IsEnabled false: disabled). */
export const serviceGroups: ReferenceList = {
	what: 'service groups',
	path: ['servicegroups'],
	decode: listReader(
		{ Reference: 'string', Name: 'string', IsEnabled: 'boolean' },
		'MpdCarrierServiceGroup',
		['MpdCarrierServiceGroups', 'ServiceGroups'],
	),
	entries: byReference('Name', (json) => ({
		disabled: json.IsEnabled === false || text(json.IsEnabled).toLowerCase() === 'false',
	})),
};

/** GET /carrierservices, read as the Carrier Service picker reads it (carrierServices.ts). */
export const carrierServices: ReferenceList = {
	what: 'carrier services',
	path: ['carrierservices'],
	decode: decodeCarrierServices,
	entries: (list) =>
		list.flatMap((json) => {
			const service = toCarrierService(json);
			return service ? [{ ...service, json }] : [];
		}),
};

/**
 * GET /carriers: SortedPRO's SDK answers it with the carrier services' wrapper (as
 * /carrierservices), the carriers being their distinct MpdCarrierReference and CarrierName; a
 * bare list of carriers `{Reference, Name}` (the SDK's /carriers/getcarriers) is read too.
 */
export const carriers: ReferenceList = {
	what: 'carriers',
	path: ['carriers'],
	decode: decodeCarrierServices,
	entries(list) {
		const found = new Map<string, ReferenceEntry>();
		for (const json of list) {
			const service = 'MpdCarrierReference' in json || 'CarrierName' in json;
			const reference = text(service ? json.MpdCarrierReference : json.Reference);
			const name = text(service ? json.CarrierName : json.Name);
			if (reference === '' || found.has(reference)) continue;
			found.set(reference, {
				reference,
				name,
				json: service ? { Reference: reference, Name: name } : json,
			});
		}
		return [...found.values()];
	},
};

/**
 * A list of the subscription. A 404 (SortedPRO: none) and `Success: false` are
 * NodeOperationErrors that say so; SortedPRO's other refusals stay NodeApiErrors.
 */
export async function getReferenceList(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	api: SortedProClient,
	list: ReferenceList,
	itemIndex?: number,
): Promise<ReferenceEntry[]> {
	const path = apiPath(...list.path);
	try {
		const response = await api.send({ method: 'GET', path }, itemIndex);
		return list.entries(await list.decode(response.body, response.contentType));
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404')
			throw new NodeOperationError(
				this.getNode(),
				`This SortedPRO subscription has no ${list.what}`,
				{
					itemIndex,
					description: `GET ${path} answered 404 (${error.message}). Set them up in SortedPRO, or give the reference By Reference.`,
				},
			);
		if (error instanceof CarrierServicesRefusedError)
			throw new NodeOperationError(
				this.getNode(),
				`SortedPRO could not list the ${list.what}: ${error.message}`,
				{ itemIndex, description: `GET ${path} answered Success: false.` },
			);
		const unreadable = `SortedPRO's list of ${list.what} could not be read`;
		throw error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(this.getNode(), `${unreadable}: ${(error as Error).message}`, {
					itemIndex,
				});
	}
}

/** `Name (Reference)`, the reference alone without a name; the default and disabled ones marked. */
export function entryLabel(entry: ReferenceEntry): string {
	const label = entry.name !== '' ? `${entry.name} (${entry.reference})` : entry.reference;
	if (entry.disabled) return `${label} [disabled]`;
	return entry.isDefault ? `${label} [default]` : label;
}
