import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError, sleep, sleepWithAbort } from 'n8n-workflow';

import { SORTEDPRO_PRODUCTION_URL } from '../../../credentials/SortedProApi.credentials';
import { MEDIA_TYPES, type BodyFormat } from './codec';
import { apiErrorFromResponse, networkError } from './errors';

export const CREDENTIAL_TYPE = 'sortedProApi';

type SortedProContext = IExecuteFunctions | ILoadOptionsFunctions;

/** Where and as whom to call SortedPRO: read once per execution, not once per request. */
export interface SortedProConnection {
	baseUrl: string;
	/** Handed to n8n with each request, so n8n need not fetch and decrypt the credential again */
	credentials: ICredentialsDecrypted;
}

export interface SortedProRequest {
	method: IHttpRequestMethods;
	connection: SortedProConnection;
	path: string;
	format: BodyFormat;
	body?: string;
	/** Item the request is made for, so an error shows against it */
	itemIndex?: number;
}

export interface SortedProResponse {
	statusCode: number;
	contentType: string | undefined;
	body: string;
	/** Earlier attempts that failed after SortedPRO may already have acted on the request */
	uncertainAttempts: number;
}

export interface RetryPolicy {
	/** Attempts after the first, for 429/500/502/503/504 and connections that fail */
	retries: number;
	/** Wait before the first retry; doubles each time */
	baseDelayMs: number;
	/** Longest wait, also the cap on a Retry-After */
	maxDelayMs: number;
	timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 30_000, timeoutMs: 60_000 };

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
// Answers that say the request was turned away before SortedPRO acted on it.
const NOT_PROCESSED_STATUS = new Set([429, 503]);
const RETRYABLE_NETWORK = /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|EPIPE|EAI_AGAIN|ERR_BAD_RESPONSE|ERR_SOCKET_CONNECTION_TIMEOUT|ERR_STREAM_PREMATURE_CLOSE)$/;

/** n8n-core's NodeApiError keeps the socket error's code as httpCode (e.g. ECONNRESET). */
function networkCode(error: unknown): string {
	const { httpCode, code } = (error ?? {}) as { httpCode?: unknown; code?: unknown };
	if (typeof httpCode === 'string' && httpCode !== '') return httpCode;
	return typeof code === 'string' ? code : '';
}

/** Wait before retry number `attempt` (0-based): Retry-After when given, else doubling; capped. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfter?: string | string[]): number {
	const header = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
	let delay = policy.baseDelayMs * 2 ** attempt;
	if (header !== undefined && header.trim() !== '') {
		const seconds = Number(header);
		const until = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
		if (Number.isFinite(until)) delay = Math.max(0, until);
	}
	return Math.min(delay, policy.maxDelayMs);
}

/** n8n's sleep, ended early when the execution is cancelled (where this n8n offers that). */
async function waitBeforeRetry(ctx: SortedProContext, ms: number): Promise<void> {
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	// sleepWithAbort is newer than the n8n-workflow versions the peer dependency admits
	if (signal && typeof sleepWithAbort === 'function') await sleepWithAbort(ms, signal);
	else await sleep(ms);
}

const LOCAL_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Reads the credential once and checks its base URL: plain http only for a server on this machine. */
export async function connect(ctx: SortedProContext): Promise<SortedProConnection> {
	const data = await ctx.getCredentials(CREDENTIAL_TYPE);
	const environment = String(data.environment ?? SORTEDPRO_PRODUCTION_URL);
	const raw = environment === 'custom' ? String(data.baseUrl ?? '').trim() : environment;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new NodeOperationError(ctx.getNode(), `The credential's Base URL "${raw}" is not a valid URL`);
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.test(url.hostname))) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The credential's Base URL must use https (plain http is only allowed for localhost): ${url.origin}`,
		);
	}
	const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		baseUrl: raw.replace(/\/+$/, ''),
		credentials: { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data },
	};
}

/**
 * The only code that speaks HTTP to SortedPRO. n8n adds the API key (the credential's generic
 * authenticate); the body is sent and received as text so JSON and XML go through one codec.
 * Throws NodeApiError for a non-2xx answer or no answer.
 */
export async function sortedProRequest(
	this: SortedProContext,
	request: SortedProRequest,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<SortedProResponse> {
	const mediaType = MEDIA_TYPES[request.format];
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.connection.baseUrl + request.path,
		headers: {
			Accept: mediaType,
			...(request.body !== undefined && { 'Content-Type': `${mediaType}; charset=utf-8` }),
		},
		body: request.body,
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: policy.timeoutMs,
	};
	let uncertainAttempts = 0;
	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
				{ credentialsDecrypted: request.connection.credentials },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkCode(error);
			if (attempt >= policy.retries || !RETRYABLE_NETWORK.test(code)) {
				throw networkError(this.getNode(), error, request.connection.baseUrl, request.itemIndex);
			}
			// A refused connection never reached SortedPRO; any other failure may have.
			if (code !== 'ECONNREFUSED') uncertainAttempts++;
			await waitBeforeRetry(this, retryDelayMs(policy, attempt));
			continue;
		}
		const { statusCode } = response;
		if (RETRYABLE_STATUS.has(statusCode) && attempt < policy.retries) {
			if (!NOT_PROCESSED_STATUS.has(statusCode)) uncertainAttempts++;
			await waitBeforeRetry(this, retryDelayMs(policy, attempt, response.headers['retry-after'] as string | undefined));
			continue;
		}
		const body = typeof response.body === 'string' ? response.body : String(response.body ?? '');
		if (statusCode < 200 || statusCode > 299) {
			throw await apiErrorFromResponse(this.getNode(), statusCode, body, request.itemIndex, uncertainAttempts);
		}
		const contentType = response.headers['content-type'];
		return {
			statusCode,
			contentType: Array.isArray(contentType) ? contentType[0] : contentType,
			body,
			uncertainAttempts,
		};
	}
}
