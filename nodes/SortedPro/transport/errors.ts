import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { decodeXmlObject, normaliseJson, parseJson, type Schema } from './codec';
import { networkCode, NOT_CONNECTED_NETWORK } from './retry';

/** SortedPRO's ApiError body (its `Code` is SortedPRO's own, not the HTTP status). */
export interface ApiErrorBody {
	Code?: string | null;
	Message?: string | null;
	CorrelationId?: string | null;
	Details?: Array<{ Code?: string | null; Target?: string | null; Message?: string | null }> | null;
}

const API_ERROR: Schema = {
	Code: 'string',
	Message: 'string',
	CorrelationId: 'string',
	Details: {
		list: { Code: 'string', Target: 'string', Message: 'string' },
		item: 'ApiErrorDetail',
	},
};

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
			return (await decodeXmlObject(text, { ApiError: API_ERROR }))?.value as
				ApiErrorBody | undefined;
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

/** Text of an HTML page's <title>, to quote when a proxy answers instead of SortedPRO. */
function htmlTitle(body: string): string | undefined {
	const match = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(body);
	return match?.[1].trim();
}

/**
 * n8n's NodeError swaps a message that mentions a socket error code (ETIMEDOUT, ECONNRESET, …)
 * for its own advice, e.g. "consider setting the 'Retry on Fail' option", which would resend a
 * request SortedPRO may have acted on. The node's own message is put back.
 */
export function keepMessage<T extends NodeApiError | NodeOperationError>(
	error: T,
	message: string,
): T {
	error.message = message;
	return error;
}

/** Marks an error after which SortedPRO may have acted on the request (see mayHaveActed). */
export function markMayHaveActed<T extends NodeApiError | NodeOperationError>(error: T): T {
	error.context.mayHaveActed = true;
	return error;
}

/**
 * Whether SortedPRO may have acted on the request that failed: no complete answer, a 500, 502
 * or 504, an answer that could not be read, or any failure after such an attempt. A GET never
 * acts; a refusal (4xx), 429, 503 and a connection never made prove nothing was done.
 */
export function mayHaveActed(error: unknown): boolean {
	return (
		(error instanceof NodeApiError || error instanceof NodeOperationError) &&
		error.context.mayHaveActed === true
	);
}

const MAY_HAVE_ACTED =
	'SortedPRO may have acted on the request before failing: check the consignments in SortedPRO before sending them again';

/**
 * A NodeApiError carrying SortedPRO's own message and code. It is built from the parsed body
 * only, never from the HTTP client's error (whose request config holds the API key).
 */
export async function apiErrorFromResponse(
	node: INode,
	statusCode: number,
	body: string,
	{ itemIndex, acted = false }: { itemIndex?: number; acted?: boolean } = {},
): Promise<NodeApiError> {
	const apiError = await decodeApiError(body);
	let message = apiError?.Message ?? undefined;
	if (!message) {
		const title = /^\s*</.test(body) ? htmlTitle(body) : undefined;
		if (body.trim() === '') message = `SortedPRO answered HTTP ${statusCode} with an empty body`;
		else if (title !== undefined)
			message = `SortedPRO answered HTTP ${statusCode} with an HTML page ("${title}"), probably from a proxy`;
		else
			message = `SortedPRO answered HTTP ${statusCode} with a body that is not a SortedPRO error`;
	}
	const parts = [`HTTP ${statusCode}`];
	if (apiError?.Code) parts.push(`Code: ${apiError.Code}`);
	if (apiError?.CorrelationId) parts.push(`CorrelationId: ${apiError.CorrelationId}`);
	for (const detail of apiError?.Details ?? []) {
		parts.push(
			`Detail: ${[detail.Code, detail.Target, detail.Message].filter(Boolean).join(' / ')}`,
		);
	}
	if (acted) parts.push(MAY_HAVE_ACTED);
	const error = new NodeApiError(
		node,
		{
			message,
			httpCode: String(statusCode),
			...(apiError && { sortedProError: apiError as JsonObject }),
		},
		{ message, description: parts.join(' · '), httpCode: String(statusCode), itemIndex },
	);
	if (acted) markMayHaveActed(error);
	return keepMessage(error, message);
}

