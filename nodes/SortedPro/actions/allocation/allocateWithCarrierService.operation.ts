import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AllocationPlan, notAllocatedMessage, pairedItems, type Batch } from '../../helpers/allocationPlan';
import { getCarrierServices, type CarrierService } from '../../helpers/carrierServices';
import { inputError, readItemInputs, reject, type ItemInput } from '../../helpers/itemInput';
import { applySummaries } from '../../helpers/summaries';
import { readSettings, type RunSettings } from '../../helpers/runSettings';
import { connect, sortedProRequest, type SortedProConnection } from '../../transport';
import { decodeAllocationSummaries, encodeAllocateRequest } from '../../transport/codec';

const show = { resource: ['allocation'], operation: ['allocateWithCarrierService'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Carrier Service',
		name: 'carrierService',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The MPD carrier service to allocate the consignments to (SortedPRO calls its reference "Service Code")',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCarrierServices', searchable: true },
			},
			{
				displayName: 'By Reference',
				name: 'reference',
				type: 'string',
				placeholder: 'e.g. MPD_RMDTPS48HNAST',
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'Consignment References',
		name: 'consignmentReferences',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. EC-000-05A-Z6S, EC-000-083-45D',
		description:
			'One consignment reference, several separated by commas, spaces or new lines, or an expression returning a list of references',
		displayOptions: { show },
	},
	{
		displayName: 'Request Mode',
		name: 'requestMode',
		type: 'options',
		default: 'combine',
		options: [
			{
				name: 'Combine Items',
				value: 'combine',
				description: 'Send the references of all items together, per carrier service, in batches',
			},
			{
				name: 'One Request per Item',
				value: 'perItem',
				description: 'Send each item’s references in a request of its own',
			},
		],
		description: 'How references are grouped into requests. The output is the same either way.',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				default: 100,
				typeOptions: { minValue: 1, maxValue: 1000, numberPrecision: 0 },
				description: 'Most consignment references to send in one request',
			},
			{
				displayName: 'Body Format',
				name: 'bodyFormat',
				type: 'options',
				default: 'json',
				options: [
					{ name: 'JSON', value: 'json' },
					{ name: 'XML', value: 'xml' },
				],
				description: 'Format of the request and answer bodies. The output items are the same either way.',
			},
			{
				displayName: 'Max Retry Wait (Ms)',
				name: 'maxRetryWait',
				type: 'number',
				default: 30000,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description: 'Longest wait before a resend, also when SortedPRO asks for a longer one with Retry-After',
			},
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
				description:
					'How often to resend a request that got 429, 500, 502, 503, 504 or a broken connection. A consignment a resend finds already allocated is reported as allocated (unconfirmed).',
			},
			{
				displayName: 'Retry Delay (Ms)',
				name: 'retryDelay',
				type: 'number',
				default: 1000,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description: 'Wait before the first resend; it doubles for each further one. A Retry-After from SortedPRO takes precedence.',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				default: 60000,
				typeOptions: { minValue: 1, numberPrecision: 0 },
				description: 'How long to wait for an answer to one request before treating the connection as broken',
			},
		],
	},
];

const UNCONFIRMED_NOTICES = {
	resent:
		'A request holding this consignment failed after SortedPRO may have acted on it, and a resend found it already allocated: it was most likely allocated by this run. Its tracking details are in SortedPRO.',
	accepted:
		'SortedPRO accepted this consignment for later processing (HTTP 202 with no Allocation Summary): it is not allocated yet. Check its state in SortedPRO before printing labels.',
};

/** The item of a consignment SortedPRO accepted (202) without a summary: the summary's fields, empty. */
function acceptedSummary(reference: string): IDataObject {
	return {
		ConsignmentReference: reference,
		StatusCode: 202,
		ApiLinks: [],
		Description: null,
		ConsignmentLegs: [],
		CarrierReference: null,
		CarrierName: null,
		CarrierServiceReference: null,
		CarrierServiceName: null,
	};
}

/**
 * Refuses items whose carrier service the subscription does not have, or has Disabled, before
 * allocating, so a typo is reported against its item and field (and no consignment is moved to
 * AllocationFailed by a service that cannot take it). When the list cannot be had (404: no services,
 * Success false, or no answer) nothing is refused, SortedPRO's allocation answer decides, and
 * the run carries a hint saying the check was skipped and why.
 */
async function withKnownCarrierServices(
	this: IExecuteFunctions,
	inputs: ItemInput[],
	connection: SortedProConnection,
	settings: RunSettings,
	rejected: INodeExecutionData[],
): Promise<ItemInput[]> {
	let known: Map<string, CarrierService>;
	try {
		const services = await getCarrierServices.call(this, connection, settings.format, settings.policy);
		known = new Map(services.map((service) => [service.reference, service]));
	} catch (error) {
		this.addExecutionHints?.({
			message: `Carrier services were not checked before allocating: ${(error as Error).message}`,
			type: 'warning',
			location: 'outputPane',
		});
		return inputs;
	}
	return inputs.filter((input) => {
		const service = known.get(input.carrierService);
		if (service && !service.disabled) return true;
		const problem = service
			? `"${input.carrierService}" is disabled on this SortedPRO subscription (pick an enabled one from the list)`
			: `"${input.carrierService}" is not a carrier service of this SortedPRO subscription (pick one from the list)`;
		reject.call(this, inputError.call(this, input.itemIndex, 'Carrier Service', problem), rejected);
		return false;
	});
}

