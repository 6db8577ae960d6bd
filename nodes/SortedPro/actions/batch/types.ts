import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RunContext } from '../run';
import type { GroupSpec } from './group';
import type { Batch, PlannedConsignment } from './plan';

/** What SortedPRO's answer says of one consignment of a batch. */
export type ConsignmentOutcome = { ok: true; json: IDataObject } | ConsignmentFailure;

/** A consignment the answer did not report done. */
export interface ConsignmentFailure {
	ok: false;
	reason: string;
	description: string;
	httpCode?: string;
	/** The answer does not say what became of it (e.g. it contradicts itself): not a refusal */
	uncertain?: boolean;
}

export interface BatchAnswer {
	/** By reference; a reference of the batch with no outcome is reported as missing */
	outcomes: Map<string, ConsignmentOutcome>;
	/** Answers about consignments that were not in the request: reported, never passed off as results */
	unexpected: Array<{ message: string; description: string }>;
}

/** A consignment's output item once a step after its success has run (e.g. its label as a file). */
export interface Enriched {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/**
 * Run on each consignment done, after its request's answer: it never fails the consignment
 * (what goes wrong is told in the item it returns) and it sends through `run.api`.
 */
export type AfterSuccess = (
	consignment: PlannedConsignment,
	json: IDataObject,
) => Promise<Enriched>;

/** What a batch operation adds to the shared engine. */
export interface BatchSpec {
	group?: GroupSpec;
	/** Problems of groups found before anything is sent (group → problem); their items are refused */
	checkGroups?(
		this: IExecuteFunctions,
		groups: string[],
		run: RunContext,
	): Promise<Map<string, string>>;
	/** The problem of one item's references (e.g. unsafe in a path), if any: the item is refused before anything is sent */
	checkReferences?(references: string[]): string | undefined;
	/** One request for the batch; throws when SortedPRO refuses the request as a whole */
	send(
		this: IExecuteFunctions,
		batch: Batch,
		run: RunContext,
		itemIndex: number,
	): Promise<BatchAnswer>;
	/** The message of an error about one consignment: it always names the consignment */
	failureMessage(consignment: PlannedConsignment, reason: string): string;
	/**
	 * The message when the request failed after SortedPRO may have acted on it (no complete
	 * answer, 500/502/504, an answer that could not be read): it says the consignment may have
	 * been done and what to check, never that it was not done.
	 */
	uncertainMessage(consignment: PlannedConsignment, reason: string): string;
	/** Reason given when the answer holds nothing for a consignment that was sent */
	missingReason: string;
	/**
	 * SortedPRO takes one consignment per request, in its path: each reference is checked as a
	 * path segment and sent on its own (Parallel Requests at once); an error the run stops with
	 * names it too.
	 */
	oneConsignmentPerRequest?: boolean;
	/**
	 * The step each consignment done goes through before it is output, set up once per run before
	 * anything is sent (a bad setting throws a NodeOperationError then); undefined: none.
	 */
	afterSuccess?(this: IExecuteFunctions, run: RunContext): AfterSuccess | undefined;
}
