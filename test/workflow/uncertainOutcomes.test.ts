/**
 * What an error says after a request SortedPRO may have acted on (a timeout, a dropped
 * connection, a 500/502/504, an answer that could not be read): that the consignment may have
 * been allocated, cancelled, manifested…, and what to check, never that it was not done and
 * never n8n's advice to retry. And every error of a call for one consignment names it.
 */
import { captureLogs } from '../harness';

import type { INodeParameters } from 'n8n-workflow';

import type { Fault } from '../simulator';
import { CUSTOMS_CALLS, OPS, PACKAGE, paramsOf } from './operations';
import {
	API_KEY,
	refsItems,
	runSortedPro,
	serialiseRun,
	useSimulator,
	type OnError,
} from './setup';

captureLogs();
const REF = 'EC-000-0UC-001';
const sim = useSimulator({
	autoCreate: /^EC-/,
	consignments: [{ reference: REF, state: 'Allocated', carrierServiceReference: 'CX_NDS' }],
});
const options = { retries: 0, retryDelay: 0, maxRetryWait: 20, timeout: 300 };
const NEVER = /retry|was not|were not|has not/i;

async function run(
	parameters: INodeParameters,
	onError: OnError = 'continueErrorOutput',
	items = refsItems([REF]),
) {
	const result = await runSortedPro(sim, { options, ...parameters }, items, onError);
	expect(serialiseRun(result)).not.toContain(API_KEY);
	return result;
}
/** The one error the run gave: its error item, or the error it stopped with. */
const errorOf = (result: Awaited<ReturnType<typeof run>>) => {
	if (result.error) return result.error.message;
	expect(result.outputs[0]).toEqual([]);
	expect(result.outputs[1]).toHaveLength(1);
	return String(result.outputs[1][0].json.error);
};

const UNCERTAIN: Array<[string, Fault]> = [
	['no answer (timeout)', { kind: 'hang' }],
	['a connection dropped mid-answer', { kind: 'drop' }],
	['a connection dropped before any answer', { kind: 'drop', when: 'before' }],
	['a 500', { kind: 'status', status: 500 }],
	['a 502', { kind: 'status', status: 502 }],
	['a 504 page from a proxy', { kind: 'html', status: 504 }],
	['an answer that cannot be read', { kind: 'malformed' }],
];

describe.each(Object.values(OPS))('consignments $done', (o) => {
	const parameters = paramsOf(o);
	const path = o.path;
	const expected = new RegExp(
		`^Consignment ${REF} may have been ${o.done}: check ${REF} in SortedPRO before sending it again \\(.+\\)$`,
	);

	it.each(UNCERTAIN)('after %s, the error item says it may have been done', async (_, fault) => {
		sim.injectFaults([{ ...fault, path }]);
		const message = errorOf(await run(parameters));
		expect(message).toMatch(expected);
		expect(message).not.toMatch(NEVER);
	});

	it('after a timeout, the error the node stops with says so too', async () => {
		sim.injectFaults([{ kind: 'hang', path }]);
		const message = errorOf(await run(parameters, 'stopWorkflow'));
		expect(message).toMatch(expected);
		expect(message).not.toMatch(NEVER);
	});
});

describe('Manifest by Query', () => {
	it.each(UNCERTAIN)(
		'after %s, Manifest by Query says consignments may have been queued',
		async (_, fault) => {
			sim.injectFaults([{ ...fault, path: '/consignments/manifestFromQuery' }]);
			const query = { resource: 'manifest', operation: 'manifestFromQuery' };
			const message = errorOf(await run(query, undefined, [{ json: {} }]));
			expect(message).toMatch(
				/^The query may have queued consignments for manifest: check their state in SortedPRO before running it again \(.+\)$/,
			);
			expect(message).not.toMatch(NEVER);
		},
	);
});

// Allocate With Cheapest Quote and With Quote: their uncertain failures are in CALLS above, their
// refusals (409 included) in allocationSingleResent.test.ts.
describe('every error of a call for one consignment names it', () => {
	const one = (resource: string, operation: string, extra: INodeParameters = {}) => ({
		resource,
		operation,
		consignmentReference: '={{ $json.ref }}',
		...extra,
	});
	const PER_CONSIGNMENT: Array<[string, INodeParameters, RegExp]> = [
		['Consignment → Get', one('consignment', 'get'), new RegExp(`^/consignments/${REF}$`)],
		['Consignment → Get Status', one('consignment', 'getStatus'), /\/status$/],
		['Label → Get', one('label', 'get'), /^\/labels\//],
		[
			'Label → Get (a package)',
			one('label', 'get', { options: { ...options, packageReference: 'EP-1' } }),
			/^\/labels\//,
		],
		['Tracking → Get', one('tracking', 'get'), /^\/tracking\//],
		[
			'Tracking → Get (flattened)',
			one('tracking', 'get', { options: { ...options, flattened: true } }),
			/^\/tracking\//,
		],
		['Quote → Get for Consignment', one('quote', 'getForConsignment'), /^\/quotes\/consignment\//],
		...CUSTOMS_CALLS.map(([name, parameters]): [string, INodeParameters, RegExp] => [
			name,
			one('customsDocument', '', parameters),
			/^\/consignments\/docs\//,
		]),
		[
			'Consignment → Update',
			one('consignment', 'update', { updateFields: { recipientPhone: '0161 496 0000' } }),
			new RegExp(`^/consignments/${REF}$`),
		],
		['Consignment → Add Package', one('consignment', 'addPackage', PACKAGE), /\/addpackage$/],
	];
	const FAULTS: Array<[string, Fault]> = [
		['a timeout', { kind: 'hang' }],
		['a 500', { kind: 'status', status: 500 }],
		['a dropped connection', { kind: 'drop', when: 'before' }],
		['an answer that cannot be read', { kind: 'malformed' }],
		['a refusal that does not name it (409)', { kind: 'status', status: 409 }],
	];
	const cases = PER_CONSIGNMENT.flatMap(([name, parameters, path]) =>
		FAULTS.map(([faultName, fault]) => [name, faultName, parameters, { ...fault, path }] as const),
	);

	it.each(cases)('%s, after %s', async (_name, _fault, parameters, fault) => {
		sim.injectFaults([fault]);
		const routed = errorOf(await run(parameters));
		expect(routed).toContain(REF);
		expect(routed).not.toMatch(/Retry on Fail|retry the request/i);
		sim.reset();
		sim.injectFaults([fault]);
		expect(errorOf(await run(parameters, 'stopWorkflow'))).toContain(REF);
	});
});
