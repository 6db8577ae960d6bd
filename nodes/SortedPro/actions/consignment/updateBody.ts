import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, asText, type Refuse } from '../../helpers/fieldValues';
import { inputError } from '../../helpers/inputErrors';
import { pickerText, type Picked } from '../referenceData/picked';
import { shippingLocations } from '../referenceData/referenceLists';
import { createDescription } from './create.description';
import { addOptionalFields, checkedContact, readDestination, type FieldReader } from './createBody';

/** Create's fields that Update offers too, read the same way (see createBody). */
const FROM_CREATE = new Set([
	'originShippingLocationReference',
	'recipientName',
	'recipientCompany',
	'recipientEmail',
	'recipientPhone',
	'addressLine1',
	'addressLine2',
	'addressLine3',
	'town',
	'region',
	'postcode',
	'countryCode',
	'shippingDate',
	'customerReference',
]);

/** A field of Create without its display condition and requirement. */
function optional(field: INodeProperties): INodeProperties {
	const copy = { ...field };
	delete copy.displayOptions;
	delete copy.required;
	return copy;
}
const additional = createDescription.find((parameter) => parameter.name === 'additionalFields');

const otherChangesField: INodeProperties = {
	displayName: 'Other Changes (JSON)',
	name: 'otherChanges',
	type: 'json',
	default: '{}',
	description:
		'Further changes as SortedPRO’s UpdateConsignmentRequest fields (e.g. CustomsDocumentation, MetaData), merged into the consignment field by field; a list replaces the list',
};

/** Update Fields: Create's fields, every one optional, and Other Changes (JSON). */
export const updateFieldsParameter: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description:
		'The fields to change, mapped as Create maps them; every other field keeps its value',
	options: [
		...createDescription.filter((parameter) => FROM_CREATE.has(parameter.name)).map(optional),
		...((additional?.options ?? []) as INodeProperties[]).filter(
			(option) => option.name !== 'extraBody',
		),
		otherChangesField,
	].sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

/** What an item changes: top-level fields, the Origin and Destination addresses, other JSON. */
export interface ConsignmentChanges {
	top: IDataObject;
	origin: IDataObject;
	destination: IDataObject;
	other: IDataObject;
	/** Values picked From List, to check against SortedPRO's lists before sending */
	picked: Picked[];
}

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);
const isEmpty = (object: IDataObject) => Object.keys(object).length === 0;

/** Reads and checks an item's changes before anything is sent; refusals name item and field. */
export function readChanges(this: IExecuteFunctions, itemIndex: number): ConsignmentChanges {
	const refuse: Refuse = (field, problem) => inputError.call(this, itemIndex, field, problem);
	const given = (this.getNodeParameter('updateFields', itemIndex, {}) ?? {}) as IDataObject;
	const text = (name: string, field: string) => asText(given[name], field, refuse);
	const fields: FieldReader = {
		refuse,
		param: (name, fallback = '') => given[name] ?? fallback,
		required: text,
		optional: text,
		more: text,
		extra: given,
		picked: [],
	};
	const top: IDataObject = {};
	addOptionalFields(top, fields);
	const name = text('recipientName', 'Recipient Name');
	const { country, email } = checkedContact(text('countryCode', 'Country Code'), fields);
	const line1 = text('addressLine1', 'Address Line 1');
	const destination = readDestination(fields, { name, line1, country, email });
	const contact = destination.Contact as IDataObject;
	// A one-word name is a last name only: the old first name must not stay beside it.
	if (name !== '' && contact.FirstName === undefined) contact.FirstName = null;
	if (isEmpty(contact)) delete destination.Contact;
	if (country === '') delete destination.Country;
	delete destination.AddressType;
	delete destination.IsCached;
	const location = pickerText(
		given.originShippingLocationReference,
		'Origin Shipping Location Reference',
		shippingLocations(),
		refuse,
		fields.picked,
	);
	const origin: IDataObject = location === '' ? {} : { ShippingLocationReference: location };
	const other =
		given.otherChanges === undefined
			? {}
			: asObject(given.otherChanges, 'Other Changes (JSON)', refuse);
	const changes = { top, origin, destination, other };
	if (Object.values(changes).every(isEmpty))
		throw refuse('Update Fields', 'has nothing to change: add at least one field');
	return { ...changes, picked: fields.picked };
}

/** `source` into `target`, object by object; lists and values replace (a `__proto__` key is skipped). */
function deepMerge(target: IDataObject, source: IDataObject): IDataObject {
	for (const [key, value] of Object.entries(source)) {
		if (key === '__proto__') continue;
		const current = target[key];
		if (isObject(value) && isObject(current)) deepMerge(current, value);
		else target[key] = value;
	}
	return target;
}

/** The fields of SortedPRO's UpdateConsignmentRequest: each one not sent is removed ("will remove any existing value if not provided"). */
const REQUEST_FIELDS = [
	'Reference',
	'ShippingDate',
	'RequestedDeliveryDate',
	'ConsignmentReferenceProvidedByCustomer',
	'CustomsDocumentation',
	'Addresses',
	'MetaData',
	'Packages',
	'Tags',
];

/** The whole UpdateConsignmentRequest: the consignment as SortedPRO holds it, with the changes applied. */
export function updateRequest(
	consignment: IDataObject,
	reference: string,
	{ top, origin, destination, other }: ConsignmentChanges,
): IDataObject {
	const body: IDataObject = {};
	for (const field of REQUEST_FIELDS)
		if (consignment[field] !== undefined && consignment[field] !== null)
			body[field] = consignment[field];
	body.Reference = reference;
	Object.assign(body, top);
	const addresses = (Array.isArray(body.Addresses) ? body.Addresses : []) as IDataObject[];
	for (const [type, patch] of [
		['Origin', origin],
		['Destination', destination],
	] as const) {
		if (isEmpty(patch)) continue;
		const address = addresses.find((candidate) => candidate?.AddressType === type);
		if (address) deepMerge(address, patch);
		else addresses.push({ AddressType: type, ...patch });
	}
	body.Addresses = addresses;
	return deepMerge(body, other);
}
