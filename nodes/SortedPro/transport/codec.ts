import type { IDataObject } from 'n8n-workflow';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- xml2js is the design's one runtime dependency (README "Compatibility")
import type * as Xml2js from 'xml2js';

/**
 * The one place that knows SortedPRO's wire formats. JSON and XML answers both come out as
 * the same plain objects: known fields in the documented order, numbers as numbers, lists as
 * arrays (even of one), and null for a field the answer left out (XML omits nulls).
 */
export type BodyFormat = 'json' | 'xml';

export const MEDIA_TYPES: Record<BodyFormat, string> = {
	json: 'application/json',
	xml: 'application/xml',
};

const CONSIGNMENTS_NS = 'http://electioapp.com/schemas/v1.1/MPD.Electio.SDK.DataTypes.Consignments';

type Scalar = 'string' | 'number' | 'boolean';
interface ListField {
	list: FieldType;
	/** XML element name of one list entry */
	item: string;
}
type FieldType = Scalar | ListField | Schema;
interface Schema {
	[field: string]: FieldType;
}

function isList(type: FieldType): type is ListField {
	return typeof type === 'object' && typeof type.item === 'string' && 'list' in type;
}

const API_LINK: Schema = { Rel: 'string', Href: 'string' };
const CONSIGNMENT_LEG: Schema = {
	Leg: 'number',
	TrackingReferences: { list: 'string', item: 'string' },
	CarrierReference: 'string',
	CarrierServiceReference: 'string',
	CarrierName: 'string',
};
export const ALLOCATION_SUMMARY: Schema = {
	// Not sent by SortedPRO: filled from the detail link (see consignmentReferenceOf), first so
	// it leads the output item.
	ConsignmentReference: 'string',
	StatusCode: 'number',
	ApiLinks: { list: API_LINK, item: 'ApiLink' },
	Description: 'string',
	ConsignmentLegs: { list: CONSIGNMENT_LEG, item: 'ConsignmentLeg' },
	CarrierReference: 'string',
	CarrierName: 'string',
	CarrierServiceReference: 'string',
	CarrierServiceName: 'string',
};
const API_ERROR: Schema = {
	Code: 'string',
	Message: 'string',
	CorrelationId: 'string',
	Details: { list: { Code: 'string', Target: 'string', Message: 'string' }, item: 'ApiErrorDetail' },
};
const CARRIER_SERVICE: Schema = { Reference: 'string', Name: 'string', CarrierServiceName: 'string' };
// GET /carrierservices answers SortedPRO's SubscriptionMpdCarrierServiceResponse.
const CARRIER_SERVICE_RESPONSE: Schema = {
	Success: 'boolean',
	ErrorMessage: 'string',
	MpdCarrierServices: { list: CARRIER_SERVICE, item: 'MpdCarrierService' },
};

// xml2js costs ~15 ms to load; most users never send XML, so it is loaded on first use.
let xml2jsModule: typeof Xml2js | undefined;
async function xml2js(): Promise<typeof Xml2js> {
	// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- as above, loaded on first XML use
	xml2jsModule ??= await import('xml2js');
	return xml2jsModule;
}

let requestBuilder: Xml2js.Builder | undefined;

export function isXmlContentType(contentType: string | undefined): boolean {
	return /[/+]xml\b/i.test(contentType ?? '');
}

/** The request body of PUT /allocation/allocatewithcarrierservice, as the seed shows it. */
export async function encodeAllocateRequest(
	format: BodyFormat,
	carrierService: string,
	references: string[],
): Promise<string> {
	if (format === 'json') {
		return JSON.stringify({
			MpdCarrierServiceReference: carrierService,
			ConsignmentReferences: references,
		});
	}
	requestBuilder ??= new (await xml2js()).Builder({
		xmldec: { version: '1.0', encoding: 'utf-8' },
		renderOpts: { pretty: false },
	});
	return requestBuilder.buildObject({
		AllocateConsignmentsWithCarrierServiceRequest: {
			$: {
				'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
				'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
				xmlns: CONSIGNMENTS_NS,
			},
			ConsignmentReferences: { string: references },
			MpdCarrierServiceReference: carrierService,
		},
	});
}

type XmlNode = string | { [element: string]: XmlNode[] };

/** Parses XML into xml2js's uniform shape: every child element is an array, attributes dropped. */
async function parseXml(body: string): Promise<{ root: string; node: XmlNode }> {
	const { Parser, processors } = await xml2js();
	const parsed = (await new Parser({
		explicitArray: true,
		ignoreAttrs: true,
		tagNameProcessors: [processors.stripPrefix],
	}).parseStringPromise(body)) as Record<string, XmlNode> | null;
	const root = parsed ? Object.keys(parsed)[0] : undefined;
	if (!parsed || root === undefined) throw new Error('XML body has no root element');
	return { root, node: parsed[root] };
}

