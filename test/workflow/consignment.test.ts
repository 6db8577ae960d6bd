/**
 * Consignment → Create through n8n-core against the simulator: mapping an order's fields,
 * the JSON body, refusals before sending, SortedPRO's refusals, and no blind resend.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Fault } from '../simulator';
import { consignmentNode, createFromRow, orderRow, rows } from './consignment-setup';
import { API_KEY, pick, runSortedProAt, serialiseRun, useSimulator } from './setup';

const sim = useSimulator();
const fast = { retryDelay: 0, maxRetryWait: 20, timeout: 10_000 };

const posts = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/consignments');
const create = (
	items = rows(1001),
	extra: INodeParameters = {},
	onError?: 'continueRegularOutput' | 'continueErrorOutput',
) => consignmentNode(sim, 'create', createFromRow(extra), items, onError);

/** The body Create sends for order row 1001 (and a body JSON mode may be given). */
const ORDER_1001 = {
	Packages: [
		{
			Weight: { Value: 0.5, Unit: 'Kg' },
			Dimensions: { Unit: 'Cm', Width: 10, Length: 10, Height: 10 },
			Description: 'Socks',
			Value: { Amount: 5.99, Currency: { IsoCode: 'GBP' } },
		},
	],
	Addresses: [
		{ AddressType: 'Origin', ShippingLocationReference: 'Sorted1', IsCached: false },
		{
			AddressType: 'Destination',
			Contact: {
				FirstName: 'Peter',
				LastName: 'McPetersson',
				Telephone: '07702123456',
				Email: 'peter.mcpetersson@test.com',
			},
			CompanyName: 'Porter Street Socks Ltd',
			AddressLine1: '13 Porter Street',
			Town: 'Manchester',
			Region: 'Greater Manchester',
			Postcode: 'M1 5WG',
			Country: { IsoCode: { TwoLetterCode: 'GB' } },
			IsCached: false,
		},
	],
	ConsignmentReferenceProvidedByCustomer: 'ORD-1001',
	ShippingDate: '2026-12-01T00:00:00',
};

describe('Create from an order’s fields', () => {
	it('creates one consignment per row, outputs its reference and links, paired to the row', async () => {
		const result = await create(rows(1001, 1002));
		expect(result.error).toBeUndefined();
		const [main] = result.outputs;
		expect(
			pick(main, 'ConsignmentReference', 'ConsignmentReferenceProvidedByCustomer', 'pairedItem'),
		).toEqual([
			['EC-NEW-000-001', 'ORD-1001', { item: 0 }],
			['EC-NEW-000-002', 'ORD-1002', { item: 1 }],
		]);
		expect(main[0].json.ApiLinks).toEqual([
			{ Rel: 'Link', Href: 'https://api.electioapp.com/consignments/EC-NEW-000-001' },
		]);
		expect(sim.consignment('EC-NEW-000-001')?.state).toBe('Unallocated');

		expect(posts()).toHaveLength(2);
		const body = JSON.parse(posts()[0].body ?? '') as IDataObject;
		expect(posts()[0].contentType).toMatch(/^application\/json/);
		expect(body).toEqual(ORDER_1001);
	});

	it('reads spreadsheet values: a numeric postcode and weight as text, a lower-case country, a package size reference', async () => {
		const items = [{ json: orderRow(7, { zip: 10115, weightKg: '1.25', country: 'de' }) }];
		const result = await create(items, {
			packages: {
				package: [
					{ description: 'Box', value: 20, currency: 'eur', packageSizeReference: 'SMALL_BOX' },
				],
			},
			additionalFields: {
				direction: 'Outbound',
				tags: 'web, priority',
				recipientTitle: 'Mr',
				extraBody: '{"MetaData":[{"KeyValue":"channel","StringValue":"web"}]}',
			},
		});
		expect(result.error).toBeUndefined();
		const body = JSON.parse(posts()[0].body ?? '') as {
			Packages: IDataObject[];
			Addresses: IDataObject[];
			Tags: string[];
			MetaData: unknown;
		};
		expect(body.Packages).toEqual([
			{
				Description: 'Box',
				Value: { Amount: 20, Currency: { IsoCode: 'EUR' } },
				PackageSizeReference: 'SMALL_BOX',
			},
		]);
		expect(body.Addresses[1]).toMatchObject({
			Postcode: '10115',
			Country: { IsoCode: { TwoLetterCode: 'DE' } },
			Contact: { Title: 'Mr' },
		});
		expect(body.Tags).toEqual(['web', 'priority']);
		expect(body.MetaData).toEqual([{ KeyValue: 'channel', StringValue: 'web' }]);
	});

	it('JSON mode sends the body as given', async () => {
		const jsonBody = JSON.stringify(ORDER_1001);
		const result = await consignmentNode(sim, 'create', { createMode: 'json', jsonBody });
		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json).toMatchObject({
			ConsignmentReference: 'EC-NEW-000-001',
			ConsignmentReferenceProvidedByCustomer: 'ORD-1001',
		});
		expect(JSON.parse(posts()[0].body ?? '')).toEqual(ORDER_1001);
	});
});

