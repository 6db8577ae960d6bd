import type { IDataObject } from 'n8n-workflow';

import {
	API_KEY,
	allocate,
	keySecrecy,
	refsItems,
	requestsOf,
	serialiseRun,
	useSimulator,
	pick,
} from './setup';

const secrecy = keySecrecy(0);
const sim = useSimulator({ autoCreate: /^EC-/, shippingDate: '2026-11-26T17:00:00Z' });

const refs = (n: number, prefix = 'EC-100') =>
	Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
const PUT_PATH = '/allocation/allocatewithcarrierservice';
const allocatePuts = () => requestsOf(sim);

describe('Allocate With Carrier Service: happy path', () => {
	it('outputs one item per Allocation Summary, paired to its input item, in one request', async () => {
		const three = ['EC-000-05A-Z6S', 'EC-000-083-45D', 'EC-000-A04-0DV'];
		const result = await allocate({ sim, items: refsItems(three) });
		expect(result.error).toBeUndefined();
		const [main] = result.outputs;
		expect(pick(main, 'ConsignmentReference', 'pairedItem')).toEqual(
			three.map((ref, item) => [ref, { item }]),
		);
		expect(main[0].json).toMatchObject({ StatusCode: 200, CarrierServiceReference: 'CX_NDS' });
		expect(
			(main[0].json.ConsignmentLegs as Array<{ TrackingReferences: string[] }>)[0]
				.TrackingReferences,
		).toHaveLength(1);
		expect(sim.consignment('EC-000-05A-Z6S')?.state).toBe('Allocated');

		// the carrier service is checked against GET /carrierservices, then one allocation request
		expect(sim.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
		const [request] = allocatePuts();
		expect(request.path).toBe('/allocation/allocatewithcarrierservice');
		expect(request.headers['ocp-apim-subscription-key']).toBe(API_KEY);
		expect(request.headers['electio-api-version']).toBe('1.1');
		expect(request.contentType).toMatch(/^application\/json/);
		expect(JSON.parse(request.body ?? '')).toEqual({
			MpdCarrierServiceReference: 'CX_NDS',
			ConsignmentReferences: three,
		});
	});

	it.each([
		['combine', 3],
		['perItem', 250],
	] as const)(
		'250 items in %s mode send %i requests, and the output is the same',
		async (requestMode, requests) => {
			const result = await allocate({ sim, items: refsItems(refs(250)), requestMode });
			expect(allocatePuts()).toHaveLength(requests);
			expect(result.outputs[0]).toHaveLength(250);
			result.outputs[0].forEach((item, index) => {
				expect(item.json.ConsignmentReference).toBe(refs(250)[index]);
				expect(item.pairedItem).toEqual({ item: index });
			});
		},
	);

	it('Batch Size cuts the requests; several carrier services are grouped in combine mode', async () => {
		const items = refsItems(refs(7)).map((item, index) => ({
			json: { ...item.json, service: index % 2 ? 'EDC5_DPDSS' : 'CX_NDS' },
		}));
		const result = await allocate({
			sim,
			items,
			carrierService: '={{ $json.service }}',
			options: { batchSize: 2 },
		});
		expect(result.outputs[0].map((item) => item.json.CarrierServiceReference)).toEqual(
			items.map((item) => item.json.service),
		);
		const bodies = allocatePuts().map((r) => JSON.parse(r.body ?? ''));
		expect(
			bodies.map((b) => [b.MpdCarrierServiceReference, b.ConsignmentReferences.length]),
		).toEqual([
			['CX_NDS', 2],
			['CX_NDS', 2],
			['EDC5_DPDSS', 2],
			['EDC5_DPDSS', 1],
		]);
	});
});

describe('Allocate With Carrier Service: bad input is refused before any request', () => {
	it.each([
		['an empty carrier service', { carrierService: '' }],
		['no references', { references: '' }],
	])('n8n itself refuses to run with %s (a required parameter)', async (_case, run) => {
		const result = await allocate({ sim, items: refsItems(['EC-2-A']), ...run });
		expect(result.error?.name).toBe('WorkflowHasIssuesError');
		expect(sim.requestCount).toBe(0);
	});

	it('with continueOnFail, a bad item becomes an error item and the good ones are allocated', async () => {
		const items = refsItems(['EC-3-A', 7, 'EC-3-C']);
		const result = await allocate({ sim, items, onError: 'continueErrorOutput' });
		expect(result.outputs[0].map((item) => item.json.ConsignmentReference)).toEqual([
			'EC-3-A',
			'EC-3-C',
		]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].pairedItem).toEqual({ item: 1 });
		// n8n's error output merges the input item's fields into the error item
		expect(result.outputs[1][0].json).toEqual({
			ref: 7,
			error: '[item 1] "Consignment References" contains a number (7); each reference must be text',
		});
	});
});