function scalarFromXml(type: Scalar, text: string): string | number | boolean {
	if (type === 'number') {
		const value = Number(text);
		return text.trim() !== '' && Number.isFinite(value) ? value : text;
	}
	if (type === 'boolean') return text === 'true';
	return text;
}

function valueFromXml(type: FieldType, node: XmlNode | undefined): unknown {
	if (node === undefined) return null;
	if (typeof type === 'string') return scalarFromXml(type, typeof node === 'string' ? node : '');
	if (isList(type)) {
		const entries = typeof node === 'string' ? [] : (node[type.item] ?? []);
		return entries.map((entry) => valueFromXml(type.list, entry));
	}
	return objectFromXml(type, node);
}

// Bounds on what an answer may make the node build: far above any real answer
// (1 000 summaries are under 2 MB), low enough that a hostile one cannot exhaust memory.
export const MAX_ANSWER_CHARS = 32 * 1024 * 1024;
const MAX_XML_DEPTH = 32;

/** Own-property assignment that never lets a `__proto__` key from an answer reach a prototype. */
function setField(target: IDataObject, field: string, value: unknown): void {
	if (field !== '__proto__') target[field] = value as IDataObject[string];
}

function objectFromXml(schema: Schema, node: XmlNode, depth = 0): IDataObject {
	if (depth > MAX_XML_DEPTH) throw new Error(`XML answer is nested deeper than ${MAX_XML_DEPTH} levels`);
	const element = typeof node === 'string' ? {} : node;
	const result: IDataObject = {};
	for (const field of Object.keys(schema)) setField(result, field, valueFromXml(schema[field], element[field]?.[0]));
	for (const field of Object.keys(element)) {
		if (Object.hasOwn(schema, field)) continue;
		const values = element[field];
		const generic = (value: XmlNode) => genericFromXml(value, depth + 1);
		setField(result, field, values.length === 1 ? generic(values[0]) : values.map(generic));
	}
	return result;
}

function genericFromXml(node: XmlNode, depth: number): unknown {
	return typeof node === 'string' ? node : objectFromXml({}, node, depth);
}

/**
 * Gives a parsed JSON value the shape of its XML twin: schema fields present (null when
 * absent), lists as arrays. The top-level object is rebuilt with the schema's fields first;
 * nested ones, already fresh from JSON.parse, are completed in place to save copies.
 */
function normaliseJson(type: FieldType, value: unknown, inPlace = false): unknown {
	if (value === undefined || value === null) return null;
	if (typeof type === 'string') return value;
	if (isList(type)) {
		if (!Array.isArray(value)) return value;
		for (let index = 0; index < value.length; index++) value[index] = normaliseJson(type.list, value[index], true);
		return value;
	}
	if (typeof value !== 'object' || Array.isArray(value)) return value;
	const source = value as IDataObject;
	if (inPlace) {
		for (const field of Object.keys(type)) source[field] = normaliseJson(type[field], source[field], true) as IDataObject[string];
		return source;
	}
	const result: IDataObject = {};
	for (const field of Object.keys(type)) setField(result, field, normaliseJson(type[field], source[field], true));
	for (const field of Object.keys(source)) if (!Object.hasOwn(type, field)) setField(result, field, source[field]);
	return result;
}

/** JSON.parse, dropping `__proto__` keys at any depth (checked first: the reviver is slow). */
function parseJson(text: string): unknown {
	return text.includes('"__proto__"')
		? JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value))
		: JSON.parse(text);
}

async function decodeList(body: string, contentType: string | undefined, schema: Schema, item: string): Promise<IDataObject[]> {
	if (body.length > MAX_ANSWER_CHARS) throw new Error(`the answer is larger than ${MAX_ANSWER_CHARS} characters`);
	if (isXmlContentType(contentType)) {
		const { node } = await parseXml(body);
		return valueFromXml({ list: schema, item }, node) as IDataObject[];
	}
	const parsed = parseJson(body);
	if (!Array.isArray(parsed)) throw new Error('expected a JSON array');
	return parsed.map((entry) => normaliseJson(schema, entry) as IDataObject);
}

/**
 * An Allocation Summary has no ConsignmentReference field: the consignment is only the last
 * path segment of its `detail` link (or of its `label` link, as a fallback).
 */