describe('Create: bad input is refused before sending, naming item and field', () => {
	const refusedWith = async (
		item: number,
		message: string,
		badRow: IDataObject,
		parameters = {},
	) => {
		const result = await create([{ json: orderRow(1) }, { json: orderRow(2, badRow) }], parameters);
		const expected = `[item ${item}] ${message}`;
		expect(result.error?.message.slice(0, expected.length)).toBe(expected);
		expect(result.error?.description).toMatch(/Nothing was sent to SortedPRO for it/);
		// only row 0 was sent, and only when it was fine
		expect(posts()).toHaveLength(item);
	};
	it.each([
		['"Country Code" "GBR" is not an ISO 3166 two-letter', { country: 'GBR' }],
		['"Recipient Email" "peter at test" is not an email address', { email: 'peter at test' }],
		['"Recipient Name" must be text, not an object', { name: { first: 'Peter' } }],
		['"Address Line 1" is empty', { street: '  ' }],
		['"Packages › Package 1 › Weight" is negative (-1)', { weightKg: -1 }],
		['"Packages › Package 1 › Weight" must be a number, not string "heavy"', { weightKg: 'heavy' }],
	] as Array<[string, IDataObject]>)('a field mapped from row 1: %s', async (message, badRow) => {
		await refusedWith(1, message, badRow);
	});

	const pkg = (more: IDataObject) => ({
		packages: { package: [{ description: 'x', value: 1, ...more }] },
	});
	const sized = { packageSizeReference: 'S' };
	it.each([
		[
			'"Origin Shipping Location Reference" is empty',
			{ originShippingLocationReference: '={{ $json.origin }}' },
		],
		[
			'"Packages › Package 1 › Weight" is empty or 0',
			pkg({ weight: 0, length: 1, width: 1, height: 1 }),
		],
		['"Packages" has no package', { packages: {} }],
		['"Packages › Package 1 › Description" is empty', pkg({ ...sized, description: '' })],
		['"Packages › Package 1 › Currency" "POUNDS"', pkg({ ...sized, currency: 'pounds' })],
		['"Shipping Date" "next week" is not a date', { shippingDate: 'next week' }],
		[
			'"Additional Fields › Extra Body Fields (JSON)" is not valid JSON',
			{ additionalFields: { extraBody: '{oops' } },
		],
	] as Array<[string, INodeParameters]>)('a fixed parameter: %s', async (message, parameters) => {
		await refusedWith(0, message, {}, parameters);
	});

	it.each([
		['not JSON', '{"Packages": [', /\[item 0\] "JSON Body" is not valid JSON/],
		['a list', '[1]', /"JSON Body" must be a JSON object, not a list/],
		['no Addresses', '{"Packages":[{}]}', /"JSON Body" has no Addresses/],
	])('JSON mode: %s', async (_name, jsonBody, message) => {
		const result = await consignmentNode(sim, 'create', { createMode: 'json', jsonBody });
		expect(result.error?.message).toMatch(message);
		expect(posts()).toHaveLength(0);
	});

	it('with Continue, the refused item is an error item and the others are created', async () => {
		const items = [
			{ json: orderRow(1) },
			{ json: orderRow(2, { country: 'United Kingdom' }) },
			{ json: orderRow(3) },
		];
		const result = await create(items, {}, 'continueRegularOutput');
		expect(pick(result.outputs[0], 'ConsignmentReference', 'error', 'pairedItem')).toEqual([
			['EC-NEW-000-001', undefined, { item: 0 }],
			[
				undefined,
				expect.stringMatching(
					/^\[item 1\] "Country Code" "UNITED KINGDOM" is not an ISO 3166 two-letter/,
				),
				{ item: 1 },
			],
			['EC-NEW-000-002', undefined, { item: 2 }],
		]);
		expect(posts()).toHaveLength(2);
	});
});

