import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { BatchAnswer } from '../batch/types';
import { getConsignment } from '../consignment/get.operation';
import { ALLOCATED_STATES } from '../consignment/states';
import type { RunContext } from '../run';

export const ifAlreadyAllocatedOption: INodeProperties = {
	displayName: 'If Already Allocated',
	name: 'ifAlreadyAllocated',
	type: 'options',
	default: 'error',
	options: [
		{
			name: 'Report as Error',
			value: 'error',
			description: 'A consignment SortedPRO refuses because it is allocated already is a failure',
		},
		{
			name: 'Report as Allocated',
			value: 'allocated',
			description:
				'For re-runs: a refused consignment whose own state shows it allocated comes out as allocated, with its current allocation',
		},
	],
	description:
		'What to do with a consignment that is already allocated, e.g. when the same rows are run again after a run that stopped halfway',
};

const NO_DETAILS =
	'SortedPRO did not give this consignment’s carrier service or tracking references: look them up in SortedPRO.';

/** The output item of a consignment found allocated: the Allocation Summary's fields, from the consignment. */
function alreadyAllocatedItem(
	reference: string,
	summary: IDataObject | undefined,
	consignment: IDataObject,
): IDataObject {
	const allocation = (consignment.Allocation ?? {}) as IDataObject;
	const legs = Array.isArray(consignment.ConsignmentLegs)
		? (consignment.ConsignmentLegs as IDataObject[])
		: [];
	const firstLeg = legs[0] ?? {};
	const serviceReference = allocation.MpdCarrierServiceReference ?? null;
	const tracked = legs.some(
		(leg) => Array.isArray(leg.TrackingReferences) && leg.TrackingReferences.length > 0,
	);
	return {
		ConsignmentReference: reference,
		StatusCode: summary?.StatusCode ?? null,
		ApiLinks: summary?.ApiLinks ?? [],
		Description: summary?.Description ?? null,
		ConsignmentLegs: legs,
		CarrierReference: firstLeg.CarrierReference ?? null,
		CarrierName: firstLeg.CarrierName ?? null,
		CarrierServiceReference: serviceReference,
		CarrierServiceName: allocation.MpdCarrierServiceName ?? null,
		AlreadyAllocated: true,
		ConsignmentState: consignment.ConsignmentState,
		...(serviceReference === null || !tracked ? { Notice: NO_DETAILS } : {}),
	};
}

/**
 * For "If Already Allocated: Report as Allocated": every consignment the answer refused is
 * looked up (GET /consignments/{ref}); one whose own state shows it allocated becomes an
 * allocated item marked `AlreadyAllocated`. Any other failure stays a failure, and so does one
 * whose state cannot be read or whose look-up answers with another consignment's `Reference`
 * (the reason says so). `summaries` are the refused summaries, by reference, when the answer
 * had them.
 */
export async function confirmAlreadyAllocated(
	run: RunContext,
	answer: BatchAnswer,
	itemIndex: number,
	summaries: Map<string, IDataObject> = new Map(),
): Promise<void> {
	// An uncertain outcome is no refusal: the answer contradicted itself, so the user checks it.
	const refused = [...answer.outcomes]
		.filter(([, outcome]) => !outcome.ok && !outcome.uncertain)
		.map(([reference]) => reference);
	await Promise.all(
		refused.map(async (reference) => {
			const outcome = answer.outcomes.get(reference);
			if (!outcome || outcome.ok) return;
			let consignment: IDataObject;
			try {
				consignment = await getConsignment(run, itemIndex, reference);
			} catch (error) {
				outcome.reason += ` (its state could not be read to check for an earlier allocation: ${(error as Error).message})`;
				return;
			}
			// Another consignment's state says nothing of this one's.
			if (consignment.Reference !== reference) {
				const other =
					typeof consignment.Reference === 'string' && consignment.Reference !== ''
						? `consignment ${consignment.Reference}`
						: 'a consignment without a reference';
				outcome.reason += ` (SortedPRO answered the look-up of consignment ${reference} with ${other}: its state could not be checked for an earlier allocation)`;
				return;
			}
			if (ALLOCATED_STATES.has(String(consignment.ConsignmentState))) {
				answer.outcomes.set(reference, {
					ok: true,
					json: alreadyAllocatedItem(reference, summaries.get(reference), consignment),
				});
			}
		}),
	);
}
