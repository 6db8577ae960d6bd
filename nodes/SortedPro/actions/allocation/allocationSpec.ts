import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiCall, BodyFormat } from '../../transport';
import { asNodeError } from '../../helpers/inputErrors';
import { mayHaveActed } from '../../transport/errors';
import type { Batch } from '../batch/plan';
import type { BatchAnswer, BatchSpec } from '../batch/types';
import type { RunContext } from '../run';
import { labelStep } from './allocationLabels';
import { confirmAlreadyAllocated } from './alreadyAllocated';
import {
	ALREADY_ALLOCATED,
	answerFromSummaries,
	decodeAllocationSummaries,
	decodeOneConsignment,
	emptySummary,
	unconfirmed,
} from './allocationSummaries';

/** What one of SortedPRO's allocate calls adds to the batch spec they share. */
interface AllocationCall {
	/** The PUT of a batch: its path, and its body unless the consignment is in the path */
	request(batch: Batch, references: string[], format: BodyFormat): Promise<AllocationRequest>;
	/** How the consignments were to be allocated, for messages: "by the default rules", "with CX_NDS" */
	how(group: string): string;
	/** The group is a carrier service: reports of unexpected summaries name it */
	groupIsCarrierService?: boolean;
	/** The call takes one consignment, in its path: its answer may be one summary or a list of one */
	oneConsignment?: boolean;
}

interface AllocationRequest {
	path: string;
	body?: string;
}

/** What a request's answer says, and the refusal of the whole request by a one-consignment call. */
interface Sent {
	answer: BatchAnswer;
	/** Refused summaries by reference, for the If Already Allocated look-ups */
	summaries?: Map<string, IDataObject>;
	refusal?: NodeApiError;
}

/**
 * A list call: its Allocation Summaries paired with the references. 202 with no body: each
 * consignment accepted, unconfirmed.
 */
async function sendList(
	run: RunContext,
	call: ApiCall,
	references: string[],
	group: string,
	itemIndex: number,
): Promise<Sent> {
	// SortedPRO declares 202 Accepted for every allocate call: with no body, nothing to read.
	const { value: summaries, response } = await run.api.read(
		call,
		async (body, contentType, status) =>
			status === 202 && body.trim() === ''
				? undefined
				: await decodeAllocationSummaries(body, contentType),
		itemIndex,
	);
	if (summaries === undefined) {
		const answer: BatchAnswer = { outcomes: new Map(), unexpected: [] };
		for (const reference of references)
			answer.outcomes.set(reference, unconfirmed(emptySummary(reference, 202, null), 'accepted'));
		return { answer };
	}
	const answer = answerFromSummaries(references, summaries, response.uncertainAttempts > 0, group);
	const refused = new Map(
		summaries.map((summary) => [String(summary.ConsignmentReference), summary]),
	);
	return { answer, summaries: refused };
}

/**
 * A call for one consignment, in its path. SortedPRO may refuse it as a whole (HTTP 4xx) where
 * a list call answers per consignment: after an attempt it may have acted on, "already
 * allocated" is allocated but unconfirmed, as for a list call; any other refusal tells the
 * consignment's state now, so it is a plain refusal.
 */
async function sendOne(
	this: IExecuteFunctions,
	run: RunContext,
	call: ApiCall,
	reference: string,
	itemIndex: number,
): Promise<Sent> {
	try {
		const { value: summaries, response } = await run.api.read(
			call,
			async (body, contentType) => await decodeOneConsignment(body, contentType, reference),
			itemIndex,
		);
		return {
			answer: answerFromSummaries([reference], summaries, response.uncertainAttempts > 0, ''),
		};
	} catch (caught) {
		if (!(caught instanceof NodeApiError) || !/^4\d\d$/.test(String(caught.httpCode)))
			throw asNodeError.call(this, caught, itemIndex);
		const answer: BatchAnswer = { outcomes: new Map(), unexpected: [] };
		if (mayHaveActed(caught) && ALREADY_ALLOCATED.test(caught.message)) {
			const summary = emptySummary(reference, Number(caught.httpCode), caught.message);
			answer.outcomes.set(reference, unconfirmed(summary, 'resent'));
			return { answer };
		}
		delete caught.context.mayHaveActed;
		answer.outcomes.set(reference, {
			ok: false,
			reason: caught.message,
			description: caught.description ?? '',
			httpCode: String(caught.httpCode),
		});
		return { answer, refusal: caught };
	}
}

// If Already Allocated is run-wide (read from the first item): read once per run, not per batch.
const reportAsAllocated = new WeakMap<RunContext, boolean>();

function reportsAsAllocated(this: IExecuteFunctions, run: RunContext): boolean {
	let report = reportAsAllocated.get(run);
	if (report === undefined) {
		report = this.getNodeParameter('options.ifAlreadyAllocated', 0, 'error') === 'allocated';
		reportAsAllocated.set(run, report);
	}
	return report;
}

/**
 * The batch spec of an allocate call: one PUT per batch, its Allocation Summaries paired with
 * the references; with "If Already Allocated: Report as Allocated", the refused consignments
 * looked up (see confirmAlreadyAllocated); with Get Labels, each allocated one's label fetched
 * (see labelStep). `extra` adds the grouping and checks of the call.
 */
export function allocationSpec(
	call: AllocationCall,
	extra: Pick<BatchSpec, 'group' | 'checkGroups' | 'checkReferences'> = {},
): BatchSpec {
	return {
		...extra,
		oneConsignmentPerRequest: call.oneConsignment,
		afterSuccess: labelStep,
		async send(this: IExecuteFunctions, batch, run, itemIndex) {
			const references = batch.consignments.map((consignment) => consignment.reference);
			const request = await call.request(batch, references, run.api.format);
			const put: ApiCall = { method: 'PUT', ...request, consignments: references.length };
			const sent = call.oneConsignment
				? await sendOne.call(this, run, put, references[0], itemIndex)
				: await sendList(
						run,
						put,
						references,
						call.groupIsCarrierService ? batch.group : '',
						itemIndex,
					);
			if (reportsAsAllocated.call(this, run))
				await confirmAlreadyAllocated(run, sent.answer, itemIndex, sent.summaries);
			const outcome = sent.answer.outcomes.get(references[0]);
			if (sent.refusal && outcome && !outcome.ok) {
				// Refused as a whole: the engine reports the request's error, with what the look-up found.
				sent.refusal.message = outcome.reason;
				throw sent.refusal;
			}
			return sent.answer;
		},
		failureMessage: (consignment, reason) =>
			`Consignment ${consignment.reference} was not allocated ${call.how(consignment.group)}: ${reason}`,
		uncertainMessage: ({ reference, group }, reason) =>
			`Consignment ${reference} may have been allocated ${call.how(group)}: check ${reference} in SortedPRO before sending it again (${reason})`,
		missingReason: 'SortedPRO returned no Allocation Summary for it',
	};
}
