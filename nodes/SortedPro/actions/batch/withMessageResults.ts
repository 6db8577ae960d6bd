import type { IDataObject } from 'n8n-workflow';

import { apiPath, type ApiCall } from '../../transport';
import {
	decodeAnswer,
	encodeBody,
	type BodyFormat,
	type ListField,
	type Schema,
} from '../../transport/codec';
import { API_LINKS, lastPathSegment } from '../answers';
import type { RunContext } from '../run';
import type { BatchAnswer, BatchSpec } from './types';
import { pairEntries } from './pairEntries';

/**
 * The answer of SortedPRO's list calls (deallocatelist, cancellist, manifest, setreadytoship):
 * one `WithMessage<string>` per consignment, `{IsSuccess, Message, Data: reference, ApiLinks}`.
 */
const WITH_MESSAGE: Schema = {
	// Not sent by SortedPRO under this name: Data, or the last segment of the first link.
	ConsignmentReference: 'string',
	IsSuccess: 'boolean',
	Message: 'string',
	Data: 'string',
	ApiLinks: API_LINKS,
};
// XML: a list root (ArrayOf…) whose entries are named after their type (WithMessageOfString, guessed).
const WITH_MESSAGE_LIST: ListField = { list: WITH_MESSAGE, item: 'WithMessageOfString' };

/** A result with its consignment's reference: its Data, or the last segment of its first link. */
function withReference(result: IDataObject): IDataObject {
	const links = Array.isArray(result.ApiLinks) ? (result.ApiLinks as IDataObject[]) : [];
	const fromLink = typeof links[0]?.Href === 'string' ? lastPathSegment(links[0].Href) : undefined;
	const data = typeof result.Data === 'string' && result.Data !== '' ? result.Data : undefined;
	result.ConsignmentReference = data ?? fromLink ?? null;
	return result;
}

interface WithMessageCall {
	/** What the call does, for messages: "deallocated", "cancelled", "manifested" */
	done: string;
	/**
	 * SortedPRO's wording when the consignment is already in the state the call leads to: after
	 * an attempt SortedPRO may have acted on, such a refusal means done but unconfirmed.
	 */
	alreadyDone: RegExp;
}

/**
 * Sends one list call and pairs its `{IsSuccess, Message, Data}` results with the references
 * (see pairEntries): IsSuccess false is that consignment's failure with its Message; a result
 * for a reference not sent is reported; a reference with no result is left for the engine to
 * report as missing.
 */
async function sendWithMessageCall(
	run: RunContext,
	request: ApiCall,
	references: string[],
	call: WithMessageCall,
	itemIndex: number,
): Promise<BatchAnswer> {
	const read = async (body: string, contentType: string | undefined) => {
		const list = { list: WITH_MESSAGE_LIST, xmlRoots: {} };
		const { value } = await decodeAnswer(body, contentType, list);
		if (!Array.isArray(value)) throw new Error('expected a list of results');
		return (value as IDataObject[]).map(withReference);
	};
	const { value: results, response } = await run.api.read(request, read, itemIndex);
	const messageOf = (result: IDataObject) =>
		typeof result.Message === 'string' && result.Message !== ''
			? result.Message
			: 'no reason given';
	return pairEntries(references, results, {
		outcome(result) {
			const message = messageOf(result);
			if (result.IsSuccess === true) return { ok: true, json: result };
			if (response.uncertainAttempts > 0 && call.alreadyDone.test(message)) {
				result.Unconfirmed = true;
				result.Notice = `A request holding this consignment failed after SortedPRO may have acted on it, and a resend found it already ${call.done}: it was most likely ${call.done} by this run.`;
				return { ok: true, json: result };
			}
			return {
				ok: false,
				reason: message,
				description: `SortedPRO answered this consignment with IsSuccess false`,
			};
		},
		says: (result) =>
			`${result.IsSuccess === true ? '' : 'not '}${call.done}: ${messageOf(result)}`,
		unexpected: (named) => ({
			message: `SortedPRO returned a result for consignment ${named}, which was not in the request`,
			description: `The request held ${references.length} consignment(s). This result is reported, not taken as a result.`,
		}),
	});
}

// .NET's namespace of a bare string list (DataContractSerializer's ArrayOfString).
const ARRAYS_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

/**
 * The body of SortedPRO's list calls that take a bare list of references (deallocatelist,
 * cancellist): SortedPRO documents a JSON array. No source shows its XML; a bare string list is
 * sent as .NET's `ArrayOfString`.
 */
async function encodeReferenceList(format: BodyFormat, references: string[]): Promise<string> {
	return await encodeBody(format, references, 'ArrayOfString', ARRAYS_NS);
}

/**
 * The batch spec of a list call answered by WithMessage results: PUT /consignments/{call}
 * with the references encoded by `encode` (a bare list unless given).
 */
export function withMessageSpec(
	segment: string,
	call: WithMessageCall,
	encode: (
		format: BodyFormat,
		references: string[],
	) => Promise<string> | string = encodeReferenceList,
): BatchSpec {
	return {
		async send(batch, run, itemIndex) {
			const references = batch.consignments.map((consignment) => consignment.reference);
			const body = await encode(run.api.format, references);
			const request: ApiCall = {
				method: 'PUT',
				path: apiPath('consignments', segment),
				body,
				consignments: references.length,
			};
			return await sendWithMessageCall(run, request, references, call, itemIndex);
		},
		failureMessage: (consignment, reason) =>
			`Consignment ${consignment.reference} was not ${call.done}: ${reason}`,
		uncertainMessage: ({ reference }, reason) =>
			`Consignment ${reference} may have been ${call.done}: check ${reference} in SortedPRO before sending it again (${reason})`,
		missingReason: 'SortedPRO returned no result for it',
	};
}
