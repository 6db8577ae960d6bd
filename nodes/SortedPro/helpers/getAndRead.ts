import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RunContext } from '../actions/types';
import { sortedProRequest, type SortedProRequest } from '../transport';
import { decodeAnswer, type BodyFormat, type Schema } from '../transport/codec';
import { keepMessage, markMayHaveActed } from '../transport/errors';

type ReadAnswer<T> = (body: string, contentType: string | undefined) => Promise<T>;

/**
 * One GET of `path` for an item (`context`: the node's execute functions), its answer read by `read`. An answer that cannot be read is a
 * NodeOperationError: `unreadable` words its message from the reading error; its description
 * names the call, the HTTP status and the Content-Type; for a call that is not resend-safe it is
 * marked as one SortedPRO may have acted on. SortedPRO's refusals come from the transport as
 * NodeApiError.
 */
export async function getAndRead<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	path: string,
	read: ReadAnswer<T>,
	unreadable?: (error: Error) => string,
): Promise<T> {
	return await requestAndRead(context, itemIndex, run, { method: 'GET', path }, read, unreadable);
}

/** As getAndRead, for any request: `request.body` already encoded in `request.format` (default: the run's). */
export async function requestAndRead<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	request: Pick<SortedProRequest, 'method' | 'path' | 'body' | 'resendSafe'> & {
		format?: BodyFormat;
	},
	read: ReadAnswer<T>,
	unreadable = (error: Error) => `SortedPRO's answer could not be read: ${error.message}`,
): Promise<T> {
	const response = await sortedProRequest.call(
		context,
		{
			...request,
			connection: run.connection,
			format: request.format ?? run.options.format,
			itemIndex,
			limit: run.limit,
		},
		run.options.policy,
	);
	try {
		return await read(response.body, response.contentType);
	} catch (error) {
		const message = unreadable(error as Error);
		const failure = new NodeOperationError(context.getNode(), message, {
			itemIndex,
			description: `${request.method} ${request.path} answered HTTP ${response.statusCode}, Content-Type ${response.contentType ?? 'none'}.`,
		});
		// An answer to a call that is not resent blindly: SortedPRO did act on it.
		if (request.resendSafe === false) markMayHaveActed(failure);
		throw keepMessage(failure, message);
	}
}

/** Reads an answer that is one object of `schema` (in XML, the root `xmlRoot`). */
export const readObject =
	(schema: Schema, xmlRoot: string): ReadAnswer<IDataObject> =>
	async (body, contentType) => {
		const { value } = await decodeAnswer(body, contentType, {
			object: schema,
			xmlRoots: { [xmlRoot]: schema },
		});
		if (value === null || typeof value !== 'object' || Array.isArray(value))
			throw new Error('expected an object');
		return value as IDataObject;
	};
