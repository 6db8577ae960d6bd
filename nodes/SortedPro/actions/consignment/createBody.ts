import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { asNumber, asObject, asText, dateText, type Refuse } from '../../helpers/fieldValues';
import { inputError } from '../../helpers/inputErrors';
import { pickerText, type Picked } from '../referenceData/picked';
import { packageSizes, shippingLocations } from '../referenceData/referenceLists';

/** The body of POST /consignments for one item, and the customer's reference to name in errors. */
interface CreateRequest {
	body: IDataObject;
	customerReference?: string;
	/** Values picked From List, to check against SortedPRO's lists before sending */
	picked: Picked[];
}

/**
 * A package from its fields (as Packages › Package names them); `label` names a field in
 * errors, `picked` collects a Package Size picked From List.
 */
export function readPackage(
	raw: IDataObject,
	label: (name: string) => string,
	{ refuse, picked }: Pick<FieldReader, 'refuse' | 'picked'>,
): IDataObject {
	const description = asText(raw.description, label('Description'), refuse);
	if (description === '')
		throw refuse(label('Description'), 'is empty; SortedPRO needs a description of each package');
	const value = asNumber(raw.value, label('Value'), refuse);
	if (value === undefined)
		throw refuse(label('Value'), 'is empty; SortedPRO needs the value of each package');
	const currency = asText(raw.currency ?? 'GBP', label('Currency'), refuse).toUpperCase();
	if (!/^[A-Z]{3}$/.test(currency))
		throw refuse(label('Currency'), `"${currency}" is not a three-letter ISO 4217 code (e.g. GBP)`);
	const sizeField = label('Package Size Reference');
	const sizeReference = pickerText(
		raw.packageSizeReference,
		sizeField,
		packageSizes,
		refuse,
		picked,
	);
	const weight = asNumber(raw.weight, label('Weight'), refuse);
	const dimensions = (['length', 'width', 'height'] as const).map((name) =>
		asNumber(raw[name], label(name[0].toUpperCase() + name.slice(1)), refuse),
	);
	const built: IDataObject = {};
	if (sizeReference === '') {
		if (!weight)
			throw refuse(label('Weight'), 'is empty or 0; give the weight, or a Package Size Reference');
		dimensions.forEach((dimension, index) => {
			if (!dimension)
				throw refuse(
					label(['Length', 'Width', 'Height'][index]),
					'is empty or 0; give the dimensions, or a Package Size Reference',
				);
		});
	}
	const unit = (name: string, field: string, fallback: string) =>
		asText(raw[name], label(field), refuse) || fallback;
	if (weight) built.Weight = { Value: weight, Unit: unit('weightUnit', 'Weight Unit', 'Kg') };
	if (dimensions.every(Boolean)) {
		const [length, width, height] = dimensions;
		built.Dimensions = {
			Unit: unit('dimensionUnit', 'Dimension Unit', 'Cm'),
			Width: width,
			Length: length,
			Height: height,
		};
	}
	built.Description = description;
	built.Value = { Amount: value, Currency: { IsoCode: currency } };
	if (sizeReference !== '') built.PackageSizeReference = sizeReference;
	return built;
}

/** "Peter McPetersson" → first and last name; one word is the last name. */
function splitName(name: string): IDataObject {
	const words = name.split(/\s+/);
	const lastName = words.pop() as string;
	return words.length > 0
		? { FirstName: words.join(' '), LastName: lastName }
		: { LastName: lastName };
}

/** What an item's fields are read through: every refusal names the item and the field. */
export interface FieldReader {
	refuse: Refuse;
	param(name: string, fallback?: unknown): unknown;
	required(name: string, field: string): string;
	optional(name: string, field: string): string;
	/** A text field of Additional Fields */
	more(key: string, field: string): string;
	extra: IDataObject;
	picked: Picked[];
}

function fieldReader(this: IExecuteFunctions, itemIndex: number): FieldReader {
	const refuse: Refuse = (field, problem) => inputError.call(this, itemIndex, field, problem);
	const param = (name: string, fallback: unknown = '') =>
		this.getNodeParameter(name, itemIndex, fallback) as unknown;
	const optional = (name: string, field: string) => asText(param(name), field, refuse);
	const required = (name: string, field: string) => {
		const value = optional(name, field);
		if (value === '') throw refuse(field, 'is empty');
		return value;
	};
	const extra = (param('additionalFields', {}) ?? {}) as IDataObject;
	const more = (key: string, field: string) => asText(extra[key], field, refuse);
	return { refuse, param, required, optional, more, extra, picked: [] };
}

/** Define Consignment → Using JSON: the whole body, with Packages and Addresses. */
function readJsonRequest({ param, refuse }: FieldReader): CreateRequest {
	const body = asObject(param('jsonBody'), 'JSON Body', refuse);
	for (const list of ['Packages', 'Addresses']) {
		const value = body[list];
		if (!Array.isArray(value) || value.length === 0)
			throw refuse('JSON Body', `has no ${list}; SortedPRO needs at least one`);
	}
	const customer = body.ConsignmentReferenceProvidedByCustomer;
	return {
		body,
		customerReference:
			typeof customer === 'string' && customer.trim() !== '' ? customer.trim() : undefined,
		picked: [],
	};
}

