/**
 * Types of the SortedPRO API simulator. The simulator is plain CommonJS JavaScript; TypeScript
 * checks it against these types (checkJs, test/tsconfig.json): index.js declares the object
 * startSimulator returns as a Simulator, so the two cannot drift apart. Tests import the types
 * through index.js: `import { startSimulator, type Simulator } from '../simulator';`
 */

import type { Fault, FaultKind, FaultPlan, FaultWhen } from './fault-types';
export * from './fault-types';

export type UnknownReferenceMode = 'summary' | 'omit' | 'reject';

/** States used by the simulator; any other string may be seeded too. */
export type ConsignmentState =
	| 'Unallocated'
	| 'Allocating'
	| 'AllocationFailed'
	| 'Allocated'
	| 'Manifested'
	| 'Cancelled'
	| (string & {});

export interface ConsignmentSeedObject {
	reference: string;
	/** default 'Unallocated' */
	state?: ConsignmentState;
	carrierServiceReference?: string;
	/** this many packages (references EP-<last 7 of the reference>-001 …), or the packages as Create's body has them; default none */
	packages?: number | Array<Record<string, unknown>>;
	/** the addresses as Create's body has them (Origin, Destination); default none */
	addresses?: Array<Record<string, unknown>>;
	/** ConsignmentReferenceProvidedByCustomer */
	customerReference?: string;
}
/** A quote as GET /quotes/consignment/{ref} issues it. */
export interface Quote {
	QuoteReference: string;
	MpdCarrierServiceReference: string;
	MpdCarrierService: string;
	CarrierReference: string;
	CollectionDate: string;
	EarliestDeliveryDate: string;
	LatestDeliveryDate: string;
	Price: { Net: number; Gross: number; TaxRate: number; VatAmount: number; Currency: string };
	ExpiryDate: string;
}

/** A bare string is an Unallocated consignment. */
export type ConsignmentSeed = string | ConsignmentSeedObject;

export interface Consignment {
	reference: string;
	state: ConsignmentState;
	/** set when allocated by the simulator (or seeded) */
	carrierServiceReference?: string;
	/** set when allocated by the simulator */
	trackingReference?: string;
	/** SortedPRO's reason, set when the carrier service refused it */
	failedAllocationMessage?: string;
}

export interface CarrierServiceConfig {
	/** the MpdCarrierServiceReference to allocate with */
	Reference: string;
	/** display name, e.g. "Next Day Super" */
	Name: string;
	CarrierReference: string;
	CarrierName: string;
	/** consignments this service refuses (they go to "Allocation Failed"); a function may return the reason */
	refuses?: RegExp | ((reference: string) => boolean | string);
	/** reason put in the refused summary's Description */
	refuseReason?: string;
	/** CustomerSubscriptionStatus: 0 Available, 1 Requested, 2 Disabled, 3 Enabled (default) */
	Status?: number;
	/** listed as is; Allocate With Service Filters matches IsPickup / IsDropOff against them (absent = false) */
	IsPickUp?: boolean;
	IsDropOff?: boolean;
	/** not listed: the direction Allocate With Service Filters matches (default Outbound) */
	direction?: 'Inbound' | 'Outbound';
	/** any other field is listed as is by GET /carrierservices */
	[extra: string]: unknown;
}

/** A carrier service as GET /carrierservices lists it. */
export interface CarrierService {
	Reference: string;
	/** present as `Name`, or as `CarrierServiceName` with option carrierServiceNameField */
	Name?: string;
	CarrierServiceName?: string;
	Description: string;
	MpdCarrierReference: string;
	CarrierName: string;
	CarrierAccountOwner: string;
	Status: number;
	/** the carrier's own service code is in Journey[].CarrierService.Reference */
	Journey: Array<{ JourneyStage: number; CarrierService: { Reference: string; Name: string } }>;
	IsConfigured: boolean;
	[extra: string]: unknown;
}

