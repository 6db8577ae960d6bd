import type { SortedProContext } from './connection';
import { sleep, sleepWithAbort } from 'n8n-workflow';

export interface RetryPolicy {
	/** Attempts after the first, for 429/500/502/503/504 and connections that fail */
	retries: number;
	/** Wait before the first retry; doubles each time */
	baseDelayMs: number;
	/** Longest wait, also the cap on a Retry-After */
	maxDelayMs: number;
	/** Per attempt of a request of one consignment */
	timeoutMs: number;
	/** Added to timeoutMs for each further consignment a request holds (see timeoutFor) */
	timeoutPerConsignmentMs?: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	retries: 3,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	timeoutMs: 60_000,
	timeoutPerConsignmentMs: 1000,
};

/** No attempt waits longer than this, however large its request. */
export const MAX_TIMEOUT_MS = 30 * 60_000;

/**
 * The timeout of an attempt of a request holding `consignments`: SortedPRO books each one with
 * its carrier before it answers, so the time an answer may fairly take grows with the request.
 */
export function timeoutFor(policy: RetryPolicy, consignments = 1): number {
	const further = Math.max(0, consignments - 1) * (policy.timeoutPerConsignmentMs ?? 0);
	return Math.min(MAX_TIMEOUT_MS, Math.max(policy.timeoutMs, policy.timeoutMs + further));
}

export const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** Answers that say the request was turned away before SortedPRO acted on it. */
export const NOT_PROCESSED_STATUS = new Set([429, 503]);
export const RETRYABLE_NETWORK =
	/^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|EPIPE|EAI_AGAIN|ERR_BAD_RESPONSE|ERR_SOCKET_CONNECTION_TIMEOUT|ERR_STREAM_PREMATURE_CLOSE)$/;
/** A connection that was never made (refused, or a host name that did not resolve): SortedPRO cannot have acted on the request. */
export const NOT_CONNECTED_NETWORK = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/;

/** n8n-core's NodeApiError keeps the socket error's code as httpCode (e.g. ECONNRESET). */
export function networkCode(error: unknown): string {
	const { httpCode, code } = (error ?? {}) as { httpCode?: unknown; code?: unknown };
	if (typeof httpCode === 'string' && httpCode !== '') return httpCode;
	return typeof code === 'string' ? code : '';
}

/** Wait before retry number `attempt` (0-based): Retry-After when given, else doubling; capped. */
export function retryDelayMs(
	policy: RetryPolicy,
	attempt: number,
	retryAfter?: string | string[],
): number {
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
export async function waitBeforeRetry(ctx: SortedProContext, ms: number): Promise<void> {
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	// sleepWithAbort is newer than the n8n-workflow versions the peer dependency admits
	if (signal && typeof sleepWithAbort === 'function') await sleepWithAbort(ms, signal);
	else await sleep(ms);
}