const dropBlank = (object: IDataObject) => {
	for (const key of Object.keys(object)) if (object[key] === '') delete object[key];
	return object;
};

/** The Destination address, its Contact from the recipient fields. */
export function readDestination(
	{ optional, more, extra, refuse, picked }: FieldReader,
	checked: { name: string; line1: string; country: string; email: string },
): IDataObject {
	const contact: IDataObject = {
		Title: more('recipientTitle', 'Recipient Title'),
		...splitName(checked.name),
	};
	contact.Telephone = optional('recipientPhone', 'Recipient Phone');
	contact.Mobile = more('recipientMobile', 'Recipient Mobile');
	contact.Email = checked.email;
	const destination: IDataObject = {
		AddressType: 'Destination',
		Contact: contact,
		CompanyName: optional('recipientCompany', 'Recipient Company'),
		ShippingLocationReference: pickerText(
			extra.destinationShippingLocationReference,
			'Destination Shipping Location Reference',
			shippingLocations(),
			refuse,
			picked,
		),
		AddressLine1: checked.line1,
		AddressLine2: optional('addressLine2', 'Address Line 2'),
		AddressLine3: optional('addressLine3', 'Address Line 3'),
		Town: optional('town', 'Town'),
		Region: optional('region', 'Region'),
		Postcode: optional('postcode', 'Postcode'),
		Country: { IsoCode: { TwoLetterCode: checked.country } },
		SpecialInstructions: more('specialInstructions', 'Special Instructions'),
		IsCached: false,
	};
	dropBlank(contact);
	return dropBlank(destination);
}

/** The body's optional top-level fields: customer reference, date, direction, tags, extra JSON. */
export function addOptionalFields(
	body: IDataObject,
	{ param, optional, more, extra, refuse }: FieldReader,
) {
	const customerReference = optional('customerReference', 'Customer Reference');
	if (customerReference !== '') body.ConsignmentReferenceProvidedByCustomer = customerReference;
	const shippingDate = dateText(param('shippingDate'), 'Shipping Date', refuse);
	if (shippingDate !== '') body.ShippingDate = shippingDate;
	const direction = more('direction', 'Direction');
	if (direction !== '') body.Direction = direction;
	const tags = more('tags', 'Tags');
	if (tags !== '')
		body.Tags = tags
			.split(',')
			.map((tag) => tag.trim())
			.filter(Boolean);
	if (extra.extraBody !== undefined)
		Object.assign(
			body,
			asObject(extra.extraBody, 'Additional Fields › Extra Body Fields (JSON)', refuse),
		);
}

/** The country code (upper case; '' stays '') and the email address, checked. */
export function checkedContact(countryCode: string, { optional, refuse }: FieldReader) {
	const country = countryCode.toUpperCase();
	if (country !== '' && !/^[A-Z]{2}$/.test(country))
		throw refuse(
			'Country Code',
			`"${country}" is not an ISO 3166 two-letter country code (e.g. GB)`,
		);
	const email = optional('recipientEmail', 'Recipient Email');
	if (email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email))
		throw refuse('Recipient Email', `"${email}" is not an email address`);
	return { country, email };
}

/** Reads and checks one item's consignment; throws a NodeOperationError naming item and field. */
export function readCreateRequest(this: IExecuteFunctions, itemIndex: number): CreateRequest {
	const fields = fieldReader.call(this, itemIndex);
	const { param, required, refuse } = fields;
	if (param('createMode', 'fields') === 'json') return readJsonRequest(fields);

	const originField = 'Origin Shipping Location Reference';
	const origin = pickerText(
		param('originShippingLocationReference'),
		originField,
		shippingLocations(),
		refuse,
		fields.picked,
	);
	if (origin === '') throw refuse(originField, 'is empty');
	const name = required('recipientName', 'Recipient Name');
	const line1 = required('addressLine1', 'Address Line 1');
	const { country, email } = checkedContact(required('countryCode', 'Country Code'), fields);
	const rawPackages = param('packages.package', []);
	if (!Array.isArray(rawPackages) || rawPackages.length === 0)
		throw refuse('Packages', 'has no package; add at least one');
	const packages = rawPackages.map((raw, index) =>
		readPackage(
			raw as IDataObject,
			(field) => `Packages › Package ${index + 1} › ${field}`,
			fields,
		),
	);
	const body: IDataObject = {
		Packages: packages,
		Addresses: [
			{ AddressType: 'Origin', ShippingLocationReference: origin, IsCached: false },
			readDestination(fields, { name, line1, country, email }),
		],
	};
	addOptionalFields(body, fields);
	const customer = body.ConsignmentReferenceProvidedByCustomer;
	return {
		body,
		customerReference: typeof customer === 'string' && customer !== '' ? customer : undefined,
		picked: fields.picked,
	};
}
