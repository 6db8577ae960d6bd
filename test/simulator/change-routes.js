'use strict';
/**
 * Changing a consignment and its customs documents: PUT /consignments/ (Update Consignment, a
 * whole replacement: "will remove any existing value if not provided"), POST
 * /consignments/{ref}/addpackage, DELETE /packages/{packageRef}, and GET /consignments/docs/…
 * (commercial invoice, CN22 / CN23 of a package, all). Changes only while Unallocated or
 * AllocationFailed ("Edit consignment details", "Add / Edit Package" in SortedPRO's Consignment
 * States); documents, like labels, once allocated. Listed before consignment-routes.js, whose
 * /consignments/{take}/{skip} would take /consignments/docs/{ref}.
 */
const { ApiError, detail, validationFailed } = require('./errors');
const { ALLOCATABLE_STATES } = require('./defaults');
const { answer, consignmentOf, itemNotFound, jsonAnswer, readBody } = require('./http-answers');
const records = require('./consignment-records');
const { pdfLabel } = require('./label-files');
const { NO_LABEL_STATES } = require('./lookup-routes');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */
/** @typedef {(ctx: any, req: RequestInfo, xml: boolean) => Promise<import('./faults').Answer>} Handler */

/** 400 unless the consignment may be changed (the states allocation starts from). @param {any} c */
function changeable(c) {
	if (ALLOCATABLE_STATES.has(c.state)) return;
	const msg = `Consignment ${c.reference} cannot be changed because it is in state ${c.state}`;
	throw new ApiError(400, 'ConsignmentNotEditable', msg);
}

/**
 * The consignment's packages, each keeping the reference it is shown with now (so removing one
 * renumbers no other), then `added` under new references. @param {any} c @param {any[]} added
 */
function fixPackages(c, added = []) {
	const shown = records.packagesOf(c).map((/** @type {any} */ p) => p.Reference);
	c.packages = (c.packages ?? []).map((/** @type {any} */ p, /** @type {number} */ i) => ({
		...p,
		Reference: shown[i],
	}));
	let next = Math.max(
		0,
		...shown.map((/** @type {string} */ r) => Number(/-(\d+)$/.exec(r)?.[1] ?? 0)),
	);
	for (const p of added)
		c.packages.push({
			...p,
			Reference: `EP-${c.reference.slice(-7)}-${String(++next).padStart(3, '0')}`,
		});
	return c.packages;
}

/** PUT /consignments/ with the whole UpdateConsignmentRequest → 200 `[{Rel, Href}]`. @type {Handler} */
async function updateConsignment(ctx, req, xml) {
	const body = /** @type {any} */ (await readBody(req, 'UpdateConsignmentRequest'));
	const ref = typeof body?.Reference === 'string' ? body.Reference : '';
	if (ref === '')
		throw validationFailed([detail('Required', 'Reference', 'The Reference field is required')]);
	const c = consignmentOf(ctx, ref);
	changeable(c);
	records.validateCreateBody(body);
	const { state, dateCreated, direction } = c;
	Object.assign(c, records.recordFromBody(body, new Date()), { state, dateCreated });
	c.direction = body.Direction ?? direction;
	// Packages sent with a reference keep it; one without is new.
	const packages = /** @type {any[]} */ (body.Packages);
	c.packages = packages.filter((p) => typeof p.Reference === 'string');
	fixPackages(
		c,
		packages.filter((p) => typeof p.Reference !== 'string'),
	);
	return answer(
		200,
		[records.link(ctx.options.linkBaseUrl, ref)],
		xml,
		'ArrayOfApiLink',
		'ApiLink',
	);
}

/** POST /consignments/{ref}/addpackage with an UpdatePackageRequest → 201 the Package. @type {Handler} */
async function addPackage(ctx, req, xml) {
	const c = consignmentOf(ctx, req.params.ref);
	changeable(c);
	const pkg = /** @type {any} */ (await readBody(req, 'UpdatePackageRequest'));
	/** @type {import('./errors').ApiErrorDetail[]} */
	const details = [];
	records.checkPackage(pkg, 'Package', (code, target, msg) =>
		details.push(detail(code, target, msg)),
	);
	if (details.length) throw validationFailed(details);
	const { Reference: _ignored, ...fields } = pkg;
	fixPackages(c, [fields]);
	return answer(201, records.packagesOf(c).at(-1), xml, 'Package');
}

