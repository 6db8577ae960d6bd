'use strict';
/* Self-test of the SortedPRO API simulator (plain CommonJS, runs under the project jest config). */
const xml2js = require('xml2js');
const { toXmlDocument } = require('./xml');
const { startSimulator, GATEWAY_401_MESSAGE, GATEWAY_401_MISSING_MESSAGE } = require('./index');
const { NAMESPACES } = require('./index');
const { KEY, ALLOCATE, H, JSON_H, XML_H, client } = require('./test-kit');

/** SortedPRO's XML body (its documented example's shape) for these references and service. */
function xmlBody(refs, service) {
	return `<?xml version="1.0" encoding="utf-8"?>
<AllocateConsignmentsWithCarrierServiceRequest xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="${NAMESPACES.consignments}">
  <ConsignmentReferences>
${refs.map((r) => `    <string>${r}</string>`).join('\n')}
  </ConsignmentReferences>
  <MpdCarrierServiceReference>${service}</MpdCarrierServiceReference>
</AllocateConsignmentsWithCarrierServiceRequest>`;
}

let sim;
const { url, send, get } = client(() => sim);
const putJson = (body, headers = JSON_H, p = ALLOCATE) => send('PUT', p, body, headers);
const allocate = (refs, service = 'CX_NDS') => client(() => sim).allocate(refs, { service });
const allocateJson = async (refs, service = 'CX_NDS') => {
	const r = await allocate(refs, service);
	expect(r.status).toBe(200);
	return r.json();
};
const xmlOf = async (r) => xml2js.parseStringPromise(await r.text(), { explicitArray: false });

