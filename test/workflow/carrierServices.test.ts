/**
 * GET /carrierservices as SortedPRO documents it (the SubscriptionMpdCarrierServiceResponse
 * wrapper) and as older answers gave it (a bare list), in JSON and XML; Success false; 404;
 * disabled services; and 202 Accepted on an allocation request.
 */
import { API_KEY, allocate, pick, refsItems, searchCarrierServices, useSimulator } from './setup';
import type { OnError } from './setup';

const sim = useSimulator({ autoCreate: /^EC-/ });

const search = (filter?: string, apiKey?: string) => searchCarrierServices(sim, filter, apiKey);

describe('carrier service list', () => {
	it.each(['wrapper', 'array'] as const)(
		'from the %s answer: Name (Reference), trimmed, disabled last and marked',
		async (mode) => {
			sim.setOption('carrierServicesAnswer', mode);
			const { results } = await search();
			expect(results.map((result) => result.name)).toEqual([
				'Example Service (Example-Carrier-Service)',
				'Next Day Super (CX_NDS)',
				'Refuses Everything (REFUSE-ALL)',
				'Saturday Service (EDC5_DPDSS)',
				'Tracked 48 Non Signature (MPD_RMDTPS48HNAST)',
				'Retired Economy (MPD_OLDECO) [disabled]',
			]);
			// The carrier's own code (Journey[].CarrierService.Reference) is never offered.
			const journeyCodes = sim
				.carrierServices()
				.map((service) => service.Journey[0].CarrierService.Reference);
			for (const code of journeyCodes)
				expect(results.map((result) => result.value)).not.toContain(code);
		},
	);

	it('searches by name and by reference, case-insensitively', async () => {
		const values = async (filter: string) =>
			(await search(filter)).results.map((result) => result.value);
		expect(await values('tracked 48')).toEqual(['MPD_RMDTPS48HNAST']);
		expect(await values('mpd_oldeco')).toEqual(['MPD_OLDECO']);
		expect(await values('no such thing')).toEqual([]);
		expect(sim.requests[0].headers['ocp-apim-subscription-key']).toBe(API_KEY);
	});

	it('uses CarrierServiceName when the list has no Name field', async () => {
		sim.setOption('carrierServiceNameField', 'CarrierServiceName');
		const { results } = await search('CX_NDS');
		expect(results).toEqual([{ name: 'Next Day Super (CX_NDS)', value: 'CX_NDS' }]);
	});

	it('a bad key gives a NodeApiError with the gateway message', async () => {
		await expect(search(undefined, 'bad')).rejects.toMatchObject({
			name: 'NodeApiError',
			message: expect.stringContaining('Access denied'),
			httpCode: '401',
		});
	});

	it("Success false under HTTP 200 is an error carrying SortedPRO's ErrorMessage", async () => {
		sim.setOption('carrierServicesAnswer', 'failure');
		await expect(search()).rejects.toMatchObject({
			name: 'NodeOperationError',
			message:
				'SortedPRO could not list the carrier services: Unable to retrieve the carrier services of this subscription',
		});
	});

	it('404 says the subscription has no carrier services', async () => {
		sim.setOption('carrierServicesAnswer', 'notFound');
		await expect(search()).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: 'This SortedPRO subscription has no carrier services',
			description: expect.stringContaining('404'),
		});
	});
});

describe('carrier service check before allocating', () => {
	const allocationPaths = () =>
		sim.requests.filter((request) => request.method === 'PUT').map((request) => request.path);

	for (const mode of ['wrapper', 'array'] as const) {
		for (const bodyFormat of ['json', 'xml'] as const) {
			it(`${mode} answer, ${bodyFormat}: an unknown service is refused before sending, a known one allocates`, async () => {
				sim.setOption('carrierServicesAnswer', mode);
				const run = (ref: string, carrierService: string, onError?: OnError) =>
					allocate({
						sim,
						items: refsItems([ref]),
						carrierService,
						options: { bodyFormat },
						onError,
					});
				const unknown = await run('EC-1', 'NOPE', 'continueRegularOutput');
				expect(unknown.outputs[0].map((item) => item.json.error)).toEqual([
					'[item 0] "Carrier Service" "NOPE" is not a carrier service of this SortedPRO subscription (pick one from the list)',
				]);
				expect(sim.requests[0].accept).toBe(
					bodyFormat === 'xml' ? 'application/xml' : 'application/json',
				);
				expect(allocationPaths()).toEqual([]);
				const known = await run('EC-2', 'CX_NDS');
				expect(pick(known.outputs[0], 'CarrierServiceReference')).toEqual([['CX_NDS']]);
			});
		}
	}

	it('a disabled service is refused before sending, naming item and field', async () => {
		const result = await allocate({
			sim,
			items: refsItems(['EC-1']),
			carrierService: 'MPD_OLDECO',
		});
		expect(result.error?.message).toBe(
			'[item 0] "Carrier Service" "MPD_OLDECO" is disabled on this SortedPRO subscription (pick an enabled one from the list)',
		);
		expect(allocationPaths()).toEqual([]);
		expect(sim.consignment('EC-1')?.state).toBe('Unallocated');
	});

	it.each([
		['failure', 'SortedPRO could not list the carrier services'],
		['notFound', 'This SortedPRO subscription has no carrier services'],
	] as const)(
		'%s: nothing refused, SortedPRO decides, and a hint says the check was skipped',
		async (mode, reason) => {
			sim.setOption('carrierServicesAnswer', mode);
			const result = await allocate({ sim, items: refsItems(['EC-1', 'EC-2']) });
			expect(pick(result.outputs[0], 'ConsignmentReference')).toEqual([['EC-1'], ['EC-2']]);
			expect(allocationPaths()).toEqual(['/allocation/allocatewithcarrierservice']);
			const hints = result.runData[result.nodeName][0].hints ?? [];
			expect(hints.map((hint) => hint.message)).toEqual([
				expect.stringContaining(`Carrier services were not checked before allocating: ${reason}`),
			]);
		},
	);
});

describe('202 Accepted on an allocation request', () => {
	it('with a body of summaries: read as 200', async () => {
		sim.setOption('allocationAnswer', 'accepted');
		const result = await allocate({ sim, items: refsItems(['EC-1', 'EC-2']) });
		expect(
			pick(result.outputs[0], 'ConsignmentReference', 'StatusCode', 'AllocationUnconfirmed'),
		).toEqual([
			['EC-1', 200, undefined],
			['EC-2', 200, undefined],
		]);
	});

	it.each(['json', 'xml'] as const)(
		'with no body (%s): each consignment a success item marked unconfirmed, with a notice',
		async (bodyFormat) => {
			sim.setOption('allocationAnswer', 'acceptedEmpty');
			const items = refsItems(['EC-1', 'EC-2', 'EC-1']);
			const result = await allocate({ sim, items, options: { bodyFormat } });
			expect(pick(result.outputs[0], 'ConsignmentReference', 'pairedItem')).toEqual([
				['EC-1', [{ item: 0 }, { item: 2 }]],
				['EC-2', { item: 1 }],
			]);
			for (const item of result.outputs[0]) {
				expect(item.json).toMatchObject({
					StatusCode: 202,
					AllocationUnconfirmed: true,
					ConsignmentLegs: [],
					CarrierServiceReference: null,
				});
				expect(item.json.Notice).toContain('accepted this consignment for later processing');
			}
			expect(sim.consignment('EC-2')?.state).toBe('Allocating');
		},
	);
});
