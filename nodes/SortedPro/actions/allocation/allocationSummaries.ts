import type { IDataObject } from 'n8n-workflow';

import { decodeAnswer, decodeList, type ListField, type Schema } from '../../transport/codec';
import { API_LINKS, lastPathSegment, STRING_LIST } from '../answers';
import { pairEntries } from '../batch/pairEntries';
import type { BatchAnswer, ConsignmentOutcome } from '../batch/types';

const CONSIGNMENT_LEG: Schema = {
	Leg: 'number',
	TrackingReferences: STRING_LIST,
	CarrierReference: 'string',
	CarrierServiceReference: 'string',
	CarrierName: 'string',
};
const ALLOCATION_SUMMARY: Schema = {
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
export async function decodeOneConsignment(
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
export const ALREADY_ALLOCATED = /\b(already allocated|in state allocated)\b/i;

const NOTICES = {
	resent:
		'A request holding this consignment failed after SortedPRO may have acted on it, and a resend found it already allocated: it was most likely allocated by this run. Its tracking details are in SortedPRO.',
	accepted:
		'SortedPRO accepted this consignment for later processing (HTTP 202 with no Allocation Summary): it is not allocated yet. Check its state in SortedPRO before printing labels.',
};

/** SortedPRO only accepted the consignment for later processing (202, no summary): not allocated yet. */
export const acceptedOnly = (json: IDataObject) =>
	json.AllocationUnconfirmed === true && json.Notice === NOTICES.accepted;

export function unconfirmed(
	summary: IDataObject,
	notice: keyof typeof NOTICES,
): ConsignmentOutcome {
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
export function emptySummary(
	reference: string,
	status: number,
	description: string | null,
): IDataObject {
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