async function allocateBatch(this: IExecuteFunctions, connection: SortedProConnection, batch: Batch, settings: RunSettings) {
	const { format } = settings;
	const references = batch.consignments.map((consignment) => consignment.reference);
	const itemIndex = batch.consignments[0].itemIndexes[0];
	try {
		const response = await sortedProRequest.call(this, {
			method: 'PUT',
			connection,
			path: '/allocation/allocatewithcarrierservice',
			format,
			body: await encodeAllocateRequest(format, batch.carrierService, references),
			itemIndex,
		}, settings.policy);
		if (response.statusCode === 202 && response.body.trim() === '') {
			for (const consignment of batch.consignments) {
				consignment.outcome = { allocated: true, summary: acceptedSummary(consignment.reference), unconfirmed: 'accepted' };
			}
			return [];
		}
		let summaries: IDataObject[];
		try {
			summaries = await decodeAllocationSummaries(response.body, response.contentType);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `SortedPRO's answer could not be read: ${(error as Error).message}`, {
				itemIndex,
				description: `HTTP ${response.statusCode}, Content-Type ${response.contentType ?? 'none'}. The consignments may have been allocated: check them in SortedPRO.`,
			});
		}
		const unexpected = applySummaries(this.getNode(), batch, summaries, response.uncertainAttempts > 0);
		if (unexpected.length > 0 && !this.continueOnFail()) throw unexpectedSummaryError.call(this, unexpected[0], batch);
		return unexpected;
	} catch (caught) {
		const error =
			caught instanceof NodeApiError || caught instanceof NodeOperationError
				? caught
				: new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
		if (!this.continueOnFail()) throw error;
		const reason = error instanceof NodeApiError && error.httpCode ? `${error.message} (HTTP ${error.httpCode})` : error.message;
		for (const consignment of batch.consignments) consignment.outcome = { allocated: false, reason, error };
		return [];
	}
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const settings = readSettings.call(this);
	const rejected: INodeExecutionData[] = [];
	let inputs = readItemInputs.call(this, items, rejected);
	if (inputs.length === 0) return [rejected];
	const connection = await connect(this);
	inputs = await withKnownCarrierServices.call(this, inputs, connection, settings, rejected);
	const plan = new AllocationPlan(settings.mode);
	for (const input of inputs) plan.add(input.itemIndex, input.carrierService, input.references);
	const unexpected: Array<{ summary: IDataObject; batch: Batch }> = [];

	for (const batch of plan.batches(settings.batchSize)) {
		for (const summary of await allocateBatch.call(this, connection, batch, settings)) unexpected.push({ summary, batch });
		if (this.continueOnFail()) continue;
		// Stop at the first refused consignment, as n8n does for a failing item; earlier batches are done.
		const failed = batch.consignments.find((consignment) => consignment.outcome?.allocated === false);
		if (failed?.outcome?.allocated === false) throw failed.outcome.error;
	}

	const output: INodeExecutionData[] = [];
	for (const consignment of plan.consignments) {
		const { outcome } = consignment;
		const pairedItem = pairedItems(consignment);
		if (outcome?.allocated) {
			// The decoded summary is the output: it already leads with ConsignmentReference.
			const json = outcome.summary;
			if (outcome.unconfirmed) {
				json.AllocationUnconfirmed = true;
				json.Notice = UNCONFIRMED_NOTICES[outcome.unconfirmed];
			}
			output.push({ json, pairedItem });
		} else if (outcome) {
			output.push({ json: { error: notAllocatedMessage(consignment, outcome.reason) }, pairedItem });
		}
	}
	for (const { summary, batch } of unexpected) {
		output.push(unexpectedSummaryItem.call(this, summary, batch));
	}
	return [output.concat(rejected)];
}

function unexpectedSummaryError(this: IExecuteFunctions, summary: IDataObject, batch: Batch) {
	const reference = typeof summary.ConsignmentReference === 'string' ? summary.ConsignmentReference : 'unknown';
	return new NodeOperationError(
		this.getNode(),
		`SortedPRO returned an Allocation Summary for consignment ${reference}, which was not in the request`,
		{
			itemIndex: batch.consignments[0].itemIndexes[0],
			description: `The request was for carrier service ${batch.carrierService} and ${batch.consignments.length} other consignment(s). This summary is reported, not taken as a result.`,
		},
	);
}

function unexpectedSummaryItem(this: IExecuteFunctions, summary: IDataObject, batch: Batch): INodeExecutionData {
	return { json: { error: unexpectedSummaryError.call(this, summary, batch).message }, pairedItem: pairedItems(batch.consignments[0]) };
}
