'use strict';
/**
 * XML reading and writing, shaped like the .NET XmlSerializer output of the real API.
 *
 * Writing: root without default namespace (only xmlns:xsi / xmlns:xsd); every child of an
 * item element (AllocationSummary, CarrierService, ...) declares its DataTypes namespace;
 * Rel/Href inside ApiLinks/ApiLink declare the Common namespace; null values are omitted;
 * empty lists are empty elements; list items are named after their type (`string`, ...).
 */
const xml2js = require('xml2js');
const { malformedBody } = require('./errors');

const NS_BASE = 'http://electioapp.com/schemas/v1.1/MPD.Electio.SDK.DataTypes.';
const NS = {
	consignments: NS_BASE + 'Consignments',
	common: NS_BASE + 'Common',
	// Guesses: no public source shows the XML of these two answers.
	carrierServices: NS_BASE + 'CarrierServices',
	carriers: NS_BASE + 'Carriers',
};
const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';
const ROOT_DECLS =
	' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Element name of the items of each list property. */
const ITEM_NAMES = {
	ApiLinks: 'ApiLink',
	ConsignmentLegs: 'ConsignmentLeg',
	TrackingReferences: 'string',
	Details: 'ApiErrorDetail',
	MpdCarrierServices: 'MpdCarrierService',
	Journey: 'Leg',
	// Guesses: SortedPRO shows no XML of tracking or quotes.
	TrackedPackages: 'TrackedPackage',
	Legs: 'TrackingLeg',
	Events: 'TrackingEvent',
	Quotes: 'Quote',
	UnqualifiedServices: 'UnqualifiedService',
	Packages: 'Package',
	Addresses: 'Address',
	Tags: 'string',
	MetaData: 'MetaData',
	ConsignmentSummaries: 'ConsignmentSummary',
	// Reference lists wrapped in an object (option referenceListAnswer 'other').
	ShippingLocations: 'ShippingLocation',
	PackageSizes: 'PackageSize',
	MpdCarrierServiceGroups: 'MpdCarrierServiceGroup',
	MpdCarrierServiceProfiles: 'MpdCarrierServiceProfile',
};

/** Namespace declared on the children of an element, by the element's name. */
const CHILD_NS = {
	AllocationSummary: NS.consignments,
	ApiLink: NS.common,
	CarrierService: NS.carrierServices,
	Carrier: NS.carriers,
	MpdCarrierService: NS.common,
	WithMessageOfString: NS.consignments,
};

