import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { decodeXmlObject, normaliseJson, parseJson, type Schema } from './codec';

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
 * A NodeApiError carrying SortedPRO's own message and code. It is built from the parsed body
 * only, never from the HTTP client's error (whose request config holds the API key).
 */
export async function apiErrorFromResponse(
	node: INode,
	statusCode: number,
	body: string,
	itemIndex?: number,
	uncertainAttempts = 0,
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
	if (statusCode >= 500 || uncertainAttempts > 0) {
		parts.push(
			'SortedPRO may have acted on the request before failing: check the consignments in SortedPRO before sending them again',
		);
	}
	const error = new NodeApiError(
		node,
		{
			message,
			httpCode: String(statusCode),
			...(apiError && { sortedProError: apiError as JsonObject }),
		},
		{ message, description: parts.join(' · '), httpCode: String(statusCode), itemIndex },
	);
	error.context.uncertainAttempts = uncertainAttempts;
	return error;
}

/** Whether an error answer came after attempts SortedPRO may have acted on (see sortedProRequest). */
export function afterUncertainAttempt(error: NodeApiError): boolean {
	return Number(error.context.uncertainAttempts) > 0;
}

/** A request that got no HTTP answer (refused, reset, timed out). */
export function networkError(
	node: INode,
	error: unknown,
	baseUrl: string,
	itemIndex?: number,
	mayHaveActed = true,
): NodeApiError {
	const code = (error as { code?: unknown })?.code;
	const reason = typeof code === 'string' ? code : ((error as Error)?.message ?? 'unknown error');
	const message = `Could not reach SortedPRO at ${baseUrl}: ${reason}`;
	const apiError = new NodeApiError(
		node,
		{ message, code: typeof code === 'string' ? code : null } as JsonObject,
		{
			message,
			description: mayHaveActed
				? 'No answer was received, so it is unknown whether SortedPRO processed the request.'
				: 'The connection was refused, so SortedPRO did not receive the request.',
			itemIndex,
		},
	);
	apiError.context.notReceived = !mayHaveActed;
	return apiError;
}

/** Whether a request that got no HTTP answer never reached SortedPRO (a refused connection). */
export function neverReceived(error: NodeApiError): boolean {
	return error.context.notReceived === true;
}

/** The HTTP status a request failed with; undefined when no answer came (httpCode then holds the socket error's code). */
export function httpStatusOf(error: NodeApiError): string | undefined {
	const code = String(error.httpCode);
	return /^\d{3}$/.test(code) ? code : undefined;
}
