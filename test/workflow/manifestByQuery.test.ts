/**
 * Manifest → Manifest by Query: the criteria as SortedPRO's example sends them, the answer's
 * counts, the verb the help pages disagree on, and a queue request never resent blindly.
 */
import { captureLogs } from '../harness';

import type { INodeParameters } from 'n8n-workflow';

import { runSortedPro } from './run';
import { API_KEY, serialiseRun, useSimulator } from './setup';

captureLogs();

const sim = useSimulator({
	consignments: [
		{ reference: 'EC-000-MQ1-X01', state: 'Allocated', carrierServiceReference: 'CX_NDS' },
		{ reference: 'EC-000-MQ2-X02', state: 'Allocated', carrierServiceReference: 'CX_NDS' },
		{ reference: 'EC-000-MQ3-DPD', state: 'Allocated', carrierServiceReference: 'EDC5_DPDSS' },
		{ reference: 'EC-000-MQ4-MFX', state: 'ManifestFailed', carrierServiceReference: 'CX_NDS' },
		{ reference: 'EC-000-MQ5-NEW', state: 'Unallocated' },
	],
});

const options = { retryDelay: 0, maxRetryWait: 10 };
const manifestByQuery = (parameters: INodeParameters = {}) =>
	runSortedPro(
		sim,
		{ resource: 'manifest', operation: 'manifestFromQuery', options, ...parameters },
		[{ json: {} }],
	);
const queries = () => sim.requests.filter((r) => r.path === '/consignments/manifestFromQuery');
const stateOf = (reference: string) => sim.consignment(reference)?.state;

describe('Manifest → Manifest by Query', () => {
	it('sends only the criteria given; one item with SortedPRO’s Message, its counts and FailedConsignments', async () => {
		const result = await manifestByQuery({ carriers: 'CARRIER_X' });
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					Message:
						'Query found 2 consignment(s). 2 successfully queued to manifest. 0 failed to be added to the queue',
					FailedConsignments: [],
					Found: 2,
					Queued: 2,
					NotQueued: 0,
				},
				{ item: 0 },
			],
		]);
		expect(queries().map((r) => [r.method, JSON.parse(r.body ?? '')])).toEqual([
			['POST', { States: ['Allocated'], Carriers: ['CARRIER_X'] }],
		]);
		expect(
			['EC-000-MQ1-X01', 'EC-000-MQ2-X02', 'EC-000-MQ3-DPD', 'EC-000-MQ4-MFX'].map(stateOf),
		).toEqual(['Manifested', 'Manifested', 'Allocated', 'ManifestFailed']);
	});

	it('labels printed, both states and a shipping date narrow the query; a state SortedPRO cannot queue is reported', async () => {
		const labelGet = {
			resource: 'label',
			operation: 'get',
			consignmentReference: 'EC-000-MQ1-X01',
		};
		const label = await runSortedPro(sim, labelGet, [{ json: {} }]);
		expect(label.error).toBeUndefined();
		const narrowed = {
			states: ['Allocated', 'ManifestFailed'],
			labelsPrinted: 'true',
			shippingDate: '2026-12-01T00:00:00',
		};
		const printed = await manifestByQuery(narrowed);
		expect(printed.outputs[0][0].json).toMatchObject({ Found: 0, Queued: 0 });
		sim.setOption('shippingDate', new Date('2026-12-01T17:00:00Z'));
		const dated = await manifestByQuery(narrowed);
		expect(dated.outputs[0][0].json).toMatchObject({ Found: 1, Queued: 1, FailedConsignments: [] });
		expect(stateOf('EC-000-MQ1-X01')).toBe('Manifested');
		expect(JSON.parse(queries()[1].body ?? '')).toEqual({
			States: ['Allocated', 'ManifestFailed'],
			LabelsPrinted: true,
			ShippingDate: '2026-12-01T00:00:00',
		});
		const unqueueable = await manifestByQuery({ states: '={{ ["Unallocated"] }}' });
		expect(unqueueable.outputs[0][0].json).toMatchObject({
			Found: 1,
			Queued: 0,
			NotQueued: 1,
			FailedConsignments: ['EC-000-MQ5-NEW'],
		});
	});

	it('where SortedPRO serves PUT, the POST answered 405 (nothing done) is followed by one PUT', async () => {
		sim.setOption('manifestFromQueryVerb', 'PUT');
		const result = await manifestByQuery({ carriers: 'DPD' });
		expect(result.outputs[0][0].json).toMatchObject({ Found: 1, Queued: 1 });
		expect(queries().map((r) => [r.method, r.status])).toEqual([
			['POST', 405],
			['PUT', 200],
		]);
	});

	it('a 500 after SortedPRO queued them is not resent; the error says SortedPRO may have acted', async () => {
		sim.injectFaults([{ kind: 'status', status: 500, when: 'after' }]);
		const result = await manifestByQuery({ carriers: 'CARRIER_X' });
		expect(queries()).toHaveLength(1);
		expect(result.error).toMatchObject({ httpCode: '500' });
		expect(String((result.error as { description?: string }).description)).toContain(
			'SortedPRO may have acted on the request',
		);
		expect(stateOf('EC-000-MQ1-X01')).toBe('Manifested');
		expect(serialiseRun(result)).not.toContain(API_KEY);
	});

	it('no state chosen, or a list with a control character, is refused before any request', async () => {
		const noState = await manifestByQuery({ states: [] });
		expect(noState.error?.message).toBe(
			'[item 0] "States" is empty: choose Allocated, Manifest Failed or both',
		);
		const badCarrier = await manifestByQuery({ carriers: 'CARRIER\u0007X' });
		expect(badCarrier.error?.message).toMatch(/^\[item 0\] "Carriers" /);
		expect(queries()).toHaveLength(0);
	});
});
