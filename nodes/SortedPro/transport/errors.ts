import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { decodeApiError } from './codec';

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
		else if (title !== undefined) message = `SortedPRO answered HTTP ${statusCode} with an HTML page ("${title}"), probably from a proxy`;
		else message = `SortedPRO answered HTTP ${statusCode} with a body that is not a SortedPRO error`;
	}
	const parts = [`HTTP ${statusCode}`];
	if (apiError?.Code) parts.push(`Code: ${apiError.Code}`);
	if (apiError?.CorrelationId) parts.push(`CorrelationId: ${apiError.CorrelationId}`);
	for (const detail of apiError?.Details ?? []) {
		parts.push(`Detail: ${[detail.Code, detail.Target, detail.Message].filter(Boolean).join(' / ')}`);
	}
	if (statusCode >= 500 || uncertainAttempts > 0) {
		parts.push('SortedPRO may have acted on the request before failing: check the consignments in SortedPRO before sending them again');
	}
	return new NodeApiError(
		node,
		{ message, httpCode: String(statusCode), ...(apiError && { sortedProError: apiError as JsonObject }) },
		{ message, description: parts.join(' · '), httpCode: String(statusCode), itemIndex },
	);
}

/** A request that got no HTTP answer (refused, reset, timed out). */
export function networkError(node: INode, error: unknown, baseUrl: string, itemIndex?: number): NodeApiError {
	const code = (error as { code?: unknown })?.code;
	const reason = typeof code === 'string' ? code : ((error as Error)?.message ?? 'unknown error');
	const message = `Could not reach SortedPRO at ${baseUrl}: ${reason}`;
	return new NodeApiError(node, { message, code: typeof code === 'string' ? code : null } as JsonObject, {
		message,
		description: 'No answer was received, so it is unknown whether SortedPRO processed the request.',
		itemIndex,
	});
}