// Characters XML 1.0 cannot carry at all.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Escape text for use in element content or attribute values. @param {string} text */
function escapeXml(text) {
	const s = String(text);
	if (!NEEDS_ESCAPE.test(s)) return s;
	return s
		.replace(INVALID_XML_CHARS, '\uFFFD')
		.replace(/[&<>"']/g, (c) => ESCAPES[/** @type {keyof typeof ESCAPES} */ (c)]);
}

/**
 * Serialise one value as an element into `out` (parts joined once at the end: far cheaper
 * than concatenating thousands of small strings). null/undefined → nothing.
 * @param {string[]} out
 * @param {string} name element name
 * @param {unknown} value
 * @param {string} nsDecl ` xmlns="…"` to declare on this element, or ''
 */
function writeElement(out, name, value, nsDecl) {
	if (value === null || value === undefined) return;
	if (Array.isArray(value)) {
		if (value.length === 0) {
			out.push('<' + name + nsDecl + ' />');
			return;
		}
		const itemName = ITEM_NAMES[/** @type {keyof typeof ITEM_NAMES} */ (name)] || 'item';
		out.push('<' + name + nsDecl + '>');
		for (let i = 0; i < value.length; i++) writeElement(out, itemName, value[i], '');
		out.push('</' + name + '>');
		return;
	}
	if (typeof value === 'object') {
		const childNs = CHILD_NS[/** @type {keyof typeof CHILD_NS} */ (name)];
		const childDecl = childNs ? ' xmlns="' + childNs + '"' : '';
		const obj = /** @type {Record<string, unknown>} */ (value);
		const mark = out.length;
		out.push('<' + name + nsDecl + '>');
		for (const k in obj) writeElement(out, k, obj[k], childDecl);
		if (out.length === mark + 1) out[mark] = '<' + name + nsDecl + ' />';
		else out.push('</' + name + '>');
		return;
	}
	out.push('<' + name + nsDecl + '>', escapeXml(String(value)), '</' + name + '>');
}

/**
 * A whole document: root `rootName` (xsi/xsd declarations, no default namespace).
 * @param {string} rootName e.g. ArrayOfAllocationSummary
 * @param {string | null} itemName e.g. AllocationSummary; null when `value` is a single object
 * @param {unknown} value array of items, or one object
 */
function toXmlDocument(rootName, itemName, value) {
	/** @type {string[]} */
	const out = [XML_DECL, '<' + rootName + ROOT_DECLS + '>'];
	if (itemName) {
		for (const v of /** @type {unknown[]} */ (value)) writeElement(out, itemName, v, '');
	} else {
		const obj = /** @type {Record<string, unknown>} */ (value);
		for (const k in obj) writeElement(out, k, obj[k], '');
	}
	if (out.length === 2) return XML_DECL + '<' + rootName + ROOT_DECLS + ' />';
	out.push('</' + rootName + '>');
	return out.join('');
}

const PARSE_OPTIONS = {
	xmlns: true,
	explicitChildren: true,
	preserveChildrenOrder: true,
	explicitArray: true,
	async: false,
};

/** @param {any} node */
const isNil = (node) =>
	!!(
		node.$ &&
		Object.values(node.$).some((a) => a.uri === XSI && a.local === 'nil' && a.value === 'true')
	);
/** @param {any} node */
const textOf = (node) => (typeof node._ === 'string' ? node._ : '');

/**
 * Parse a request body the way XmlSerializer does: the root element name (`rootName`) and the
 * Consignments namespace must match; children in another namespace are ignored (their
 * property stays unset); order of children is not enforced; `xsi:nil` → null. Children named
 * in `lists` are string lists (`<X><string>…</string></X>`), those in `objects` objects of
 * their children's texts, the others text. A root `ArrayOfString` (a bare list) gives the list
 * itself.
 * @param {string} text @param {string} rootName @param {string[]} [lists] @param {string[]} [objects]
 * @returns {Promise<Record<string, string | null | (string | null)[] | Record<string, string | null>> | (string | null)[]>}
 */
function parseRequestXml(text, rootName, lists = ['ConsignmentReferences'], objects = []) {
	return new Promise((resolve, reject) => {
		const parser = new xml2js.Parser(PARSE_OPTIONS);
		parser.parseString(text, (/** @type {any} */ err, /** @type {any} */ doc) => {
			if (err) {
				const first = String(err.message || err).split('\n')[0];
				return reject(malformedBody(`There is an error in XML document: ${first}`));
			}
			const root = doc && Object.values(doc)[0];
			if (!root || typeof root !== 'object')
				return reject(malformedBody('There is an error in XML document: Root element is missing.'));
			const ns = root.$ns || { local: '', uri: '' };
			const bareList = rootName === 'ArrayOfString';
			const uri = bareList ? ARRAYS_NS : NS.consignments;
			if (ns.local !== rootName || (ns.uri !== uri && !(bareList && ns.uri === NS.consignments))) {
				return reject(
					malformedBody(
						`There is an error in XML document: <${ns.local} xmlns='${ns.uri}'> was not expected.`,
					),
				);
			}
			/** @param {any} node */
			const strings = (node) =>
				(node.$$ || [])
					.filter((/** @type {any} */ c) => c.$ns && c.$ns.local === 'string')
					.map((/** @type {any} */ c) => (isNil(c) ? null : textOf(c)));
			if (bareList) return resolve(strings(root));
			/** @param {any} node */
			const ownElements = (node) =>
				(node.$$ || []).filter((/** @type {any} */ c) => c.$ns && c.$ns.uri === NS.consignments);
			/** @type {Record<string, string | null | (string | null)[] | Record<string, string | null>>} */
			const out = {};
			for (const child of ownElements(root)) {
				const name = child.$ns.local;
				if (objects.includes(name) && !isNil(child))
					out[name] = Object.fromEntries(
						ownElements(child).map((/** @type {any} */ c) => [
							c.$ns.local,
							isNil(c) ? null : textOf(c),
						]),
					);
				else if (!lists.includes(name)) out[name] = isNil(child) ? null : textOf(child);
				else if (isNil(child)) out[name] = null;
				else out[name] = [.../** @type {any[]} */ (out[name] || []), ...strings(child)];
			}
			resolve(out);
		});
	});
}

/** Namespace of a bare string list, as .NET's DataContractSerializer writes it. */
const ARRAYS_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

module.exports = { NS, toXmlDocument, parseRequestXml };