describe('Create: SortedPRO’s answers', () => {
	it('a 400 shows SortedPRO’s message and details; to the error output with its row', async () => {
		const jsonBody =
			'{"Packages":[{"Description":"x","Value":{"Amount":1},"PackageSizeReference":"S"}],"Addresses":[{"AddressType":"Destination","AddressLine1":"a","Country":{"IsoCode":{"TwoLetterCode":"GB"}}}]}';
		const stop = await consignmentNode(sim, 'create', { createMode: 'json', jsonBody });
		expect(stop.error?.message).toBe('The request is invalid');
		expect(stop.error?.description).toMatch(
			/HTTP 400 · Code: ValidationFailed .*Addresses must include origin and destination/,
		);
		const routed = await consignmentNode(
			sim,
			'create',
			{ createMode: 'json', jsonBody },
			[{ json: { order: 'X' } }],
			'continueErrorOutput',
		);
		expect(routed.outputs[1]).toHaveLength(1);
		expect(routed.outputs[1][0].json).toMatchObject({
			order: 'X',
			error: 'The request is invalid',
		});
	});

	it.each([
		['a 503', { kind: 'status', status: 503 }],
		['a 429', { kind: 'status', status: 429, retryAfter: '0' }],
	] as Array<[string, Fault]>)(
		'%s proves nothing was done: resent, and created once',
		async (_name, fault) => {
			sim.injectFaults([{ ...fault, path: '/consignments' }]);
			const result = await create(rows(1001), { options: fast });
			expect(result.error).toBeUndefined();
			expect(result.outputs[0][0].json.ConsignmentReference).toBe('EC-NEW-000-001');
			expect(posts()).toHaveLength(2);
			expect(sim.consignment('EC-NEW-000-002')).toBeUndefined();
		},
	);

	it.each([
		['a 500 after SortedPRO created it', { kind: 'status', status: 500 }, true],
		['a 502', { kind: 'status', status: 502 }, false],
		['a 504', { kind: 'status', status: 504 }, false],
		['a connection dropped mid-answer', { kind: 'drop' }, true],
		['a connection dropped before any answer', { kind: 'drop', when: 'before' }, false],
		['no answer (timeout)', { kind: 'hang' }, true],
	] as Array<[string, Fault, boolean]>)(
		'%s: not resent; the error says it may exist and names the customer reference',
		async (_name, pathless, created) => {
			const fault = { ...pathless, path: '/consignments' };
			sim.injectFaults([fault]);
			const timeout = fault.kind === 'hang' ? 300 : fast.timeout;
			const result = await create(rows(1001), { options: { ...fast, timeout } });
			expect(posts()).toHaveLength(1);
			expect(result.error?.message).toMatch(
				/^The consignment may exist in SortedPRO although the request failed \(.+\); it was not resent: look for customer reference "ORD-1001"/,
			);
			expect(result.error?.message).not.toMatch(/retry/i);
			expect(sim.consignment('EC-NEW-000-001') !== undefined).toBe(created);
			expect(serialiseRun(result)).not.toContain(API_KEY);

			sim.reset();
			sim.injectFaults([fault]);
			const routed = await create(
				rows(1001, 1002),
				{ options: { ...fast, timeout } },
				'continueErrorOutput',
			);
			expect(
				routed.outputs[0].map((item) => item.json.ConsignmentReferenceProvidedByCustomer),
			).toEqual(['ORD-1002']);
			expect(routed.outputs[1]).toHaveLength(1);
			expect(routed.outputs[1][0].json.order).toBe('ORD-1001');
			expect(routed.outputs[1][0].json.error).toMatch(/look for customer reference "ORD-1001"/);
			expect(posts()).toHaveLength(2);
		},
	);

	const closedPort = async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		return `http://127.0.0.1:${port}`;
	};
	it.each([
		[
			'a refused connection',
			closedPort,
			/^Could not reach SortedPRO at http:\/\/127\.0\.0\.1:\d+: .*refused/,
			/connection was refused/,
		],
		[
			'a host name that does not resolve',
			async () => 'https://sortedpro.invalid',
			/^Could not reach SortedPRO at https:\/\/sortedpro\.invalid: the host name could not be resolved$/,
			/so SortedPRO did not receive the request/,
		],
	])(
		'%s proves nothing was sent: reported as unreachable, not as “may exist”',
		async (_name, baseUrl, message, description) => {
			const parameters = createFromRow({ options: { ...fast, retries: 2 } });
			const result = await runSortedProAt(
				await baseUrl(),
				{ resource: 'consignment', operation: 'create', ...parameters },
				rows(1001),
			);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toMatch(description);
			expect(result.error?.message).not.toMatch(/may exist/);
		},
	);
});
