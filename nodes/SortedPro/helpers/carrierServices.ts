import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { sortedProRequest, type RetryPolicy, type SortedProConnection } from '../transport';
import { CarrierServicesRefusedError, decodeCarrierServices, type BodyFormat } from '../transport/codec';

/** A carrier service of the subscription, as the node uses it. */
export interface CarrierService {
	/** The MpdCarrierServiceReference to allocate with (SortedPRO's UI: "Service Code") */
	reference: string;
	/** Display name, trimmed (SortedPRO's own examples carry a trailing space) */
	name: string;
	/** Status Disabled (2 in JSON, "Disabled" as an XML enum name) */
	disabled: boolean;
}

function isDisabled(status: unknown): boolean {
	return status === 2 || (typeof status === 'string' && /^\s*(2|disabled)\s*$/i.test(status));
}

function toCarrierService(entry: IDataObject): CarrierService | undefined {
	// Only the top-level Reference: Journey[].CarrierService.Reference is the carrier's own code.
	if (typeof entry.Reference !== 'string' || entry.Reference.trim() === '') return undefined;
	const name = entry.Name ?? entry.CarrierServiceName;
	return {
		reference: entry.Reference.trim(),
		name: typeof name === 'string' ? name.trim() : '',
		disabled: isDisabled(entry.Status),
	};
}

/**
 * GET /carrierservices: the MPD carrier services of the subscription. A 404 (SortedPRO: no
 * carrier services) and `Success: false` are NodeOperationErrors that say so.
 */
export async function getCarrierServices(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	connection: SortedProConnection,
	format: BodyFormat = 'json',
	policy?: RetryPolicy,
): Promise<CarrierService[]> {
	let entries: IDataObject[];
	try {
		const response = await sortedProRequest.call(this, { method: 'GET', connection, path: '/carrierservices', format }, policy);
		entries = await decodeCarrierServices(response.body, response.contentType);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			throw new NodeOperationError(this.getNode(), 'This SortedPRO subscription has no carrier services', {
				description: `GET /carrierservices answered 404 (${error.message}). Set up carrier services in SortedPRO, or give the carrier service By Reference.`,
			});
		}
		if (error instanceof CarrierServicesRefusedError) {
			throw new NodeOperationError(this.getNode(), `SortedPRO could not list the carrier services: ${error.message}`, {
				description: 'GET /carrierservices answered Success: false. Give the carrier service By Reference, or try again later.',
			});
		}
		throw error;
	}
	const services: CarrierService[] = [];
	for (const entry of entries) {
		const service = toCarrierService(entry);
		if (service) services.push(service);
	}
	return services;
}

/** `Name (Reference)`, the reference alone when the list gives no name; disabled ones say so. */
export function carrierServiceLabel(service: CarrierService): string {
	const label = service.name !== '' ? `${service.name} (${service.reference})` : service.reference;
	return service.disabled ? `${label} [disabled]` : label;
}
