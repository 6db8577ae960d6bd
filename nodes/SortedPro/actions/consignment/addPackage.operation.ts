import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Refuse } from '../../helpers/fieldValues';
import { asNodeError, inputError } from '../../helpers/inputErrors';
import { apiPath } from '../../transport';
import { decodeAnswer } from '../../transport/codec';
import { httpStatusOf, keepMessage, markMayHaveActed, mayHaveActed } from '../../transport/errors';
import { consignmentDescription } from '../common.descriptions';
import { checkPicked, type Picked } from '../referenceData/picked';
import type { PerConsignmentOperation } from '../types';
import { packageFields } from './create.description';
import { readPackage } from './createBody';
import { PACKAGE } from './schemas';

/**
 * The error for an add that may have happened: POST …/addpackage creates a package, so it is
 * never resent after such a failure; the message says what to check.
 */
function mayBeAddedError(
	this: IExecuteFunctions,
	itemIndex: number,
	reference: string,
	caught: NodeApiError,
): NodeApiError {
	const status = httpStatusOf(caught);
	const cause = status ? `HTTP ${status}: ${caught.message}` : caught.message;
	const message = `The package may have been added to consignment ${reference} although the request failed (${cause}); it was not resent: check the consignment's packages (Consignment → Get) before adding it again`;
	const error = new NodeApiError(
		this.getNode(),
		{ message, ...(status && { httpCode: status }) } as JsonObject,
		{
			message,
			description:
				'SortedPRO may have added the package before the failure. Adding a package is only resent after an answer proving nothing was done (429, 503, a connection never made).',
			httpCode: status,
			itemIndex,
		},
	);
	return keepMessage(markMayHaveActed(error), message);
}

/** The package SortedPRO answers with (its Package); null for an empty answer. Throws when the answer cannot be read. */
async function addedPackage(body: string, contentType: string | undefined) {
	if (body.trim() === '') return null;
	const { value } = await decodeAnswer(body, contentType, {
		object: PACKAGE,
		xmlRoots: { Package: PACKAGE },
	});
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		throw new Error('expected a Package object');
	return value as IDataObject;
}

/** POST /consignments/{ref}/addpackage with the package's fields as Create maps them. */
export const addPackage: PerConsignmentOperation = {
	kind: 'perConsignment',
	option: {
		name: 'Add Package',
		value: 'addPackage',
		description: 'Add a package to a consignment that is not allocated yet (never resent blindly)',
		action: 'Add a package to a consignment',
	},
	description: consignmentDescription(packageFields),
	async execute(itemIndex, run, reference) {
		const refuse: Refuse = (field, problem) => inputError.call(this, itemIndex, field, problem);
		const raw = Object.fromEntries(
			packageFields.map(({ name, default: fallback }) => [
				name,
				this.getNodeParameter(name, itemIndex, fallback) as unknown,
			]),
		) as IDataObject;
		const picked: Picked[] = [];
		const body = readPackage(raw, (field) => field, { refuse, picked });
		await checkPicked.call(this, run, itemIndex, picked);
		let answer;
		try {
			// SortedPRO documents package bodies in JSON only, so JSON whatever Body Format says.
			answer = await run.api.read(
				{
					method: 'POST',
					path: apiPath('consignments', reference, 'addpackage'),
					format: 'json',
					body: JSON.stringify(body),
					resendSafe: false,
				},
				addedPackage,
				itemIndex,
				(error) =>
					`The package was probably added to consignment ${reference}, but SortedPRO's answer could not be read (${error.message}): check the consignment's packages (Consignment → Get) before adding it again`,
			);
		} catch (caught) {
			const error = asNodeError.call(this, caught, itemIndex);
			if (error instanceof NodeApiError && mayHaveActed(error))
				throw mayBeAddedError.call(this, itemIndex, reference, error);
			throw error;
		}
		const { value: added, response } = answer;
		return [
			{
				json: {
					ConsignmentReference: reference,
					PackageReference: typeof added?.Reference === 'string' ? added.Reference : null,
					Package: added ?? body,
					...(added === null && {
						Notice: `SortedPRO added the package (HTTP ${response.statusCode}) with an empty answer: its reference is under Packages by Consignment → Get`,
					}),
				},
			},
		];
	},
};