export function consignmentReferenceOf(summary: IDataObject): string | undefined {
	const links = Array.isArray(summary.ApiLinks) ? (summary.ApiLinks as IDataObject[]) : [];
	let href: unknown;
	for (const rel of ['detail', 'label']) {
		href = links.find((link) => String(link?.Rel ?? '').toLowerCase() === rel)?.Href;
		if (href !== undefined) break;
	}
	if (typeof href !== 'string') return undefined;
	let path = href;
	const query = path.search(/[?#]/);
	if (query !== -1) path = path.slice(0, query);
	while (path.endsWith('/')) path = path.slice(0, -1);
	const segment = path.slice(path.lastIndexOf('/') + 1);
	if (!segment.includes('%')) return segment || undefined;
	try {
		return decodeURIComponent(segment) || undefined;
	} catch {
		return segment;
	}
}

/** The Allocation Summaries of an answer, each with `ConsignmentReference` (from its link) first. */
export async function decodeAllocationSummaries(body: string, contentType: string | undefined): Promise<IDataObject[]> {
	const summaries = await decodeList(body, contentType, ALLOCATION_SUMMARY, 'AllocationSummary');
	for (const summary of summaries) summary.ConsignmentReference = consignmentReferenceOf(summary) ?? summary.ConsignmentReference ?? null;
	return summaries;
}

/** GET /carrierservices answered HTTP 2xx with `Success: false`. */
export class CarrierServicesRefusedError extends Error {}

/**
 * The carrier services of GET /carrierservices: from the documented wrapper
 * `{Success, ErrorMessage, MpdCarrierServices}` (JSON, or XML `SubscriptionMpdCarrierServiceResponse`),
 * or from a bare list (JSON array, XML `ArrayOf…`). `Success: false` throws
 * CarrierServicesRefusedError with SortedPRO's ErrorMessage.
 */
export async function decodeCarrierServices(body: string, contentType: string | undefined): Promise<IDataObject[]> {
	if (body.length > MAX_ANSWER_CHARS) throw new Error(`the answer is larger than ${MAX_ANSWER_CHARS} characters`);
	let answer: unknown;
	if (isXmlContentType(contentType)) {
		const { root, node } = await parseXml(body);
		const listItem = typeof node === 'string' ? 'MpdCarrierService' : (Object.keys(node)[0] ?? 'MpdCarrierService');
		answer =
			root === 'SubscriptionMpdCarrierServiceResponse'
				? objectFromXml(CARRIER_SERVICE_RESPONSE, node)
				: valueFromXml({ list: CARRIER_SERVICE, item: listItem }, node);
	} else {
		const parsed = parseJson(body);
		answer = Array.isArray(parsed)
			? parsed.map((entry) => normaliseJson(CARRIER_SERVICE, entry))
			: normaliseJson(CARRIER_SERVICE_RESPONSE, parsed);
	}
	if (answer === null || typeof answer !== 'object') throw new Error('expected a list of carrier services');
	let services: unknown = answer;
	if (!Array.isArray(answer)) {
		const response = answer as IDataObject;
		if (response.Success === false) {
			const reason = typeof response.ErrorMessage === 'string' && response.ErrorMessage.trim() !== '' ? response.ErrorMessage.trim() : 'no reason given';
			throw new CarrierServicesRefusedError(reason);
		}
		services = response.MpdCarrierServices;
	}
	if (!Array.isArray(services)) throw new Error('expected MpdCarrierServices to be a list');
	return services.filter((service): service is IDataObject => service !== null && typeof service === 'object');
}

export interface ApiErrorBody {
	Code?: string | null;
	Message?: string | null;
	CorrelationId?: string | null;
	Details?: Array<{ Code?: string | null; Target?: string | null; Message?: string | null }> | null;
}

/**
 * SortedPRO's error body, from whichever shape the answer has: `{Code, Message, …}`, the
 * gateway's `{statusCode, message}`, or XML `<ApiError>`. Undefined when the body is none of these.
 */
export async function decodeApiError(body: string): Promise<ApiErrorBody | undefined> {
	// An error body worth reading is small; a huge one is quoted by its status only.
	const text = body.length > 65_536 ? '' : body.trim();
	if (text === '') return undefined;
	try {
		if (text.startsWith('<')) {
			const { root, node } = await parseXml(text);
			return root === 'ApiError' ? (objectFromXml(API_ERROR, node) as ApiErrorBody) : undefined;
		}
		const parsed = parseJson(text) as IDataObject;
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
		if (typeof parsed.Message === 'string' || typeof parsed.Code === 'string') {
			return normaliseJson(API_ERROR, parsed) as ApiErrorBody;
		}
		if (typeof parsed.message === 'string') return { Message: parsed.message };
	} catch {
		// Not a SortedPRO error body (an HTML page from a proxy, say): the caller quotes the status.
	}
	return undefined;
}