describe('Allocate With Carrier Service: SortedPRO errors', () => {
	it('401 from the gateway: NodeApiError with its message, and the key nowhere', async () => {
		const result = await allocate({ sim, items: refsItems(['EC-4-A']), apiKey: 'wrong-key' });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toContain('Access denied due to invalid subscription key');
		expect((result.error as { httpCode?: string }).httpCode).toBe('401');
		expect(serialiseRun(result)).not.toContain('wrong-key');
	});

	it('404 from the allocation carries SortedPRO Message, Code and CorrelationId (service list unavailable)', async () => {
		sim.failNext({
			status: 403,
			body: { Code: 'Forbidden', Message: 'No access' },
			path: '/carrierservices',
		});
		const result = await allocate({
			sim,
			items: refsItems(['EC-4-B']),
			carrierService: 'NO-SUCH-SERVICE',
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Carrier service NO-SUCH-SERVICE not found');
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
		expect(result.error?.description).toMatch(
			/^HTTP 404 · Code: CarrierServiceNotFound · CorrelationId: [\w-]+ · Detail: /,
		);
	});

	it('400 with Details lists each detail in the description', async () => {
		sim.failNext({
			path: PUT_PATH,
			status: 400,
			body: {
				Code: 'ValidationFailed',
				Message: 'The request is invalid',
				CorrelationId: 'corr-1',
				Details: [
					{ Code: 'Required', Target: 'ConsignmentReferences[0]', Message: 'Unknown format' },
				],
			},
		});
		const result = await allocate({ sim, items: refsItems(['EC-4-C']) });
		expect(result.error?.message).toBe('The request is invalid');
		expect(result.error?.description).toBe(
			'HTTP 400 · Code: ValidationFailed · CorrelationId: corr-1 · Detail: Required / ConsignmentReferences[0] / Unknown format',
		);
	});

	it('an empty error body still gives a clear error with the status', async () => {
		sim.failNext({ path: PUT_PATH, status: 500, body: '' });
		const result = await allocate({ sim, items: refsItems(['EC-4-D']), options: { retries: 0 } });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toContain('HTTP 500 with an empty body');
	});

	it('an XML ApiError body is read for the message', async () => {
		sim.failNext({
			path: PUT_PATH,
			status: 409,
			body: '<ApiError><Code>Conflict</Code><Message>Consignment is locked</Message><CorrelationId>c-9</CorrelationId></ApiError>',
			contentType: 'application/xml',
		});
		const result = await allocate({
			sim,
			items: refsItems(['EC-4-E']),
			options: { bodyFormat: 'xml' },
		});
		expect(result.error?.message).toBe('Consignment is locked');
		expect(result.error?.description).toContain('Code: Conflict');
	});

	it('with continueOnFail, a rejected request becomes one error item per reference of the batch', async () => {
		sim.setOption('unknownReference', 'reject');
		const items = refsItems(['EC-5-A', 'XX-UNKNOWN', 'EC-5-C']);
		const result = await allocate({ sim, items, onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		expect(pick(result.outputs[0], 'error', 'pairedItem')).toEqual(
			['EC-5-A', 'XX-UNKNOWN', 'EC-5-C'].map((ref, item) => [
				`Consignment ${ref} was not allocated with CX_NDS: Item XX-UNKNOWN not found (HTTP 404)`,
				{ item },
			]),
		);
	});
});

describe('Allocate With Carrier Service: partial success, nothing lost', () => {
	const items = refsItems(['EC-6-A', 'XX-UNKNOWN-6', 'EC-6-C']);
	const ERROR_6 =
		'Consignment XX-UNKNOWN-6 was not allocated with CX_NDS: Consignment XX-UNKNOWN-6 not found';

	it('stops with an error naming the consignment that was not allocated', async () => {
		const result = await allocate({ sim, items });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(ERROR_6);
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
	});

	it('continueRegularOutput keeps every reference in the main output, in input order', async () => {
		const result = await allocate({ sim, items, onError: 'continueRegularOutput' });
		expect(pick(result.outputs[0], 'ConsignmentReference', 'error')).toEqual([
			['EC-6-A', undefined],
			[undefined, ERROR_6],
			['EC-6-C', undefined],
		]);
	});
});

describe('parameter reading: the shortcut for fixed values and {{ $json.field }} gives what n8n gives', () => {
	const values: unknown[] = [
		'EC-P-1',
		' EC-P-2, EC-P-3 ',
		['EC-P-4', 'EC-P-1'],
		undefined,
		7,
		{ a: 1 },
		'',
		null,
	];

	it.each(values.map((value) => [JSON.stringify(value) ?? 'undefined', value]))(
		'value %s',
		async (_name, value) => {
			const items = [{ json: { ref: value, 'Consignment Ref': value } as IDataObject }];
			const outcome = async (references: string) => {
				sim.reset();
				const result = await allocate({ sim, items, references, onError: 'continueRegularOutput' });
				return {
					outputs: result.outputs,
					error: result.error?.message,
					puts: allocatePuts().map((r) => r.body),
				};
			};
			const evaluatedByN8n = await outcome('={{ ($json.ref) }}');
			expect(await outcome('={{ $json.ref }}')).toEqual(evaluatedByN8n);
			expect(await outcome('={{ $json["Consignment Ref"] }}')).toEqual(evaluatedByN8n);
		},
	);

	it('a fixed reference list is read once and paired to every item', async () => {
		const result = await allocate({
			sim,
			items: [{ json: {} }, { json: {} }],
			references: 'EC-P-5, EC-P-6',
		});
		expect(pick(result.outputs[0], 'ConsignmentReference', 'pairedItem')).toEqual([
			['EC-P-5', [{ item: 0 }, { item: 1 }]],
			['EC-P-6', [{ item: 0 }, { item: 1 }]],
		]);
	});
});

describe('secrets', () => secrecy.test());
