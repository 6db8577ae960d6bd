import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { SortedProClient } from '../../transport';
import { decodeAnswer, type ListField, type Schema } from '../../transport/codec';
import type { RunContext } from '../run';

const CARRIER_SERVICE: Schema = {
	Reference: 'string',
	Name: 'string',
	CarrierServiceName: 'string',
};
const CARRIER_SERVICE_LIST: ListField = { list: CARRIER_SERVICE, item: 'MpdCarrierService' };
// GET /carrierservices answers SortedPRO's SubscriptionMpdCarrierServiceResponse.
const CARRIER_SERVICE_RESPONSE: Schema = {
	Success: 'boolean',
	ErrorMessage: 'string',
	MpdCarrierServices: CARRIER_SERVICE_LIST,
};

/** GET /carrierservices answered HTTP 2xx with `Success: false`. */
export class CarrierServicesRefusedError extends Error {}

/**
 * The carrier services of GET /carrierservices: from the documented wrapper
 * `{Success, ErrorMessage, MpdCarrierServices}` (JSON, or XML `SubscriptionMpdCarrierServiceResponse`),
 * or from a bare list (JSON array, XML `ArrayOf…`). `Success: false` throws
 * CarrierServicesRefusedError with SortedPRO's ErrorMessage.
 */
export async function decodeCarrierServices(
	body: string,
	contentType: string | undefined,
): Promise<IDataObject[]> {
	const { value } = await decodeAnswer(body, contentType, {
		object: CARRIER_SERVICE_RESPONSE,
		list: CARRIER_SERVICE_LIST,
		xmlRoots: { SubscriptionMpdCarrierServiceResponse: CARRIER_SERVICE_RESPONSE },
	});
	let services: unknown = value;
	if (!Array.isArray(value)) {
		const response = value as IDataObject;
		if (response.Success === false) {
			const message = typeof response.ErrorMessage === 'string' ? response.ErrorMessage.trim() : '';
			throw new CarrierServicesRefusedError(message || 'no reason given');
		}
		services = response.MpdCarrierServices;
	}
	if (!Array.isArray(services)) throw new Error('expected MpdCarrierServices to be a list');
	return services.filter(
		(service): service is IDataObject => service !== null && typeof service === 'object',
	);
}

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

export function toCarrierService(entry: IDataObject): CarrierService | undefined {
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
	api: SortedProClient,
): Promise<CarrierService[]> {
	let entries: IDataObject[];
	try {
		const response = await api.send({ method: 'GET', path: '/carrierservices' });
		entries = await decodeCarrierServices(response.body, response.contentType);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			throw new NodeOperationError(
				this.getNode(),
				'This SortedPRO subscription has no carrier services',
				{
					description: `GET /carrierservices answered 404 (${error.message}). Set up carrier services in SortedPRO, or give the carrier service By Reference.`,
				},
			);
		}
		if (error instanceof CarrierServicesRefusedError) {
			throw new NodeOperationError(
				this.getNode(),
				`SortedPRO could not list the carrier services: ${error.message}`,
				{
					description:
						'GET /carrierservices answered Success: false. Give the carrier service By Reference, or try again later.',
				},
			);
		}
		throw error instanceof NodeApiError
			? error
			: new NodeOperationError(
					this.getNode(),
					`SortedPRO's list of carrier services could not be read: ${(error as Error).message}`,
				);
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

/**
 * The pre-check of the allocate-with-carrier-service calls: a carrier service the subscription
 * does not have, or has Disabled, is refused before allocating, so a typo is reported against
 * its item and field (and no consignment is moved to AllocationFailed by a service that cannot
 * take it). When the list cannot be had (404: no services, Success false, or no answer)
 * nothing is refused, SortedPRO's allocation answer decides, and the run carries a hint
 * saying the check was skipped and why.
 */
export async function checkCarrierServices(
	this: IExecuteFunctions,
	references: string[],
	run: RunContext,
): Promise<Map<string, string>> {
	const problems = new Map<string, string>();
	let known: Map<string, CarrierService>;
	try {
		const services = await getCarrierServices.call(this, run.api);
		known = new Map(services.map((service) => [service.reference, service]));
	} catch (error) {
		this.addExecutionHints?.({
			message: `Carrier services were not checked before allocating: ${(error as Error).message}`,
			type: 'warning',
			location: 'outputPane',
		});
		return problems;
	}
	for (const reference of references) {
		const service = known.get(reference);
		if (!service)
			problems.set(
				reference,
				'is not a carrier service of this SortedPRO subscription (pick one from the list)',
			);
		else if (service.disabled)
			problems.set(
				reference,
				'is disabled on this SortedPRO subscription (pick an enabled one from the list)',
			);
	}
	return problems;
}
