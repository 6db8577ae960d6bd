import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { httpStatusOf, keepMessage, markMayHaveActed, mayHaveActed } from '../../transport/errors';
import { decodeAnswer } from '../../transport/codec';
import { API_LINKS } from '../answers';
import { checkPicked } from '../referenceData/picked';
import type { RunContext } from '../run';
import type { PerItemOperation } from '../types';
import { createDescription } from './create.description';
import { readCreateRequest } from './createBody';
import { referenceFromLinks } from './schemas';

/** What to look for in SortedPRO before creating a consignment that may exist again. */
function lookFor(customerReference: string | undefined): string {
	return customerReference
		? `look for customer reference "${customerReference}" in SortedPRO before creating it again`
		: 'no customer reference was given: look for it in SortedPRO by recipient and date before creating it again';
}

/**
 * The error for a create that may have happened: POST /consignments is not idempotent, so it is
 * never resent after such a failure; the user is told what to look for in SortedPRO.
 */
function mayExistError(
	this: IExecuteFunctions,
	itemIndex: number,
	customerReference: string | undefined,
	cause: string,
	httpCode?: string,
): NodeApiError {
	const message = `The consignment may exist in SortedPRO although the request failed (${cause}); it was not resent: ${lookFor(customerReference)}`;
	const error = new NodeApiError(
		this.getNode(),
		{ message, ...(httpCode && { httpCode }) } as JsonObject,
		{
			message,
			description:
				'SortedPRO may have created the consignment before the failure. A create is only resent after an answer proving nothing was done (429, 503, a connection never made).',
			httpCode,
			itemIndex,
		},
	);
	return keepMessage(markMayHaveActed(error), message);
}

export const create: PerItemOperation = {
	kind: 'perItem',
	option: {
		name: 'Create',
		value: 'create',
		description: 'Create a consignment from an order',
		action: 'Create a consignment',
	},
	description: createDescription,
	async execute(this: IExecuteFunctions, itemIndex: number, run: RunContext) {
		const { body, customerReference, picked } = readCreateRequest.call(this, itemIndex);
		await checkPicked.call(this, run, itemIndex, picked);
		let response;
		try {
			// SortedPRO documents the request in JSON only, so Create sends JSON whatever Body Format says.
			response = await run.api.send(
				{
					method: 'POST',
					path: apiPath('consignments'),
					format: 'json',
					body: JSON.stringify(body),
					resendSafe: false,
				},
				itemIndex,
			);
		} catch (caught) {
			if (!(caught instanceof NodeApiError))
				throw new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
			const apiError: NodeApiError = caught;
			// Only a refusal, 429, 503 or a connection never made prove SortedPRO created nothing.
			if (!mayHaveActed(apiError)) throw apiError;
			const status = httpStatusOf(apiError);
			const cause = status ? `HTTP ${status}: ${apiError.message}` : apiError.message;
			throw mayExistError.call(this, itemIndex, customerReference, cause, status);
		}
		let links: IDataObject[] | undefined;
		try {
			const { value } = await decodeAnswer(response.body, response.contentType, {
				list: API_LINKS,
				xmlRoots: { ArrayOfApiLink: API_LINKS },
			});
			if (Array.isArray(value)) links = value as IDataObject[];
		} catch {
			links = undefined;
		}
		const reference = links && referenceFromLinks(links);
		if (!links || !reference) {
			const message = `The consignment was probably created, but SortedPRO's answer (HTTP ${response.statusCode}) held no link to it: ${lookFor(customerReference)}`;
			const error = new NodeOperationError(this.getNode(), message, {
				itemIndex,
				description: `Content-Type ${response.contentType ?? 'none'}. The request was not sent again.`,
			});
			throw keepMessage(markMayHaveActed(error), message);
		}
		return [
			{
				json: {
					ConsignmentReference: reference,
					ConsignmentReferenceProvidedByCustomer: customerReference ?? null,
					ApiLinks: links,
				},
			},
		];
	},
};
