import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { sortedProRequest, type SortedProRequest, type SortedProResponse } from '../../transport';
import { decodeAnswer, decodeList, type ListField, type Schema } from '../../transport/codec';
import { markMayHaveActed, mayHaveActed } from '../../transport/errors';
import type { BatchAnswer, ConsignmentOutcome } from '../batch/engine';
import { pairEntries } from '../batch/pairEntries';
import { API_LINKS, lastPathSegment, STRING_LIST } from '../links';
import type { RunContext } from '../types';
import { confirmAlreadyAllocated } from './alreadyAllocated';

const CONSIGNMENT_LEG: Schema = {
	Leg: 'number',
	TrackingReferences: STRING_LIST,
	CarrierReference: 'string',
	CarrierServiceReference: 'string',
	CarrierName: 'string',
};
export const ALLOCATION_SUMMARY: Schema = {
	// Not sent by SortedPRO: filled from the detail link (see consignmentReferenceOf), first so
	// it leads the output item.
	ConsignmentReference: 'string',
	StatusCode: 'number',
	ApiLinks: API_LINKS,
	Description: 'string',
	ConsignmentLegs: { list: CONSIGNMENT_LEG, item: 'ConsignmentLeg' },
	CarrierReference: 'string',
	CarrierName: 'string',
	CarrierServiceReference: 'string',
	CarrierServiceName: 'string',
};

/**
 * An Allocation Summary has no ConsignmentReference field: the consignment is only the last
 * path segment of its `detail` link (or of its `label` link, as a fallback).
 */
export function consignmentReferenceOf(summary: IDataObject): string | undefined {
	const links = Array.isArray(summary.ApiLinks) ? (summary.ApiLinks as IDataObject[]) : [];
	let href: unknown;
	for (const rel of ['detail', 'label']) {
		href = links.find((link) => String(link?.Rel ?? '').toLowerCase() === rel)?.Href;
		if (href !== undefined) break;
	}
	return typeof href === 'string' ? lastPathSegment(href) : undefined;
}

/** The Allocation Summaries of an answer, each with `ConsignmentReference` (from its link) first. */
export async function decodeAllocationSummaries(
	body: string,
	contentType: string | undefined,
): Promise<IDataObject[]> {
	const summaries = await decodeList(body, contentType, ALLOCATION_SUMMARY, 'AllocationSummary');
	for (const summary of summaries)
		summary.ConsignmentReference =
			consignmentReferenceOf(summary) ?? summary.ConsignmentReference ?? null;
	return summaries;
}

const SUMMARY_LIST: ListField = { list: ALLOCATION_SUMMARY, item: 'AllocationSummary' };

/**
 * The answer of a call for one consignment: SortedPRO's SDK types it as a list of summaries,
 * its help pages as one summary; both are read. A lone summary without a link is that
 * consignment's.
 */
async function decodeOneConsignment(
	body: string,
	contentType: string | undefined,
	reference: string,
): Promise<IDataObject[]> {
	const { value } = await decodeAnswer(body, contentType, {
		object: ALLOCATION_SUMMARY,
		list: SUMMARY_LIST,
		xmlRoots: { AllocationSummary: ALLOCATION_SUMMARY, ArrayOfAllocationSummary: SUMMARY_LIST },
	});
	const summaries = (Array.isArray(value) ? value : [value]) as IDataObject[];
	for (const summary of summaries)
		summary.ConsignmentReference = consignmentReferenceOf(summary) ?? null;
	if (summaries.length === 1 && summaries[0].ConsignmentReference === null)
		summaries[0].ConsignmentReference = reference;
	return summaries;
}

// How SortedPRO words a refusal because the consignment is allocated already.
const ALREADY_ALLOCATED = /\b(already allocated|in state allocated)\b/i;

const NOTICES = {
	resent:
		'A request holding this consignment failed after SortedPRO may have acted on it, and a resend found it already allocated: it was most likely allocated by this run. Its tracking details are in SortedPRO.',
	accepted:
		'SortedPRO accepted this consignment for later processing (HTTP 202 with no Allocation Summary): it is not allocated yet. Check its state in SortedPRO before printing labels.',
};

function unconfirmed(summary: IDataObject, notice: keyof typeof NOTICES): ConsignmentOutcome {
	summary.AllocationUnconfirmed = true;
	summary.Notice = NOTICES[notice];
	return { ok: true, json: summary };
}

const described = (summary: IDataObject) =>
	typeof summary.Description === 'string' && summary.Description
		? summary.Description
		: 'no reason given';
const isSuccess = (summary: IDataObject) =>
	Number(summary.StatusCode) >= 200 && Number(summary.StatusCode) <= 299;

/**
 * Each consignment's outcome from the answer's summaries (paired by ConsignmentReference, see
 * pairEntries): allocated, refused (StatusCode not 2xx), or left out (missing: the engine
 * reports it). After an attempt SortedPRO may have acted on, "already allocated" means
 * allocated but unconfirmed. Summaries for consignments not in the request are reported, not
 * taken as results.
 */