/** DELETE /packages/{packageRef} → 200, no body; 404 for a package no consignment has. @type {Handler} */
async function deletePackage(ctx, req) {
	const { packageRef } = req.params;
	const has = (/** @type {any} */ c) =>
		records.packagesOf(c).some((/** @type {any} */ p) => p.Reference === packageRef);
	const c = [...ctx.store.consignments.values()].find(has);
	if (!c) throw itemNotFound(packageRef);
	changeable(c);
	c.packages = fixPackages(c).filter((/** @type {any} */ p) => p.Reference !== packageRef);
	return { status: 200, headers: {}, body: '' };
}

/** The consignment, once it has documents (allocated, as labels). @param {any} ctx @param {string} ref */
function documented(ctx, ref) {
	const c = consignmentOf(ctx, ref);
	if (!NO_LABEL_STATES.includes(c.state)) return c;
	const msg = `Customs documents for consignment ${ref} are not available because it is in state ${c.state}`;
	throw new ApiError(400, 'ConsignmentNotAllocated', msg);
}

/** CN22 for contents worth up to £270, CN23 above (SortedPRO's glossary). @param {any} c */
const declarationType = (c) =>
	(c.packages ?? []).reduce(
		(/** @type {number} */ sum, /** @type {any} */ p) => sum + (Number(p.Value?.Amount) || 0),
		0,
	) <= 270
		? 'CN22'
		: 'CN23';

/** A small real PDF naming the document, base64. @param {string} title @param {string} of */
const pdf = (title, of) => pdfLabel(of, title).toString('base64');

/**
 * One document: "a base-64 encoded byte array", a JSON string (JSON only: the node asks JSON).
 * Option documentAnswer: 'file' `{File, ContentType}` as labels come; 'raw' the PDF itself.
 * @param {any} ctx @param {string} title @param {string} of
 */
function oneDocument(ctx, title, of) {
	const file = pdfLabel(of, title);
	const mode = ctx.options.documentAnswer;
	if (mode === 'raw')
		return { status: 200, headers: { 'Content-Type': 'application/pdf' }, body: file };
	const data = file.toString('base64');
	return jsonAnswer(200, mode === 'file' ? { File: data, ContentType: 'application/pdf' } : data);
}

/** GET /consignments/docs/commercialinvoice/{ref}. @type {Handler} */
async function commercialInvoice(ctx, req) {
	const { ref } = req.params;
	documented(ctx, ref);
	return oneDocument(ctx, 'Commercial invoice', ref);
}

/** GET /consignments/docs/{CN22|CN23}/{ref}/{packageRef}: the package's declaration of the type it needs. @type {Handler} */
async function declaration(ctx, req) {
	const { type, ref, packageRef } = req.params;
	const wanted = type.toUpperCase();
	if (wanted !== 'CN22' && wanted !== 'CN23') {
		const msg = `Customs document type '${type}' is not supported. Use CN22 or CN23`;
		throw validationFailed([detail('InvalidValue', 'customsDocumentType', msg)]);
	}
	const c = documented(ctx, ref);
	if (!records.packagesOf(c).some((/** @type {any} */ p) => p.Reference === packageRef))
		throw itemNotFound(packageRef);
	const needed = declarationType(c);
	if (wanted !== needed) {
		const msg = `Package ${packageRef} of consignment ${ref} has no ${wanted} document: its contents need a ${needed}`;
		throw new ApiError(404, 'CustomsDocumentNotFound', msg);
	}
	return oneDocument(ctx, wanted, `${ref} ${packageRef}`);
}

/**
 * GET /consignments/docs/{ref}: `{CommercialInvoiceDocuments, CN22Documents | CN23Documents}`,
 * each a list of `{Key, Value}` ("the key as the filename", the value base64), as documented.
 * @type {Handler}
 */
async function allDocuments(ctx, req) {
	const { ref } = req.params;
	const c = documented(ctx, ref);
	const type = declarationType(c);
	return jsonAnswer(200, {
		CommercialInvoiceDocuments: [{ Key: `INV_${ref}`, Value: pdf('Commercial invoice', ref) }],
		[`${type}Documents`]: records.packagesOf(c).map((/** @type {any} */ p) => ({
			Key: `${type}_${p.Reference}`,
			Value: pdf(type, `${ref} ${p.Reference}`),
		})),
	});
}

/** @type {[string, string, Handler][]} */
const routes = [
	['PUT', '/consignments', updateConsignment],
	['POST', '/consignments/{ref}/addpackage', addPackage],
	['DELETE', '/packages/{packageRef}', deletePackage],
	['GET', '/consignments/docs/commercialinvoice/{ref}', commercialInvoice],
	['GET', '/consignments/docs/{type}/{ref}/{packageRef}', declaration],
	['GET', '/consignments/docs/{ref}', allDocuments],
];

module.exports = { routes };
