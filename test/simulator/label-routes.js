'use strict';
/**
 * GET /labels/{ref}/{format} and GET /labels/{ref}/{format}/{resolution}: SortedPRO's
 * GetLabelsResponse `{ File: base64, ContentType }` (XML `GetLabelsResponse`, LabelGeneration
 * namespace). One file covers the whole consignment; GET /labels/package/{ref}/{packageRef}/
 * {format}[/{resolution}] gives one package's (404 "Item X not found" for a package the
 * consignment does not have). Labels exist once a consignment is
 * allocated; for an unallocated one "PRO returns an error" (here 400 `ConsignmentNotAllocated`).
 * Option labelContentType: 'send' (the format's type), 'omit' (ContentType null in JSON,
 * absent in XML), or any other text sent as the ContentType, as a hostile server may.
 */
const { ApiError, detail, validationFailed } = require('./errors');
const { answer, itemNotFound } = require('./http-answers');
const { renderLabel } = require('./label-files');
const { packagesOf } = require('./consignment-records');
const { toXmlDocument } = require('./xml');

/** States in which a consignment has no label (never allocated, or no longer). */
const NO_LABEL_STATES = new Set([
	'Unallocated',
	'Allocating',
	'AllocationFailed',
	'Cancelling',
	'Cancelled',
]);
const FORMATS = ['PDF', 'PNG', 'ZPL', 'ZPLII'];
const LABELS_NS = 'http://electioapp.com/schemas/v1.1/MPD.Electio.SDK.DataTypes.LabelGeneration';

/** @param {{ File: string, ContentType: string | null }} body */
const labelToXml = (body) =>
	toXmlDocument('GetLabelsResponse', null, body).replace(
		'<GetLabelsResponse ',
		`<GetLabelsResponse xmlns="${LABELS_NS}" `,
	);

/** @param {string} option @param {string} own the format's type */
function labelContentType(option, own) {
	if (option === 'send') return own;
	return option === 'omit' ? null : option;
}

/** @param {any} ctx @param {import('./http-answers').RequestInfo} req @param {boolean} xml */
async function getLabel(ctx, req, xml) {
	const { ref, format: given, resolution, packageRef } = req.params;
	const format = given.toUpperCase();
	if (!FORMATS.includes(format)) {
		throw validationFailed([
			detail(
				'InvalidValue',
				'labelFormat',
				`Label format '${given}' is not supported. Use one of ${FORMATS.join(', ')}`,
			),
		]);
	}
	let dpi;
	if (resolution !== undefined) {
		dpi = Number(resolution);
		if (!/^\d+$/.test(resolution) || dpi < 1)
			throw validationFailed([
				detail(
					'InvalidValue',
					'resolution',
					`Resolution '${resolution}' is not a number of dots per inch`,
				),
			]);
		// SortedPRO's SDK: "The 'Get Consignment Labels' endpoint does not support PNG labels".
		if (format === 'PNG')
			throw validationFailed([
				detail(
					'InvalidValue',
					'format',
					"The 'Get Consignment Labels' endpoint does not support PNG labels",
				),
			]);
	}
	const c = ctx.store.lookup(ref);
	if (!c) throw itemNotFound(ref);
	if (NO_LABEL_STATES.has(c.state)) {
		throw new ApiError(
			400,
			'ConsignmentNotAllocated',
			`Labels for consignment ${ref} are not available because it is in state ${c.state}`,
		);
	}
	if (
		packageRef !== undefined &&
		!packagesOf(c).some((/** @type {any} */ p) => p.Reference === packageRef)
	)
		throw itemNotFound(packageRef);
	const service = c.carrierServiceReference
		? ctx.store.service(c.carrierServiceReference)
		: undefined;
	const labelled = packageRef === undefined ? ref : `${ref} ${packageRef}`;
	const label = renderLabel(format, labelled, service ? service.CarrierName : 'Carrier', dpi);
	c.labelsPrinted = true;
	const body = {
		File: label.data.toString('base64'),
		ContentType: labelContentType(ctx.options.labelContentType, label.contentType),
	};
	return answer(200, body, xml, labelToXml);
}

const routes = [
	// First: /labels/package/{ref}/{packageRef} would also match /labels/{ref}/{format}/{resolution}.
	{
		method: 'GET',
		path: '/labels/package/{ref}/{packageRef}/{format}',
		handler: getLabel,
		actsOnConsignments: true,
	},
	{
		method: 'GET',
		path: '/labels/package/{ref}/{packageRef}/{format}/{resolution}',
		handler: getLabel,
		actsOnConsignments: true,
	},
	{ method: 'GET', path: '/labels/{ref}/{format}', handler: getLabel, actsOnConsignments: true },
	{
		method: 'GET',
		path: '/labels/{ref}/{format}/{resolution}',
		handler: getLabel,
		actsOnConsignments: true,
	},
];

module.exports = { routes, NO_LABEL_STATES };
