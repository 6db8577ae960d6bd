import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { sortedProRequest, type RetryPolicy, type SortedProConnection } from '../transport';
import { decodeCarrierServices } from '../transport/codec';

/** GET /carrierservices: the MPD carrier services of the subscription. */
export async function getCarrierServices(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	connection: SortedProConnection,
	policy?: RetryPolicy,
): Promise<IDataObject[]> {
	const response = await sortedProRequest.call(this, { method: 'GET', connection, path: '/carrierservices', format: 'json' }, policy);
	return await decodeCarrierServices(response.body, response.contentType);
}

/** `Name (Reference)`, or the reference alone when the list gives no name. */
export function carrierServiceLabel(service: IDataObject): string {
	const name = service.Name ?? service.CarrierServiceName;
	return typeof name === 'string' && name !== '' ? `${name} (${String(service.Reference)})` : String(service.Reference);
}