export function answerFromSummaries(
	references: string[],
	summaries: IDataObject[],
	afterUncertainAttempt: boolean,
	group: string,
): BatchAnswer {
	return pairEntries(references, summaries, {
		outcome(summary) {
			if (isSuccess(summary)) return { ok: true, json: summary };
			const reason = described(summary);
			// Most likely allocated by the attempt whose answer was lost: not an error to clean up.
			if (afterUncertainAttempt && ALREADY_ALLOCATED.test(reason))
				return unconfirmed(summary, 'resent');
			return {
				ok: false,
				reason,
				description: `SortedPRO answered this consignment with StatusCode ${String(summary.StatusCode)}`,
				httpCode: String(summary.StatusCode),
			};
		},
		says: (summary) =>
			isSuccess(summary)
				? `allocated: ${described(summary)}`
				: `failed with StatusCode ${String(summary.StatusCode)}: ${described(summary)}`,
		unexpected: (named) => ({
			message: `SortedPRO returned an Allocation Summary for consignment ${named}, which was not in the request`,
			description: `The request held ${references.length} consignment(s)${group ? ` for carrier service ${group}` : ''}. This summary is reported, not taken as a result.`,
		}),
	});
}

/**
 * The item of a consignment SortedPRO answered without a summary (202 with no body, a refusal
 * of the whole request): the summary's fields, empty but for the status and its text.
 */
function emptySummary(reference: string, status: number, description: string | null): IDataObject {
	return {
		ConsignmentReference: reference,
		StatusCode: status,
		ApiLinks: [],
		Description: description,
		ConsignmentLegs: [],
		CarrierReference: null,
		CarrierName: null,
		CarrierServiceReference: null,
		CarrierServiceName: null,
	};
}

/**
 * Sends one allocation request (any of the allocate calls) and reads its Allocation Summaries.
 * 202 with no body: each consignment accepted, unconfirmed. An answer that cannot be read
 * fails the request, saying the consignments may have been allocated.
 */
export async function sendAllocation(
	this: IExecuteFunctions,
	run: RunContext,
	request: Omit<SortedProRequest, 'connection' | 'format' | 'limit'>,
	references: string[],
	group = '',
	/** a call for one consignment (in its path): the answer may be one summary or a list of one */
	oneConsignment = false,
): Promise<BatchAnswer> {
	let response: SortedProResponse;
	try {
		response = await sortedProRequest.call(
			this,
			{ ...request, connection: run.connection, format: run.options.format, limit: run.limit },
			run.options.policy,
		);
	} catch (caught) {
		// A call for one consignment is refused as a whole (HTTP 4xx) where a list call answers per consignment.
		const refusal =
			oneConsignment && caught instanceof NodeApiError && /^4\d\d$/.test(String(caught.httpCode))
				? caught
				: undefined;
		if (!refusal) {
			throw caught instanceof NodeApiError || caught instanceof NodeOperationError
				? caught
				: new NodeOperationError(this.getNode(), caught as Error);
		}
		const answer: BatchAnswer = { outcomes: new Map(), unexpected: [] };
		if (mayHaveActed(refusal) && ALREADY_ALLOCATED.test(refusal.message)) {
			// As a list call's "already allocated" summary after such an attempt: allocated, unconfirmed.
			const summary = emptySummary(references[0], Number(refusal.httpCode), refusal.message);
			answer.outcomes.set(references[0], unconfirmed(summary, 'resent'));
			return answer;
		}
		answer.outcomes.set(references[0], {
			ok: false,
			reason: refusal.message,
			description: refusal.description ?? '',
			httpCode: String(refusal.httpCode),
		});
		await confirmAlreadyAllocated.call(this, run, answer, request.itemIndex ?? 0);
		const outcome = answer.outcomes.get(references[0]);
		if (outcome?.ok) return answer;
		// The look-up's finding (why the state could not be checked) goes with the refusal.
		if (outcome) refusal.message = outcome.reason;
		// The resend's refusal tells the consignment's state now: whatever the lost attempt did, it is not allocated.
		delete refusal.context.mayHaveActed;
		throw refusal;
	}
	if (response.statusCode === 202 && response.body.trim() === '') {
		const answer: BatchAnswer = { outcomes: new Map(), unexpected: [] };
		for (const reference of references)
			answer.outcomes.set(reference, unconfirmed(emptySummary(reference, 202, null), 'accepted'));
		return answer;
	}
	let summaries: IDataObject[];
	try {
		summaries = oneConsignment
			? await decodeOneConsignment(response.body, response.contentType, references[0])
			: await decodeAllocationSummaries(response.body, response.contentType);
	} catch (error) {
		throw markMayHaveActed(
			new NodeOperationError(
				this.getNode(),
				`SortedPRO's answer could not be read: ${(error as Error).message}`,
				{
					itemIndex: request.itemIndex,
					description: `HTTP ${response.statusCode}, Content-Type ${response.contentType ?? 'none'}. The consignments may have been allocated: check them in SortedPRO.`,
				},
			),
		);
	}
	const answer = answerFromSummaries(references, summaries, response.uncertainAttempts > 0, group);
	const refused = new Map(
		summaries.map((summary) => [String(summary.ConsignmentReference), summary]),
	);
	await confirmAlreadyAllocated.call(this, run, answer, request.itemIndex ?? 0, refused);
	return answer;
}