/** A redirect: reported with its target (origin and path; a query may hold secrets), never followed. */
export function redirectError(
	node: INode,
	statusCode: number,
	location: string | undefined,
	{ url, baseUrl, itemIndex }: { url: string; baseUrl: string; itemIndex?: number },
): NodeApiError {
	let target = 'no Location';
	if (location) {
		try {
			const resolved = new URL(location, url);
			target = resolved.origin + resolved.pathname;
		} catch {
			target = 'a Location that is not a URL';
		}
	}
	const message = `SortedPRO's Base URL answered HTTP ${statusCode}, a redirect to ${target}, which was not followed: the API key goes only to the Base URL's origin (${new URL(baseUrl).origin})`;
	const error = new NodeApiError(
		node,
		{ message, httpCode: String(statusCode) },
		{
			message,
			description:
				"A gateway or proxy asked for the request to be sent elsewhere. If that address is where SortedPRO is to be called, make it the credential's Base URL.",
			httpCode: String(statusCode),
			itemIndex,
		},
	);
	return keepMessage(error, message);
}

type NetworkMessage = (at: string, timeoutMs: number) => string;
/** The node's words for a failed connection (n8n's own words advise resending it). */
const NETWORK_MESSAGES: Array<[RegExp, NetworkMessage]> = [
	[/^ECONNREFUSED$/, (at) => `Could not reach ${at}: the connection was refused`],
	[/^(ENOTFOUND|EAI_AGAIN)$/, (at) => `Could not reach ${at}: the host name could not be resolved`],
	[
		/^(ETIMEDOUT|ECONNABORTED|ERR_SOCKET_CONNECTION_TIMEOUT)$/,
		(at, timeoutMs) => `${at} gave no complete answer within ${timeoutMs} ms`,
	],
	[
		/^(ECONNRESET|EPIPE|ERR_STREAM_PREMATURE_CLOSE|ERR_BAD_RESPONSE)$/,
		(at) => `The connection to ${at} was closed before a complete answer arrived`,
	],
];

/** A request that got no complete HTTP answer (refused, reset, timed out), in the node's own words. */
export function networkError(
	node: INode,
	error: unknown,
	{
		baseUrl,
		itemIndex,
		timeoutMs,
		acted,
	}: { baseUrl: string; itemIndex?: number; timeoutMs: number; acted: boolean },
): NodeApiError {
	const code = networkCode(error);
	const notConnected = NOT_CONNECTED_NETWORK.test(code);
	const at = `SortedPRO at ${baseUrl}`;
	const known = NETWORK_MESSAGES.find(([pattern]) => pattern.test(code));
	const message =
		known?.[1](at, timeoutMs) ??
		`The request to ${at} failed: ${code || (error as Error)?.message || 'unknown error'}`;
	let description = 'No complete answer was received.';
	if (acted)
		description = notConnected
			? 'The last attempt made no connection, but an earlier one got no complete answer, so SortedPRO may have processed the request.'
			: 'No complete answer was received, so SortedPRO may have processed the request.';
	else if (notConnected)
		description = `${code === 'ECONNREFUSED' ? 'The connection was refused' : 'The host name could not be resolved'}, so SortedPRO did not receive the request.`;
	const apiError = new NodeApiError(node, { message, code: code || null } as JsonObject, {
		message,
		description: code ? `${description} (${code})` : description,
		itemIndex,
	});
	if (acted) markMayHaveActed(apiError);
	return keepMessage(apiError, message);
}

/** The HTTP status a request failed with; undefined when no answer came (httpCode then holds the socket error's code). */
export function httpStatusOf(error: NodeApiError): string | undefined {
	const code = String(error.httpCode);
	return /^\d{3}$/.test(code) ? code : undefined;
}
