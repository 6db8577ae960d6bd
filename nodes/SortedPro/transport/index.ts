import type {
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SORTEDPRO_PRODUCTION_URL } from '../../../credentials/SortedProApi.credentials';
import { MEDIA_TYPES, type BodyFormat } from './codec';
import { apiErrorFromResponse, networkError } from './errors';

export const CREDENTIAL_TYPE = 'sortedProApi';

type SortedProContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface SortedProRequest {
	method: IHttpRequestMethods;
	baseUrl: string;
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
}

const LOCAL_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** The credential's base URL, checked: plain http only for a server on this machine. */
export async function getBaseUrl(ctx: SortedProContext): Promise<string> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const environment = String(credentials.environment ?? SORTEDPRO_PRODUCTION_URL);
	const raw = environment === 'custom' ? String(credentials.baseUrl ?? '').trim() : environment;
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
	return raw.replace(/\/+$/, '');
}

/**
 * The only code that speaks HTTP to SortedPRO. n8n adds the API key (the credential's generic
 * authenticate); the body is sent and received as text so JSON and XML go through one codec.
 * Throws NodeApiError for a non-2xx answer or no answer.
 */
export async function sortedProRequest(
	this: SortedProContext,
	request: SortedProRequest,
): Promise<SortedProResponse> {
	const mediaType = MEDIA_TYPES[request.format];
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.baseUrl + request.path,
		headers: {
			Accept: mediaType,
			...(request.body !== undefined && { 'Content-Type': `${mediaType}; charset=utf-8` }),
		},
		body: request.body,
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		throw networkError(this.getNode(), error, request.baseUrl, request.itemIndex);
	}
	const body = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw await apiErrorFromResponse(this.getNode(), response.statusCode, body, request.itemIndex);
	}
	const contentType = response.headers['content-type'];
	return { statusCode: response.statusCode, contentType: Array.isArray(contentType) ? contentType[0] : contentType, body };
}
