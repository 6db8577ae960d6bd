import type { IDataObject } from 'n8n-workflow';
// xml2js, bundled by the build into vendor/xml2js.js (gulpfile.js): the
// package has no runtime dependency, so n8n Cloud can install it.
import type * as Xml2js from './vendor/xml2js';

/**
 * SortedPRO's wire formats, generically: a schema says which fields an object has, which are
 * numbers, booleans or lists, and the XML element name of a list entry. JSON and XML answers
 * both come out as the same plain objects: schema fields in schema order, numbers as numbers,
 * lists as arrays (even of one), and null for a field the answer left out (XML omits nulls).
 * Each resource's schemas live beside that resource.
 */
export type BodyFormat = 'json' | 'xml';

export const MEDIA_TYPES: Record<BodyFormat, string> = {
	json: 'application/json',
	xml: 'application/xml',
};

const CONSIGNMENTS_NS = 'http://electioapp.com/schemas/v1.1/MPD.Electio.SDK.DataTypes.Consignments';

type Scalar = 'string' | 'number' | 'boolean';
export interface ListField {
	list: FieldType;
	/** XML element name of one list entry */
	item: string;
}
type FieldType = Scalar | ListField | Schema;
export interface Schema {
	[field: string]: FieldType;
}

function isList(type: FieldType): type is ListField {
	return typeof type === 'object' && typeof type.item === 'string' && 'list' in type;
}

// xml2js costs ~15 ms to load; most users never send XML, so it is loaded on first use.
let xml2jsModule: typeof Xml2js | undefined;
async function xml2js(): Promise<typeof Xml2js> {
	xml2jsModule ??= await import('./vendor/xml2js');
	return xml2jsModule;
}

let requestBuilder: Xml2js.Builder | undefined;

function isXmlContentType(contentType: string | undefined): boolean {
	return /[/+]xml\b/i.test(contentType ?? '');
}

/**
 * A request body. XML: root element `xmlRoot` in `namespace` (SortedPRO's Consignments
 * namespace unless given), a string list as `<Name><string>…</string></Name>`, as SortedPRO's
 * XML examples show; a bare list (`value` an array) as the root's `<string>` children.
 */
export async function encodeBody(
	format: BodyFormat,
	value: IDataObject | string[],
	xmlRoot: string,
	namespace = CONSIGNMENTS_NS,
): Promise<string> {
	if (format === 'json') return JSON.stringify(value);
	requestBuilder ??= new (await xml2js()).Builder({
		xmldec: { version: '1.0', encoding: 'utf-8' },
		renderOpts: { pretty: false },
	});
	const element: IDataObject = {
		$: {
			'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
			'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
			xmlns: namespace,
		},
	};
	if (Array.isArray(value)) element.string = value;
	else {
		for (const [field, fieldValue] of Object.entries(value)) {
			element[field] = Array.isArray(fieldValue) ? { string: fieldValue } : fieldValue;
		}
	}
	return requestBuilder.buildObject({ [xmlRoot]: element });
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
	if (depth > MAX_XML_DEPTH)
		throw new Error(`XML answer is nested deeper than ${MAX_XML_DEPTH} levels`);
	const element = typeof node === 'string' ? {} : node;
	const result: IDataObject = {};
	for (const field of Object.keys(schema))
		setField(result, field, valueFromXml(schema[field], element[field]?.[0]));
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
export function normaliseJson(type: FieldType, value: unknown, inPlace = false): unknown {
	if (value === undefined || value === null) return null;
	if (typeof type === 'string') return value;
	if (isList(type)) {
		if (!Array.isArray(value)) return value;
		for (let index = 0; index < value.length; index++)
			value[index] = normaliseJson(type.list, value[index], true);
		return value;
	}
	if (typeof value !== 'object' || Array.isArray(value)) return value;
	const source = value as IDataObject;
	if (inPlace) {
		for (const field of Object.keys(type))
			source[field] = normaliseJson(type[field], source[field], true) as IDataObject[string];
		return source;
	}
	const result: IDataObject = {};
	for (const field of Object.keys(type))
		setField(result, field, normaliseJson(type[field], source[field], true));
	for (const field of Object.keys(source))
		if (!Object.hasOwn(type, field)) setField(result, field, source[field]);
	return result;
}

/** JSON.parse, dropping `__proto__` keys at any depth (checked first: the reviver is slow). */
export function parseJson(text: string): unknown {
	return text.includes('"__proto__"')
		? JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value))
		: JSON.parse(text);
}

function checkSize(body: string): void {
	if (body.length > MAX_ANSWER_CHARS)
		throw new Error(`the answer is larger than ${MAX_ANSWER_CHARS} characters`);
}

/** An answer that is a list (JSON array; XML root holding `item` elements). */
export async function decodeList(
	body: string,
	contentType: string | undefined,
	schema: Schema,
	item: string,
): Promise<IDataObject[]> {
	checkSize(body);
	if (isXmlContentType(contentType)) {
		const { node } = await parseXml(body);
		return valueFromXml({ list: schema, item }, node) as IDataObject[];
	}
	const parsed = parseJson(body);
	if (!Array.isArray(parsed)) throw new Error('expected a JSON array');
	return parsed.map((entry) => normaliseJson(schema, entry) as IDataObject);
}

/**
 * An answer that is one object, or a list: `schemas` maps an XML root element name to its
 * schema (a list root names its entries' element); a JSON object takes the `object` schema,
 * a JSON array the `list` one. Undefined for a schema that is not given.
 */
export async function decodeAnswer(
	body: string,
	contentType: string | undefined,
	schemas: { object?: Schema; list?: ListField; xmlRoots: Record<string, Schema | ListField> },
): Promise<{ root: string | undefined; value: unknown }> {
	checkSize(body);
	if (isXmlContentType(contentType)) {
		const { root, node } = await parseXml(body);
		let type = schemas.xmlRoots[root];
		if (type === undefined && root.startsWith('ArrayOf') && schemas.list) {
			// A list root names its entries after their type: take the first child's name.
			const item =
				typeof node === 'string' ? schemas.list.item : (Object.keys(node)[0] ?? schemas.list.item);
			type = { list: schemas.list.list, item };
		}
		if (type === undefined) throw new Error(`unexpected XML root element <${root}>`);
		return { root, value: isList(type) ? valueFromXml(type, node) : objectFromXml(type, node) };
	}
	const parsed = parseJson(body);
	if (Array.isArray(parsed)) {
		if (!schemas.list) throw new Error('expected a JSON object, not an array');
		return { root: undefined, value: normaliseJson(schemas.list, parsed) };
	}
	if (parsed === null || typeof parsed !== 'object')
		throw new Error('expected a JSON object or array');
	return {
		root: undefined,
		value: schemas.object ? normaliseJson(schemas.object, parsed) : parsed,
	};
}

/** An XML error document's root and its fields, or undefined when the text is not XML. */
export async function decodeXmlObject(
	body: string,
	schemas: Record<string, Schema>,
): Promise<{ root: string; value: IDataObject } | undefined> {
	const { root, node } = await parseXml(body);
	const schema = schemas[root];
	return schema ? { root, value: objectFromXml(schema, node) } : undefined;
}
