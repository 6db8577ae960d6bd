import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { SORTEDPRO_CREDENTIAL } from '../../../credentials/SortedProApi.credentials';
import { readAnswerBytes, readAnswerText, timedOut } from './answerText';
import { MEDIA_TYPES, type BodyFormat } from './codec';
import { maskSecrets, type SortedProConnection, type SortedProContext } from './connection';
import { apiErrorFromResponse, networkError, redirectError } from './errors';
import type { AdaptiveLimit } from './limit';
import {
	networkCode,
	NOT_CONNECTED_NETWORK,
	NOT_PROCESSED_STATUS,
	RETRYABLE_NETWORK,
	RETRYABLE_STATUS,
	retryDelayMs,
	waitBeforeRetry,
	type RetryPolicy,
} from './retry';

interface SortedProRequest {
	method: IHttpRequestMethods;
	connection: SortedProConnection;
	/** Built with apiPath, so every path segment taken from input is encoded */
	path: string;
	query?: IDataObject;
	format: BodyFormat;
	/** Already encoded for `format` (JSON bodies may be objects or bare arrays) */
	body?: string;
	/** Item the request is made for, so an error shows against it */
	itemIndex?: number;
	/** false for a request that creates something: resent only after answers proving nothing was done */
	resendSafe?: boolean;
	/** A POST that only reads (an events query): like a GET, it never acts on consignments */
	readOnly?: boolean;
	/** Shared by the requests of a run: caps the attempts in flight, adapting to 429 and 503 */
	limit?: AdaptiveLimit;
	/** Keep the answer's bytes too (`bytes`): for calls whose answer may be a file itself */
	binary?: boolean;
}

export interface SortedProResponse {
	statusCode: number;
	contentType: string | undefined;
	body: string;
	/** The answer's bytes, for a `binary` request (the API key masked as in `body`) */
	bytes?: Buffer;
	/** Earlier attempts that failed after SortedPRO may already have acted on the request */
	uncertainAttempts: number;
}

/** `/a/b/c` from path segments, each percent-encoded: input never adds a segment or a query. */
export function apiPath(...segments: string[]): string {
	return '/' + segments.map((segment) => encodeURIComponent(segment)).join('/');
}

type Context = SortedProContext;
/** One attempt's outcome: an answer read to its end, or the error that stood in its way. */
type Attempt =
	{ response: IN8nHttpFullResponse; body: string; bytes?: Buffer } | { error: unknown };

function httpOptions(request: SortedProRequest, policy: RetryPolicy): IHttpRequestOptions {
	const mediaType = MEDIA_TYPES[request.format];
	return {
		method: request.method,
		url: request.connection.baseUrl + request.path,
		qs: request.query,
		headers: {
			Accept: mediaType,
			...(request.body !== undefined && { 'Content-Type': `${mediaType}; charset=utf-8` }),
		},
		body: request.body,
		json: false,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// n8n-core keeps every header but Authorization on a redirect, the key included.
		disableFollowRedirect: true,
		timeout: policy.timeoutMs,
	};
}

/** One attempt: n8n adds the API key; the answer is read to its end within the timeout. */
async function attempt(
	this: Context,
	request: SortedProRequest,
	options: IHttpRequestOptions,
	timeoutMs: number,
): Promise<Attempt> {
	await request.limit?.acquire();
	const deadline = AbortSignal.timeout(timeoutMs);
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			SORTEDPRO_CREDENTIAL,
			options,
			{ credentialsDecrypted: request.connection.credentials },
		)) as IN8nHttpFullResponse;
		const raw = request.binary
			? await readAnswerBytes(response.body, deadline, timeoutMs)
			: undefined;
		const body = raw
			? raw.toString('utf8')
			: await readAnswerText(response.body, deadline, timeoutMs);
		const notProcessed = NOT_PROCESSED_STATUS.has(response.statusCode);
		request.limit?.release(notProcessed ? 'throttled' : 'answered');
		// A server may quote the key it received (in an error, a title, a file): it goes no further.
		const mask = (text: string) => maskSecrets(text, request.connection);
		const bytes = raw && Buffer.from(mask(raw.toString('latin1')), 'latin1');
		return { response, body: mask(body), bytes };
	} catch (caught) {
		request.limit?.release('failed');
		return { error: deadline.aborted ? timedOut(timeoutMs) : caught };
	}
}

/**
 * The only code that speaks HTTP to SortedPRO. n8n adds the API key (the credential's generic
 * authenticate); the body is sent as text and the answer read as text (see readAnswerText) so
 * JSON and XML go through one codec. Retries 429/500/502/503/504 and failed connections by the
 * policy; a request that is not resend-safe is only retried after answers that prove SortedPRO
 * did nothing (429, 503, a connection never made). An answer cut off mid-body counts as no answer.
 * Redirects are not followed (the key goes only to the Base URL's origin); the API key is
 * masked wherever an answer quotes it. Throws NodeApiError for a non-2xx answer or no answer,
 * marked when SortedPRO may have acted on the request (see mayHaveActed).
 */
export async function sendRequest(
	this: Context,
	request: SortedProRequest,
	policy: RetryPolicy,
): Promise<SortedProResponse> {
	const options = httpOptions(request, policy);
	const resendSafe = request.resendSafe !== false;
	const changes = request.method !== 'GET' && request.readOnly !== true;
	let uncertainAttempts = 0;
	for (let tries = 0; ; tries++) {
		const outcome = await attempt.call(this, request, options, policy.timeoutMs);
		if ('error' in outcome) {
			const code = networkCode(outcome.error);
			const notConnected = NOT_CONNECTED_NETWORK.test(code);
			const retry = RETRYABLE_NETWORK.test(code) && (resendSafe || notConnected);
			if (tries >= policy.retries || !retry) {
				throw networkError(this.getNode(), outcome.error, {
					baseUrl: request.connection.baseUrl,
					itemIndex: request.itemIndex,
					timeoutMs: policy.timeoutMs,
					acted: changes && (!notConnected || uncertainAttempts > 0),
				});
			}
			if (!notConnected) uncertainAttempts++;
			await waitBeforeRetry(this, retryDelayMs(policy, tries));
			continue;
		}
		const { response, body, bytes } = outcome;
		const { statusCode, headers } = response;
		const notProcessed = NOT_PROCESSED_STATUS.has(statusCode);
		if (
			RETRYABLE_STATUS.has(statusCode) &&
			tries < policy.retries &&
			(resendSafe || notProcessed)
		) {
			if (!notProcessed) uncertainAttempts++;
			const retryAfter = headers['retry-after'] as string | undefined;
			await waitBeforeRetry(this, retryDelayMs(policy, tries, retryAfter));
			continue;
		}
		if (statusCode >= 300 && statusCode <= 399) {
			const location = headers.location as string | undefined;
			throw redirectError(
				this.getNode(),
				statusCode,
				location && maskSecrets(location, request.connection),
				{ url: options.url, baseUrl: request.connection.baseUrl, itemIndex: request.itemIndex },
			);
		}
		if (statusCode < 200 || statusCode > 299) {
			const acted = changes && ((statusCode >= 500 && !notProcessed) || uncertainAttempts > 0);
			throw await apiErrorFromResponse(this.getNode(), statusCode, body, {
				itemIndex: request.itemIndex,
				acted,
			});
		}
		const header = headers['content-type'];
		const contentType = Array.isArray(header) ? header[0] : header;
		return {
			statusCode,
			// Quoted in errors about an answer that cannot be read.
			contentType: contentType && maskSecrets(contentType, request.connection),
			body,
			bytes,
			uncertainAttempts,
		};
	}
}
