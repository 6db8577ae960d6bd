import type { SortedProClient } from '../transport';
import type { RequestOptions } from './requestOptions';

/** What every operation of a run shares, read once by the router. */
export interface RunContext {
	/** SortedPRO, bound to the run's connection, body format, retry policy and in-flight limit */
	api: SortedProClient;
	options: RequestOptions;
	/** 'continue': failures become error items (continueOnFail, or the node runs as an AI tool) */
	onError: 'stop' | 'continue';
}