/** GET /carrierservices: the documented wrapper (default), a bare list, Success false, or 404. */
export type ReferenceListAnswer = 'documented' | 'other' | 'empty' | 'notFound' | 'error';
export type CarrierServicesAnswer = 'wrapper' | 'array' | 'failure' | 'notFound';
/** Allocation failures: SortedPRO's reason alone (default), or a sentence naming consignment and service. */
export type FailureWording = 'documented' | 'descriptive';
/** States in messages: the API's enum names (default) or the help pages' display names. */
export type StateNames = 'enum' | 'display';
/** Allocation answers: 200 (default), 202 with the summaries, or 202 with no body (consignments Allocating). */
export type AllocationAnswer = 'ok' | 'accepted' | 'acceptedEmpty';
/** Label answers' ContentType: the format's (default), none, or any text sent as it is (a hostile server). */
export type LabelContentType = 'send' | 'omit' | (string & {});
/** Search paging: SortedPRO's (default), pages A, B, A, B, …, or always full with made-up consignments after the real ones. */
export type SearchPages = 'faithful' | 'repeat' | 'endless';
/**
 * A refused consignment of a one-consignment allocate call (cheapest quote, quote): a 200 list
 * with its failed summary (default), the whole request refused with the summary's status and
 * Description ('error'), or as 'error' with 409 "Consignment X is already allocated" for an
 * allocated one ('conflict').
 */
export type OneConsignmentRefusal = 'summary' | 'error' | 'conflict';

export interface ApiLink {
	Rel: string;
	Href: string;
}
export interface ConsignmentLeg {
	Leg: number;
	TrackingReferences: string[];
	CarrierReference: string | null;
	CarrierServiceReference: string | null;
	CarrierName: string | null;
}
/** One element of the Allocate With Carrier Service answer (there is no ConsignmentReference field). */
export interface AllocationSummary {
	StatusCode: number;
	ApiLinks: ApiLink[];
	Description: string;
	ConsignmentLegs: ConsignmentLeg[];
	CarrierReference: string | null;
	CarrierName: string | null;
	CarrierServiceReference: string | null;
	CarrierServiceName: string | null;
}

export interface ApiErrorDetail {
	Code: string;
	Target: string;
	Message: string;
}
export interface ApiErrorBody {
	Code: string;
	Message: string;
	CorrelationId: string;
	Details: ApiErrorDetail[];
}

export interface RecordedRequest {
	method: string;
	/** path as received (case kept), without the query string */
	path: string;
	query: Record<string, string>;
	/** lower-case header names, including ocp-apim-subscription-key */
	headers: Record<string, string | string[] | undefined>;
	/** raw body; undefined when recordBodies is false */
	body: string | undefined;
	contentType: string | undefined;
	accept: string | undefined;
	/** HTTP status the simulator answered (0 while in progress) */
	status: number;
	/** Date.now() when the request was received */
	time: number;
	/** kind of the fault applied to this request (failNext answers are 'raw') */
	fault?: FaultKind;
	/** answered 429 by the concurrent-request limit of the latency model */
	rateLimited?: true;
}

/** The latency model (latency.js); every field defaults to off. */
export interface LatencyConfig {
	/** time per request, ms (default 0) */
	perRequestMs: number;
	/** time per consignment reference in the request body, ms (default 0) */
	perConsignmentMs: number;
	/** requests per subscription key in flight at most; one more gets 429 at once (default 0 = no limit) */
	concurrentRequestLimit: number;
	/** Retry-After of those 429s, whole seconds (default 1) */
	retryAfterSeconds: number;
}

export interface LatencyStats extends LatencyConfig {
	/** 429s answered because of the concurrent-request limit */
	rateLimited: number;
	/** the most admitted requests in flight at once (all keys) */
	peakConcurrent: number;
	/** admitted requests in flight now */
	inFlight: number;
}

/** A raw answer for failNext. */
export interface RawAnswer {
	/** default 500 */
	status?: number;
	/** string/Buffer sent as is; an object is sent as JSON; null/undefined/'' → empty body */
	body?: string | Buffer | object | null;
	/** extra headers, e.g. { 'Retry-After': '2' } */
	headers?: Record<string, string>;
	/** default: JSON for an object, XML for a string starting with '<', none for empty, else text/plain */
	contentType?: string;
	/** only requests whose path matches consume this answer (string: case-insensitive equality) */
	path?: string | RegExp;
}

