import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BodyFormat } from './codec';
import { connect, type SortedProConnection, type SortedProContext } from './connection';
import { keepMessage, markMayHaveActed } from './errors';
import type { AdaptiveLimit } from './limit';
import { sendRequest, type SortedProResponse } from './request';
import { DEFAULT_RETRY_POLICY, timeoutFor, type RetryPolicy } from './retry';

/** One call to SortedPRO, as an operation describes it. */
export interface ApiCall {
	method: IHttpRequestMethods;
	/** Built with apiPath, so every path segment taken from input is encoded */
	path: string;
	query?: IDataObject;
	/** Already encoded in `format` */
	body?: string;
	/** The run's Body Format unless the call has its own (SortedPRO documents some in JSON only) */
	format?: BodyFormat;
	/** false for a request that creates or queues something: resent only after answers proving nothing was done */
	resendSafe?: boolean;
	/** A POST that only reads (an events query): its failures never say SortedPRO may have acted */
	readOnly?: boolean;
	/** How many consignments the request holds: its timeout grows with them (see timeoutFor) */
	consignments?: number;
	/** The answer may be a file itself: `read` gets its bytes too */
	binary?: boolean;
}

/** Reads an answer's body; throws when it is not what the call answers. */
export type ReadAnswer<T> = (
	body: string,
	contentType: string | undefined,
	statusCode: number,
	/** The answer's bytes, for a `binary` call */
	bytes?: Buffer,
) => Promise<T>;

export interface ClientSettings {
	format: BodyFormat;
	policy: RetryPolicy;
	/** Shared by the requests of a run: caps the attempts in flight, adapting to 429 and 503 */
	limit?: AdaptiveLimit;
}

/**
 * SortedPRO as one run sees it: the connection, the body format, the retry policy and the
 * in-flight limit, bound once; every operation, check and list search calls through it.
 */
export class SortedProClient {
	constructor(
		private readonly ctx: SortedProContext,
		readonly connection: SortedProConnection,
		readonly settings: ClientSettings,
	) {}

	/** The client of a run or a list search: the credential read once. */
	static async open(
		ctx: SortedProContext,
		settings: ClientSettings = { format: 'json', policy: DEFAULT_RETRY_POLICY },
	): Promise<SortedProClient> {
		return new SortedProClient(ctx, await connect(ctx), settings);
	}

	get format(): BodyFormat {
		return this.settings.format;
	}

	/** Sends a call for an item (see sendRequest); non-2xx answers and no answer throw NodeApiError. */
	async send(call: ApiCall, itemIndex?: number): Promise<SortedProResponse> {
		const { consignments, ...request } = call;
		const { policy } = this.settings;
		return await sendRequest.call(
			this.ctx,
			{
				...request,
				connection: this.connection,
				format: call.format ?? this.settings.format,
				itemIndex,
				limit: this.settings.limit,
			},
			{ ...policy, timeoutMs: timeoutFor(policy, consignments) },
		);
	}

	/**
	 * Sends a call and reads its answer with `read`. An answer that cannot be read is a
	 * NodeOperationError worded by `unreadable`, its description naming the call, the status and
	 * the Content-Type; after a call that acts on consignments it says SortedPRO may have acted.
	 */
	async read<T>(
		call: ApiCall,
		read: ReadAnswer<T>,
		itemIndex?: number,
		unreadable: (error: Error) => string = (error) =>
			`SortedPRO's answer could not be read: ${error.message}`,
	): Promise<{ value: T; response: SortedProResponse }> {
		const response = await this.send(call, itemIndex);
		try {
			return {
				value: await read(response.body, response.contentType, response.statusCode, response.bytes),
				response,
			};
		} catch (error) {
			const message = unreadable(error as Error);
			const failure = new NodeOperationError(this.ctx.getNode(), message, {
				itemIndex,
				description: `${call.method} ${call.path} answered HTTP ${response.statusCode}, Content-Type ${response.contentType ?? 'none'}.`,
			});
			// SortedPRO answered a call that acts on consignments: it did act, whatever it said.
			if (call.method !== 'GET' && call.readOnly !== true) markMayHaveActed(failure);
			throw keepMessage(failure, message);
		}
	}

	/** GET `path` for an item, its answer read by `read` (see read). */
	async get<T>(
		path: string,
		read: ReadAnswer<T>,
		itemIndex?: number,
		unreadable?: (error: Error) => string,
	): Promise<T> {
		return (await this.read({ method: 'GET', path }, read, itemIndex, unreadable)).value;
	}
}
