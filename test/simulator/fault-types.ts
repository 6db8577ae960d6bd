/**
 * Types of the simulator's fault mode (re-exported by types.ts): sim.injectFaults,
 * sim.setFaultPlan, randomFaultPlan. See README.md "Fault mode".
 */
import type { RecordedRequest } from './index';

/** 'before': the request is not processed (no state change); 'after': it is processed first. */
export type FaultWhen = 'before' | 'after';

export interface FaultBase {
	/** only requests whose path matches consume it (string: case-insensitive equality); default: allocation requests only */
	path?: string | RegExp;
	/** injectFaults only: this many requests consume it (default 1) */
	times?: number;
}

/** A fault that changes the answer of a processed request: only when 'after' exists. */
interface AfterFault extends FaultBase {
	when?: 'after';
}

/** An HTTP error status. Default when: 'after' for 500, 'before' for any other status. */
export interface StatusFault extends FaultBase {
	kind: 'status';
	status: 429 | 500 | 502 | 503 | 504 | (number & {});
	/** Retry-After header value: seconds or an HTTP date (a number is sent as seconds) */
	retryAfter?: string | number;
	/**
	 * given: sent as failNext sends a body (object → JSON, '<…' → XML, null → empty);
	 * absent: 429 → gateway JSON `{ statusCode: 429, message: 'Rate limit is exceeded. …' }`,
	 * other → SortedPRO ApiError body (JSON or XML per Accept, Code e.g. 'ServiceUnavailable')
	 */
	body?: string | Buffer | object | null;
	contentType?: string;
	headers?: Record<string, string>;
	when?: FaultWhen;
}
/** Destroy the socket. before: nothing written; after: headers + `bytes` of the body (default half). Default when: 'after'. */
export interface DropFault extends FaultBase {
	kind: 'drop';
	when?: FaultWhen;
	bytes?: number;
}
/**
 * Do not answer (or answer after `ms`). Default when: 'after' (processed, answer held).
 * before + ms: processed when the delay ends, and not at all if the client gave up first.
 */
export interface HangFault extends FaultBase {
	kind: 'hang';
	ms?: number;
	/** after only: the headers and this many bytes of the body are sent first, then the rest is held */
	bytes?: number;
	when?: FaultWhen;
}
/** Processed, then 200 with a broken body in `format` (default: the negotiated one). */
export interface MalformedFault extends AfterFault {
	kind: 'malformed';
	format?: 'json' | 'xml';
	/** truncated (default): the first half; garbled: NUL and stray brackets in the middle */
	variant?: 'truncated' | 'garbled';
	headers?: Record<string, string>;
}
/** Processed; the answer omits `drop` (default 1) summaries. */
export interface FewerFault extends AfterFault {
	kind: 'fewer';
	drop?: number;
	/** default 'last' */
	which?: 'last' | 'first' | 'random';
	/** for 'random'; default: the allocation request index + 1 */
	seed?: number;
}
/** Processed; summaries in another order (a list of 0 or 1 stays as it is). */
export interface ShuffleFault extends AfterFault {
	kind: 'shuffle';
	/** default 'reverse'; 'rotate' moves the first to the end; 'random' (seeded) never keeps the order */
	order?: 'reverse' | 'rotate' | 'random';
	seed?: number;
}
/** Processed; one more success summary, for a reference not sent (default EC-NOT-SENT-<n>, n from 1 per reset). */
export interface ExtraFault extends AfterFault {
	kind: 'extra';
	reference?: string;
	/** default 'end' */
	position?: 'end' | 'start';
}
/**
 * Processed; one entry of the list answer (Allocation Summary or WithMessage result) again, at
 * the end: as it was, or (conflicting) for the same consignment with the other result (a
 * success becomes StatusCode 400 "Could not be booked with courier." / IsSuccess false, a
 * failure a success summary with tracking `TRKX…` / IsSuccess true). A list call answer only.
 */
export interface DuplicateFault extends AfterFault {
	kind: 'duplicate';
	/** index of the entry repeated (default 0; negative counts from the end); none there: unchanged */
	entry?: number;
	/** default false: the same entry */
	conflicting?: boolean;
}
/**
 * GET /consignments/{ref} (any consignment unless `path`) answered 200 with the consignment
 * `reference` instead (its detail, JSON or XML per Accept; unknown: 404).
 */
export interface OtherConsignmentFault extends AfterFault {
	kind: 'otherConsignment';
	reference: string;
}
/** A proxy's HTML error page (text/html, `<title>502 Bad Gateway</title>`). Default status 502, when 'before'. */
export interface HtmlFault extends FaultBase {
	kind: 'html';
	status?: number;
	headers?: Record<string, string>;
	when?: FaultWhen;
}
/** Any other answer (hostile XML, huge or odd bodies). Default status 500, when 'before'. */
export interface RawFault extends FaultBase {
	kind: 'raw';
	status?: number;
	body?: string | Buffer | object | null;
	contentType?: string;
	headers?: Record<string, string>;
	when?: FaultWhen;
}
/**
 * A redirect (301, 302 default, 303, 307, 308) to `location`, as a gateway or proxy sending the
 * client to another origin may answer. Default when: 'before' (not processed).
 */
export interface RedirectFault extends FaultBase {
	kind: 'redirect';
	location: string;
	status?: 301 | 302 | 303 | 307 | 308;
	headers?: Record<string, string>;
	when?: FaultWhen;
}
/**
 * An error answer quoting the subscription key the request carried: in the ApiError's Message
 * (default), in a Detail's Message, or in an HTML page's title. Default status 403, when 'before'.
 */
export interface EchoKeyFault extends FaultBase {
	kind: 'echoKey';
	where?: 'message' | 'details' | 'html';
	status?: number;
	headers?: Record<string, string>;
	when?: FaultWhen;
}
export type Fault =
	| StatusFault
	| DropFault
	| HangFault
	| MalformedFault
	| FewerFault
	| ShuffleFault
	| ExtraFault
	| DuplicateFault
	| OtherConsignmentFault
	| HtmlFault
	| RawFault
	| RedirectFault
	| EchoKeyFault;
export type FaultKind = Fault['kind'];
/**
 * Asked for every allocation request to which no queued fault applies. requestIndex: the
 * allocation request's index since start/reset (0-based, counting faulted ones). Return
 * undefined/null for no fault. A plan that throws (or returns an invalid fault) makes that
 * request a 500 InternalServerError, with the stack on stderr.
 */
export type FaultPlan = (
	requestIndex: number,
	request: RecordedRequest & { body: string },
) => Fault | undefined | null;
