/**
 * Allocate With Service Filters: the filters per item (grouping), in JSON and XML, and the
 * filters refused before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_CARRIER_SERVICES } from '../simulator';
import { keySecrecy, refsItems, requestsOf, useSimulator, pick } from './setup';
import { outcomeOf, runOperation } from './family';

const INBOUND = {
	Reference: 'RETURNS_POST',
	Name: 'Returns by Post',
	CarrierReference: 'ROYAL_MAIL',
	CarrierName: 'Royal Mail',
	IsDropOff: true,
	direction: 'Inbound' as const,
};
const sim = useSimulator({ autoCreate: /^EC-/ });
// The same services with one inbound service after them.
const withInbound = useSimulator({
	autoCreate: /^EC-/,
	carrierServices: [...DEFAULT_CARRIER_SERVICES, INBOUND],
});
const secrecy = keySecrecy(4);

const puts = () => requestsOf(sim);
const filtersFromItem = {
	serviceDirection: '={{ $json.direction }}',
	isPickup: '={{ $json.pickup }}',
	isDropOff: 'any',
};

const run = async (items: IDataObject[], bodyFormat: 'json' | 'xml' = 'json') =>
	secrecy.record(
		await runOperation({
			sim,
			operation: 'allocateWithServiceFilters',
			items: items.map((json) => ({ json })),
			parameters: filtersFromItem,
			options: { bodyFormat },
			onError: 'continueErrorOutput',
		}),
	);

describe('Allocate With Service Filters: the filters', () => {
	const items = [
		{ ref: 'EC-F-1', direction: 'Outbound', pickup: 'any' },
		{ ref: 'EC-F-2', direction: 'outbound', pickup: true },
		{ ref: 'EC-F-3', direction: 'Outbound', pickup: 'any' },
		{ ref: 'EC-F-4', direction: 'Outbound', pickup: 'false' },
	];

	it('items with the same filters share a request; each request carries its filters; the cheapest match is taken', async () => {
		const result = await run(items);
		expect(result.outputs[1]).toEqual([]);
		expect(
			pick(result.outputs[0], 'ConsignmentReference', 'CarrierServiceReference', 'pairedItem'),
		).toEqual([
			['EC-F-1', 'Example-Carrier-Service', { item: 0 }],
			['EC-F-2', 'EDC5_DPDSS', { item: 1 }],
			['EC-F-3', 'Example-Carrier-Service', { item: 2 }],
			['EC-F-4', 'Example-Carrier-Service', { item: 3 }],
		]);
		// Sent in parallel: compared in the order of their first reference.
		const bodies = puts()
			.map((request) => JSON.parse(request.body ?? '') as { ConsignmentReferences: string[] })
			.sort((a, b) => a.ConsignmentReferences[0].localeCompare(b.ConsignmentReferences[0]));
		expect(bodies).toEqual([
			{ ConsignmentReferences: ['EC-F-1', 'EC-F-3'], Filters: { ServiceDirection: 'Outbound' } },
			{
				ConsignmentReferences: ['EC-F-2'],
				Filters: { ServiceDirection: 'Outbound', IsPickup: true },
			},
			{
				ConsignmentReferences: ['EC-F-4'],
				Filters: { ServiceDirection: 'Outbound', IsPickup: false },
			},
		]);
	});

	it('XML sends the documented Filters element and gives the same output items', async () => {
		const json = await run(items);
		sim.reset();
		const xml = await run(items, 'xml');
		expect(xml.outputs).toStrictEqual(json.outputs);
		expect(puts().find((request) => request.body?.includes('EC-F-2'))?.body).toContain(
			'<ConsignmentReferences><string>EC-F-2</string></ConsignmentReferences><Filters><ServiceDirection>Outbound</ServiceDirection><IsPickup>true</IsPickup></Filters>',
		);
	});

	it('Inbound goes to an inbound service; with none, the refusal names the consignment and the filters', async () => {
		const none = await run([{ ref: 'EC-F-5', direction: 'Inbound', pickup: 'any' }]);
		expect(none.outputs[1].map(outcomeOf)).toEqual([
			'Consignment EC-F-5 was not allocated with service filters Inbound: No carrier service can deliver this consignment',
		]);
		const inbound = await runOperation({
			sim: withInbound,
			operation: 'allocateWithServiceFilters',
			items: refsItems(['EC-F-5']),
			parameters: { serviceDirection: 'Inbound', isDropOff: 'true' },
		});
		expect(pick(inbound.outputs[0], 'ConsignmentReference', 'CarrierServiceReference')).toEqual([
			['EC-F-5', 'RETURNS_POST'],
		]);
		expect(withInbound.consignment('EC-F-5')?.state).toBe('Allocated');
	});

	it('a direction or filter that is not one of the choices is refused before any request, naming item and field', async () => {
		const result = await run([
			{ ref: 'EC-F-6', direction: 'Sideways', pickup: 'any' },
			{ ref: 'EC-F-7', direction: 'Outbound', pickup: 'maybe' },
			{ ref: 'EC-F-8', direction: 'Outbound', pickup: 'any' },
		]);
		expect(pick(result.outputs[1], 'error', 'pairedItem')).toEqual([
			['[item 0] "Service Direction" is "Sideways": choose Outbound or Inbound', { item: 0 }],
			['[item 1] "Pick-Up Services" is "maybe": choose No Filter, Yes or No', { item: 1 }],
		]);
		expect(result.outputs[0].map(outcomeOf)).toEqual(['EC-F-8']);
		expect(puts()).toHaveLength(1);
		const stopped = await runOperation({
			sim,
			operation: 'allocateWithServiceFilters',
			items: refsItems(['EC-F-9']),
			parameters: { serviceDirection: '={{ "Sideways" }}' },
		});
		expect(stopped.error?.message).toBe(
			'[item 0] "Service Direction" is "Sideways": choose Outbound or Inbound',
		);
		expect(puts()).toHaveLength(1);
	});
});

describe('secrets', () => secrecy.test());
