/**
 * Where the API key goes: only to the Base URL's origin (a redirect elsewhere is reported, never
 * followed, by the operations, the credential test and the carrier-service list), and never
 * into output, error or log, even when the server quotes it back.
 */
import { testCredential } from '../harness';

import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';

import type { INodeParameters } from 'n8n-workflow';

import type { Fault } from '../simulator';
import { OPS, paramsOf } from './operations';
import {
	API_KEY,
	allocate,
	credentialType,
	credentialsFor,
	keySecrecy,
	refsItems,
	runSortedPro,
	searchCarrierServices,
	serialiseRun,
	useSimulator,
	type OnError,
} from './setup';

const secrecy = keySecrecy(0);
const sim = useSimulator({
	autoCreate: /^EC-/,
	consignments: [
		{ reference: 'EC-000-0KY-001', state: 'Allocated', carrierServiceReference: 'CX_NDS' },
	],
});
const fast = { retryDelay: 0, maxRetryWait: 20, timeout: 5000 };
/** A run of the node for this one reference, with these parameters (and options besides `fast`). */
const node =
	(ref: string, parameters: INodeParameters, options = {}) =>
	async (onError?: OnError) =>
		await runSortedPro(
			sim,
			{ ...parameters, options: { ...fast, ...options } },
			refsItems([ref]),
			onError,
		);
const getOne = (resource: string) => ({
	resource,
	operation: 'get',
	consignmentReference: '={{ $json.ref }}',
});

/** Another origin on this machine that records what reaches it and answers like SortedPRO would. */
let elsewhere: Server;
let elsewhereUrl: string;
const received: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders }> = [];
beforeAll(async () => {
	elsewhere = createServer((req, res) => {
		received.push({ method: req.method, url: req.url, headers: req.headers });
		req.resume();
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end('{"Success":true,"ErrorMessage":null,"MpdCarrierServices":[]}');
	});
	await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
	elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});
afterAll(async () => await new Promise<void>((resolve) => elsewhere.close(() => resolve())));
beforeEach(() => (received.length = 0));

const redirect = (path: RegExp | string, status: 302 | 307 | 308 = 302): Fault => ({
	kind: 'redirect',
	status,
	path,
	location: `${elsewhereUrl}/moved/here?token=from-the-query`,
	times: 5,
});
/** The error names the Location (origin and path, no query) and says why it was not followed. */
const namesTheRedirect = (message: string | undefined) => {
	expect(message).toContain(`${elsewhereUrl}/moved/here`);
	expect(message).toContain('not followed');
	expect(message).not.toContain('from-the-query');
};

describe('a redirect to another origin is not followed: the key stays with the Base URL', () => {
	it.each([302, 307, 308] as const)(
		'an allocation answered %s fails naming the Location; nothing reaches the other origin',
		async (status) => {
			sim.injectFaults([redirect('/allocation/allocatewithcarrierservice', status)]);
			const result = await allocate({ sim, items: refsItems(['EC-000-0KY-002']), options: fast });
			namesTheRedirect(result.error?.message);
			expect(received).toEqual([]);
			expect(sim.consignment('EC-000-0KY-002')?.state).toBe('Unallocated');
		},
	);

	it('a GET (Consignment → Get) answered 302 fails naming the Location, on the error output too', async () => {
		sim.injectFaults([redirect(/^\/consignments\//)]);
		const result = await node('EC-000-0KY-001', getOne('consignment'))('continueErrorOutput');
		expect(result.outputs[0]).toEqual([]);
		namesTheRedirect(result.outputs[1][0].json.error as string);
		expect(received).toEqual([]);
	});

	it('the credential test does not follow it', async () => {
		sim.injectFaults([redirect('/carrierservices')]);
		const result = await testCredential(credentialType, credentialsFor(sim).sortedProApi);
		// n8n words it; its credential tester in 2.8 matches no rule to it (see credentials.test.ts).
		expect(result).toEqual({ status: 'Error', message: 'Request failed with status code 302' });
		expect(received).toEqual([]);
		expect(sim.requests.map((r) => [r.path, r.status])).toEqual([['/carrierservices', 302]]);
	});

	it('the carrier service list does not follow it', async () => {
		sim.injectFaults([redirect('/carrierservices')]);
		const error = await searchCarrierServices(sim).then(
			() => undefined,
			(caught: Error) => caught,
		);
		namesTheRedirect(error?.message);
		expect(received).toEqual([]);
	});
});

describe('a server that quotes the key back', () => {
	const places = ['message', 'details', 'html'] as const;
	const carrier = paramsOf(OPS.allocateWithCarrierService);
	const runs: Array<[string, (onError?: OnError) => ReturnType<typeof allocate>]> = [
		['Allocate With Carrier Service', node('EC-000-0KY-003', carrier)],
		['Allocate With Carrier Service (XML)', node('EC-000-0KY-004', carrier, { bodyFormat: 'xml' })],
		['Label → Get', node('EC-000-0KY-001', getOne('label'))],
	];

	describe.each(places)('in its %s', (where) => {
		it.each(runs)('%s: the key is in no output item, error or description', async (_name, run) => {
			const fault: Fault = { kind: 'echoKey', where, path: /^\/(allocation|labels)\//, times: 2 };
			sim.injectFaults([fault]);
			const routed = await run('continueErrorOutput');
			expect(routed.outputs[1]).toHaveLength(1);
			expect(serialiseRun(routed)).not.toContain(API_KEY);

			sim.reset();
			sim.injectFaults([fault]);
			const stopped = await run();
			const error = stopped.error as { message?: string; description?: string } | undefined;
			const text = `${error?.message} ${error?.description}`;
			expect(text).toContain('subscription key ***');
			expect(text).not.toContain(API_KEY);
			expect(serialiseRun(stopped)).not.toContain(API_KEY);
		});
	});

	it('the carrier service list masks it in its error', async () => {
		sim.injectFaults([{ kind: 'echoKey', path: '/carrierservices' }]);
		const error = await searchCarrierServices(sim).then(
			() => undefined,
			(caught: Error & { description?: string }) => caught,
		);
		expect(error?.message).toBe('Refused subscription key ***');
		expect(JSON.stringify({ ...error, message: error?.message })).not.toContain(API_KEY);
	});

	secrecy.test();
});