beforeAll(async () => {
	sim = await startSimulator({
		port: 0,
		apiKey: KEY,
		consignments: [
			'EC-000-05A-Z6S',
			'EC-000-083-45D',
			{ reference: 'EC-000-A04-0DV', state: 'Allocation Failed' },
			{ reference: 'EC-000-MAN-001', state: 'Manifested' },
			{ reference: 'EC-000-ALL-001', state: 'Allocated', carrierServiceReference: 'CX_NDS' },
			'EC-000-000-FAIL',
		],
		autoCreate: /^EC-AUTO-/,
		shippingDate: '2019-06-14T17:00:00Z',
	});
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('gateway and headers', () => {
	test('missing or wrong key: 401 gateway shape, JSON even when XML is accepted', async () => {
		for (const headers of [
			{ 'electio-api-version': '1.1' },
			{ ...H, 'ocp-apim-subscription-key': 'nope', accept: 'application/xml' },
		]) {
			const r = await fetch(url('/carrierservices'), { headers });
			expect(r.status).toBe(401);
			expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
			const missing = !('ocp-apim-subscription-key' in headers);
			expect(await r.json()).toEqual({
				statusCode: 401,
				message: missing ? GATEWAY_401_MISSING_MESSAGE : GATEWAY_401_MESSAGE,
			});
		}
	});

	test('electio-api-version missing or not 1.1: 400 documented body, JSON or XML', async () => {
		let r = await get('/carrierservices', { 'ocp-apim-subscription-key': KEY });
		expect(r.status).toBe(400);
		const body = await r.json();
		expect(body).toEqual({
			Code: 'UnsupportedApiVersion',
			Message: expect.any(String),
			CorrelationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			Details: [
				{
					Code: 'UnsupportedApiVersion',
					Target: 'electio-api-version',
					Message: expect.any(String),
				},
			],
		});
		r = await fetch(url('/carrierservices'), {
			headers: { ...H, 'electio-api-version': '1.0', accept: 'text/xml' },
		});
		expect(r.status).toBe(400);
		expect(r.headers.get('content-type')).toBe('application/xml; charset=utf-8');
		const xml = await xmlOf(r);
		expect(xml.ApiError.Code).toBe('UnsupportedApiVersion');
		expect(xml.ApiError.Details.ApiErrorDetail.Target).toBe('electio-api-version');
	});

	test('unknown route 404, wrong method 405, unsupported media type 415', async () => {
		let r = await get('/nothing');
		expect(r.status).toBe(404);
		expect((await r.json()).Code).toBe('ResourceNotFound');
		r = await fetch(url(ALLOCATE), { headers: H });
		expect(r.status).toBe(405);
		expect(r.headers.get('allow')).toBe('PUT');
		r = await putJson('{}', { ...H, 'content-type': 'text/plain' });
		expect(r.status).toBe(415);
		expect((await r.json()).Code).toBe('UnsupportedMediaType');
	});
});

describe('allocate with carrier service', () => {
	test('JSON: contract-shaped summary, state change, path case kept in the record', async () => {
		const r = await putJson(
			{ MpdCarrierServiceReference: 'CX_NDS', ConsignmentReferences: ['EC-000-05A-Z6S'] },
			JSON_H,
			'/allocation/allocateWithCarrierService',
		);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(await r.json()).toEqual([
			{
				StatusCode: 200,
				ApiLinks: [
					{ Rel: 'detail', Href: 'https://api.electioapp.com/consignments/EC-000-05A-Z6S' },
					{ Rel: 'label', Href: 'https://api.electioapp.com/labels/EC-000-05A-Z6S' },
				],
				Description:
					'Consignment EC-000-05A-Z6S has been successfully allocated with Carrier X Next Day Super for shipping on 14/06/2019 17:00:00 +00:00',
				ConsignmentLegs: [
					{
						Leg: 1,
						TrackingReferences: ['TRK00000001'],
						CarrierReference: 'CARRIER_X',
						CarrierServiceReference: null,
						CarrierName: 'Carrier X',
					},
				],
				CarrierReference: 'CARRIER_X',
				CarrierName: 'Carrier X',
				CarrierServiceReference: 'CX_NDS',
				CarrierServiceName: 'Next Day Super',
			},
		]);
		expect(sim.consignment('EC-000-05A-Z6S')).toEqual({
			reference: 'EC-000-05A-Z6S',
			state: 'Allocated',
			carrierServiceReference: 'CX_NDS',
			trackingReference: 'TRK00000001',
		});
		expect(sim.requests[0].path).toBe('/allocation/allocateWithCarrierService');
	});

	test('XML answer parses to the same objects as the JSON answer for the same consignments', async () => {
		const refs = [
			'EC-000-05A-Z6S',
			'EC-000-MAN-001',
			'EC-000-NOT-FND',
			'EC-000-000-FAIL',
			'EC-000-A04-0DV',
			'EC-AUTO-1',
		];
		const json = await allocateJson(refs);
		sim.reset();
		const r = await fetch(url(ALLOCATE), {
			method: 'PUT',
			headers: { ...XML_H, 'content-type': 'text/xml' },
			body: xmlBody(refs, 'CX_NDS'),
		});
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/xml; charset=utf-8');
		const raw = await r.text();
		// the same data: the JSON answer, written by the simulator's XML codec, is the XML answer
		expect(raw).toBe(toXmlDocument('ArrayOfAllocationSummary', 'AllocationSummary', json));
		expect(json.map((s) => s.StatusCode)).toEqual([200, 400, 404, 400, 200, 200]);
		// namespaces as production: none on the root, Consignments on children, Common on Rel/Href
		expect(raw).toMatch(/<ArrayOfAllocationSummary xmlns:xsi="[^"]+" xmlns:xsd="[^"]+">/);
		expect(raw).toContain(`<StatusCode xmlns="${NAMESPACES.consignments}">200</StatusCode>`);
		expect(raw).toContain(`<Rel xmlns="${NAMESPACES.common}">detail</Rel>`);
		expect(raw).toContain(`<ConsignmentLegs xmlns="${NAMESPACES.consignments}" />`);
		expect(raw).not.toContain('<CarrierServiceReference />');
	});

	test("state rules: only Unallocated / AllocationFailed; refusal goes to AllocationFailed with SortedPRO's reason", async () => {
		const s = await allocateJson([
			'EC-000-ALL-001',
			'EC-000-MAN-001',
			'EC-000-083-45D',
			'EC-000-083-45D',
		]);
		expect(s.map((x) => x.StatusCode)).toEqual([400, 400, 200, 400]);
		expect(s[0].Description).toBe(
			'Consignment EC-000-ALL-001 cannot be allocated because it is in state Allocated',
		);
		expect(s[1].Description).toBe(
			'Consignment EC-000-MAN-001 cannot be allocated because it is in state Manifested',
		);
		expect(s[0]).toMatchObject({
			ConsignmentLegs: [],
			CarrierReference: null,
			CarrierServiceName: null,
		});
		const refused = await allocateJson(['EC-000-05A-Z6S'], 'REFUSE-ALL');
		expect(refused[0].StatusCode).toBe(400);
		expect(refused[0].Description).toBe('Could not be booked with courier.');
		expect(sim.consignment('EC-000-05A-Z6S')).toMatchObject({
			state: 'AllocationFailed',
			failedAllocationMessage: 'Could not be booked with courier.',
		});
		const again = await allocateJson(['EC-000-05A-Z6S'], 'EDC5_DPDSS');
		expect(again[0].StatusCode).toBe(200);
		expect(sim.consignment('EC-000-05A-Z6S')).toMatchObject({
			state: 'Allocated',
			carrierServiceReference: 'EDC5_DPDSS',
		});
	});

	test('older wordings as modes: descriptive failure, display state names', async () => {
		sim.setOption('failureWording', 'descriptive');
		sim.setOption('stateNames', 'display');
		const refused = await allocateJson(['EC-000-05A-Z6S'], 'REFUSE-ALL');
		expect(refused[0].Description).toBe(
			'Consignment EC-000-05A-Z6S could not be allocated with Refusing Carrier Refuses Everything: Could not be booked with courier.',
		);
		const again = await allocateJson(['EC-000-05A-Z6S', 'EC-000-05A-Z6S'], 'CX_NDS');
		expect(again[1].Description).toBe(
			'Consignment EC-000-05A-Z6S cannot be allocated because it is in state Allocated',
		);
		sim.reset();
		const failed = await allocateJson(['EC-000-A04-0DV', 'EC-000-A04-0DV'], 'REFUSE-ALL');
		expect(sim.consignment('EC-000-A04-0DV').state).toBe('AllocationFailed');
		expect(failed.map((x) => x.StatusCode)).toEqual([400, 400]);
	});

	// summary (404 'Consignment X not found') and reject (404 'Item X not found'): asserted by
	// workflow allocate.test.ts.
	test('unknownReference: omit leaves the summary out; reject changes nothing', async () => {
		const refs = ['EC-000-05A-Z6S', 'EC-000-XXX-YYY'];
		sim.setOption('unknownReference', 'omit');
		expect((await allocateJson(refs)).map((x) => x.StatusCode)).toEqual([200]);
		sim.reset();
		sim.setOption('unknownReference', 'reject');
		expect((await allocate(refs)).status).toBe(404);
		expect(sim.consignment('EC-000-05A-Z6S').state).toBe('Unallocated');
		sim.reset();
		expect(sim.consignment('EC-000-XXX-YYY')).toBeUndefined();
		expect(sim.consignment('EC-AUTO-9')).toEqual({ reference: 'EC-AUTO-9', state: 'Unallocated' });
	});

	const bare = xmlBody(['a'], 'CX_NDS').replace(/ xmlns="[^"]+"/, '');
	const cx = '{"MpdCarrierServiceReference":"CX_NDS","ConsignmentReferences":';
	test.each([
		[
			'{"ConsignmentReferences":null}',
			400,
			'ValidationFailed',
			'ConsignmentReferences MpdCarrierServiceReference',
		],
		[`${cx}[]}`, 400, 'ValidationFailed', 'ConsignmentReferences'],
		[`${cx}["ok",5]}`, 400, 'ValidationFailed', 'ConsignmentReferences[1]'],
		['{"MpdCarrierServiceReference": ', 400, 'MalformedRequestBody', 'request'],
		['<Allocate', 400, 'MalformedRequestBody', 'request'],
		[bare, 400, 'MalformedRequestBody', 'request'],
		[
			cx.replace('CX_NDS', 'NOPE') + '["EC-1"]}',
			404,
			'CarrierServiceNotFound',
			'MpdCarrierServiceReference',
		],
	])('refused body %#: %s', async (body, status, code, targets) => {
		const xml = body.startsWith('<');
		const r = await putJson(body, xml ? XML_H : JSON_H);
		expect(r.status).toBe(status);
		const error = xml ? (await xmlOf(r)).ApiError : await r.json();
		expect(error.Code).toBe(code);
		const details = [error.Details.ApiErrorDetail ?? error.Details].flat();
		expect(details.map((d) => d.Target).join(' ')).toBe(targets);
		if (status === 404) expect(error.Message).toBe('Carrier service NOPE not found');
	});
	test('autoCreate: a batch of 100 unseeded references', async () => {
		const refs = Array.from({ length: 100 }, (_, i) => `EC-AUTO-${i}`);
		const s = await allocateJson(refs);
		expect(s.every((x) => x.StatusCode === 200)).toBe(true);
		expect(s[99].ConsignmentLegs[0].TrackingReferences).toEqual(['TRK00000100']);
		expect(sim.stats()).toMatchObject({ requests: 1, consignmentsAllocated: 100, summaries: 100 });
		expect(sim.stats().busyMs).toBeGreaterThan(0);
	});
});

describe('other endpoints, recording, faults', () => {
	test.each([
		['documented', (b) => b.MpdCarrierServices, { MpdCarrierReference: 'CARRIER_X' }],
		['other', (b) => b, { Reference: 'CARRIER_X', Name: 'Carrier X' }],
	])('carriers: %s answer', async (mode, list, carrier) => {
		sim.setOption('referenceListAnswer', mode);
		const r = await get('/carriers');
		expect(list(await r.json())).toContainEqual(expect.objectContaining(carrier));
	});

	test.each([
		[{ ConsignmentReferences: ['EC-SF-3'] }, 'Filters'],
		[
			{ ConsignmentReferences: ['EC-SF-3'], Filters: { ServiceDirection: 'Up' } },
			'Filters.ServiceDirection',
		],
		[
			{
				ConsignmentReferences: ['EC-SF-3'],
				Filters: { ServiceDirection: 'Inbound', IsDropOff: 'yes' },
			},
			'Filters.IsDropOff',
		],
	])('allocate with service filters refuses bad filters %#', async (body, target) => {
		const r = await putJson(body, JSON_H, '/allocation/allocateConsignmentsWithServiceFilters');
		expect(r.status).toBe(400);
		expect((await r.json()).Details.map((d) => d.Target)).toEqual([target]);
	});

	test('compressAnswers gzip: gzipped only for a client that accepts it', async () => {
		const encoding = async (accept) =>
			(await get('/carriers', { ...H, 'accept-encoding': accept })).headers.get('content-encoding');
		sim.setOption('compressAnswers', 'gzip');
		expect([await encoding('gzip, deflate'), await encoding('identity')]).toEqual(['gzip', null]);
		sim.setOption('compressAnswers', 'none');
		expect(await encoding('gzip')).toBeNull();
	});

	test('request recording, with and without bodies', async () => {
		await get('/carriers?x=1', { ...H, Accept: 'text/xml' });
		await allocate(['EC-000-05A-Z6S']);
		expect(sim.requestCount).toBe(2);
		expect(sim.requests[0]).toMatchObject({
			method: 'GET',
			path: '/carriers',
			query: { x: '1' },
			accept: 'text/xml',
			status: 200,
			body: '',
		});
		expect(sim.requests[0].headers['ocp-apim-subscription-key']).toBe(KEY);
		expect(sim.requests[1]).toMatchObject({ method: 'PUT', contentType: 'application/json' });
		expect(JSON.parse(sim.requests[1].body)).toEqual({
			MpdCarrierServiceReference: 'CX_NDS',
			ConsignmentReferences: ['EC-000-05A-Z6S'],
		});
		sim.setOption('recordBodies', false);
		await allocate(['EC-000-083-45D']);
		expect(sim.requests[2].body).toBeUndefined();
	});

	// failNext with a path, an object body with Details, an empty body and an XML body with its
	// content type: asserted by workflow allocate.test.ts ('400 with Details' and the next two).
	test('failNext: times, Retry-After, a string body starting with < is XML, counted as raw', async () => {
		sim.failNext({ status: 503, headers: { 'Retry-After': '2' } }, 2);
		sim.failNext({ status: 500, body: '<ApiError><Code>Boom</Code></ApiError>' });
		for (let i = 0; i < 2; i++) {
			const r = await get('/carriers');
			expect([r.status, r.headers.get('retry-after'), await r.text()]).toEqual([503, '2', '']);
		}
		const r = await get('/carriers');
		expect([r.status, r.headers.get('content-type')]).toEqual([
			500,
			'application/xml; charset=utf-8',
		]);
		expect(await r.text()).toContain('<Code>Boom</Code>');
		expect((await get('/carriers')).status).toBe(200);
		expect(sim.stats()).toMatchObject({ faultsApplied: { raw: 3 }, faultsPending: 0 });
	});
});