export interface SimulatorOptions {
	/** 0 (default) = a random free port */
	port?: number;
	/** default '127.0.0.1' */
	host?: string;
	/** the valid subscription key (ocp-apim-subscription-key) */
	apiKey: string;
	/** seeded consignments, restored by reset() */
	consignments?: ConsignmentSeed[];
	/** unknown references matching it are existing Unallocated consignments */
	autoCreate?: RegExp | null;
	/** default: DEFAULT_CARRIER_SERVICES */
	carrierServices?: CarrierServiceConfig[];
	/** carrier service groups: code → service references, cheapest first (default: valuableGoods, weekend, refusing) */
	serviceGroups?: Record<string, string[]>;
	/** how an unknown consignment is reported; default 'summary' */
	unknownReference?: UnknownReferenceMode;
	/** default true; false keeps only method/path/headers of requests */
	recordBodies?: boolean;
	/** keep only the last N requests in `requests` (default: all) */
	maxRecordedRequests?: number;
	/** field of the display name in GET /carrierservices; default 'Name' */
	carrierServiceNameField?: 'Name' | 'CarrierServiceName';
	carrierServicesAnswer?: CarrierServicesAnswer;
	/** GET /shippinglocations, /packagesizes, /servicegroups, /carriers: 'documented' (default), 'other' (the other shape), 'empty', 'notFound', 'error' */
	referenceListAnswer?: ReferenceListAnswer;
	failureWording?: FailureWording;
	stateNames?: StateNames;
	allocationAnswer?: AllocationAnswer;
	oneConsignmentRefusal?: OneConsignmentRefusal;
	/** "for shipping on" date in Descriptions; default: tomorrow 17:00 UTC */
	shippingDate?: Date | string | number;
	/** base of ApiLinks; default 'https://api.electioapp.com' (production host, as the real API answers) */
	linkBaseUrl?: string;
	/** serve /__simulator/* test-harness routes (the CLI turns them on); default false */
	controlRoutes?: boolean;
	/** called for each API request once its answer is decided, just before it is sent (raw body even when recordBodies is false) */
	onRequest?: ((request: RecordedRequest) => void) | null;
	/** latency model at start (restored by reset()); default off */
	latency?: Partial<LatencyConfig>;
	/** label answers' ContentType: 'send' (the format's, default), 'omit' (left out), or any other text sent as it is */
	labelContentType?: LabelContentType;
	/** one customs document's answer: 'base64' (the documented base64 JSON string, default), 'file' (`{File, ContentType}` as labels) or 'raw' (the PDF itself, application/pdf) */
	documentAnswer?: 'base64' | 'file' | 'raw';
	/** search paging: 'faithful' (default), 'repeat' (pages A, B, A, B, …), 'endless' (every page full, made-up consignments after the real ones) */
	searchPages?: SearchPages;
	/** Count of search answers: 'all' (the number of matches, default) or this number whatever the matches */
	searchCount?: 'all' | number;
	/** 'gzip': API answers are gzipped when the request accepts it, as a gateway may (default 'none') */
	compressAnswers?: 'none' | 'gzip';
	/** the verb /consignments/manifestFromQuery serves (the help pages name both); the other gets 405. Default 'POST' */
	manifestFromQueryVerb?: 'POST' | 'PUT';
	/** POST /events/consignments answers `{ Events: [...] }` ('wrapped', the SDK method's type, default) or a bare list (its ApiEndpoint's) */
	eventsAnswer?: 'wrapped' | 'array';
	/** the state-events path routed: the SDK's /events/consignmentstateevents (default), the docs' /events/consignments/stateevents, or both */
	stateEventsPath?: 'sdk' | 'docs' | 'both';
	/** at most this many events per answer (0: no cap, default) */
	eventsCap?: number;
	/** events answers oldest first ('asc', default) or newest first */
	eventsOrder?: 'asc' | 'desc';
	/** the server's clock, ahead (or behind, negative) of this machine's by this many ms; dates logged events */
	clockOffsetMs?: number;
}

/** An entry of the events log: a state entered, or a consignment event (with its EventId). */
export interface LoggedEvent {
	kind: 'state' | 'event';
	reference: string;
	customerReference?: string;
	state?: string;
	type?: string;
	id?: string;
	message?: string;
	/** ms since the epoch, by the simulator's clock */
	time: number;
}

/** Options that setOption can change at run time (reset() restores the start values). */
export type MutableOptions = Required<
	Omit<
		SimulatorOptions,
		'port' | 'host' | 'consignments' | 'carrierServices' | 'serviceGroups' | 'latency'
	>
>;

export interface SimulatorStats {
	requests: number;
	allocationRequests: number;
	summaries: number;
	consignmentsAllocated: number;
	/** refused by the carrier service (now AllocationFailed) */
	consignmentsFailed: number;
	consignmentsInWrongState: number;
	consignmentsNotFound: number;
	/** consignments held in the Map (seeded + auto-created + added) */
	consignmentsKnown: number;
	/** applied faults by kind (failNext answers count as 'raw') */
	faultsApplied: Partial<Record<FaultKind, number>>;
	faultsAppliedTotal: number;
	/** uses left in the queue (the plan not counted) */
	faultsPending: number;
	byStatus: Record<number, number>;
	bytesIn: number;
	bytesOut: number;
	/** time spent handling requests (after the body was received), ms */
	busyMs: number;
	uptimeMs: number;
	requestsPerBusySecond: number;
	consignmentsPerBusySecond: number;
	/** the latency model's configuration and counters */
	latency: LatencyStats;
}

export interface Simulator {
	/** e.g. 'http://127.0.0.1:54321' (no trailing slash) */
	readonly baseUrl: string;
	readonly port: number;
	/** live array of the recorded API requests (control routes excluded) */
	readonly requests: RecordedRequest[];
	readonly requestCount: number;
	/** clear requests, counters, fault queue and plan; restore seeded consignments, their states and the start options */
	reset(): void;
	setOption<K extends keyof MutableOptions>(name: K, value: MutableOptions[K]): void;
	consignment(reference: string): Consignment | undefined;
	/** the quotes GET /quotes/consignment/{ref} last issued for it ([] when none since reset) */
	quotesFor(reference: string): Quote[];
	/** persist: also keep them across reset() */
	addConsignments(list: ConsignmentSeed[], opts?: { persist?: boolean }): void;
	/** A new QuoteReference (GUID) that allocates `consignmentReference` with `serviceReference` (forgotten by reset) */
	issueQuote(consignmentReference: string, serviceReference: string): string;
	/** the carrier services as GET /carrierservices lists them */
	carrierServices(): CarrierService[];
	/** the next `times` (default 1) requests (matching answer.path, if given) get this raw answer */
	failNext(answer: RawAnswer, times?: number): void;
	/** append to the fault queue (FIFO; each request consumes at most one fault); validated now (TypeError) */
	injectFaults(faults: Fault[]): void;
	/** null removes the plan */
	setFaultPlan(plan: FaultPlan | null): void;
	/** the queued faults with defaults filled in and their remaining uses */
	pendingFaults(): (Fault & { when: FaultWhen; times: number })[];
	/** empty the fault queue (failNext included) and remove the plan */
	clearFaults(): void;
	/** change fields of the latency model (validated: TypeError); null turns it off; reset() restores the start values */
	setLatency(latency: Partial<LatencyConfig> | null): void;
	/** the events log (copies), oldest first */
	events(): LoggedEvent[];
	/** log events as the API would (a `state` makes a state event, else `type` an event; `time` defaults to now) */
	addEvents(list: Array<Partial<LoggedEvent> & { reference: string }>): void;
	/** move a consignment to a state (logged as a state event), e.g. Delivered */
	setState(reference: string, state: string): void;
	/** how many consignments the store holds in each state */
	consignmentStates(): Record<string, number>;
	stats(): SimulatorStats;
	close(): Promise<void>;
}
