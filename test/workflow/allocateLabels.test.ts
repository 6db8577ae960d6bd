/**
 * Get Labels on every allocate operation: each consignment allocated carries its label file,
 * a label that cannot be had leaves it allocated with `labelError`, and nothing is allocated twice.
 */
import { captureLogs } from '../harness';

import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../simulator';
import { outcomeOf, runOperation } from './family';
import { OPS } from './operations';
import { binaryBytes } from './run';
import { refsItems, requestsOf, useSimulator } from './setup';

captureLogs();
const sim = useSimulator({ autoCreate: /^EC-/ });

const ALLOCATE = Object.values(OPS).filter(
	(op) => op.resource === 'allocation' && op.operation !== 'deallocate',
);
const labelPaths = () =>
	requestsOf(sim, 'GET')
		.map((request) => request.path)
		.filter((path) => path.startsWith('/labels/'));
const run = (
	operation: string,
	refs: string[],
	options: IDataObject,
	onError?: 'continueRegularOutput',
) =>
	runOperation({
		sim,
		operation,
		items: refsItems(refs),
		parameters: OPS[operation].parameters,
		options: { getLabels: true, ...options },
		onError,
	});

// The label options each operation is run with, and each format's MIME type, extension and first bytes.
const LABELS: IDataObject[] = [
	{},
	{ labelFormat: 'ZPL', labelResolution: 203, binaryPropertyName: 'label' },
	{ labelFormat: 'PNG' },
	{ labelFormat: 'ZPLII', labelResolution: 300 },
	{ labelResolution: 300, binaryPropertyName: 'file' },
	{ binaryPropertyName: 'file' },
];
const FILES: Record<string, [string, string, string]> = {
	PDF: ['application/pdf', 'pdf', '%PDF'],
	PNG: ['image/png', 'png', '\x89PNG'],
	ZPL: ['application/zpl', 'zpl', '^XA'],
	ZPLII: ['application/zpl', 'zpl', '^XA'],
};

describe.each(ALLOCATE.map((op, i) => [op.operation, LABELS[i]] as const))(
	'%s with Get Labels %j',
	(operation, options) => {
		const { labelFormat = 'PDF', labelResolution, binaryPropertyName: field = 'data' } = options;
		const suffix = `/${String(labelFormat)}${labelResolution ? `/${String(labelResolution)}` : ''}`;
		const [mimeType, extension, magic] = FILES[String(labelFormat)];
		it('each allocated item carries its label; the refused one gets no request; input order kept', async () => {
			const refs = ['EC-000-0LB-001', 'EC-000-000-FAIL', 'EC-000-0LB-002'];
			// The first label answers last: the output order does not follow the answers.
			sim.injectFaults([
				{ kind: 'hang', when: 'before', ms: 150, path: `/labels/${refs[0]}${suffix}` },
			]);
			const result = await run(operation, refs, options, 'continueRegularOutput');
			expect(result.error).toBeUndefined();
			const [main] = result.outputs;
			expect(main.map(outcomeOf)).toEqual([
				refs[0],
				expect.stringMatching(/^Consignment EC-000-000-FAIL was not allocated/),
				refs[2],
			]);
			for (const index of [0, 2]) {
				const binary = main[index].binary?.[String(field)];
				expect(binary).toMatchObject({ fileName: `${refs[index]}.${extension}`, mimeType });
				expect(binaryBytes(binary).subarray(0, magic.length).toString('latin1')).toBe(magic);
				expect(main[index].json).toMatchObject({ StatusCode: 200 });
				expect(main[index].json.labelError).toBeUndefined();
			}
			expect(main[1].binary).toBeUndefined();
			expect(labelPaths().sort()).toEqual(
				[refs[0], refs[2]].map((ref) => `/labels/${ref}${suffix}`),
			);
		});
	},
);

const ONE_A_REQUEST = new Set(['allocateWithCheapestQuote', 'allocateWithQuote']);
const LABEL_OF_FIRST = '/labels/EC-000-0LF-001/PDF';
// the fault on the first consignment's label, its label requests (Retries: 1), what labelError says
const FAULTS: Array<[string, Fault, number, RegExp]> = [
	['404', { kind: 'status', status: 404 }, 1, /: Not Found \(HTTP 404\)\./],
	['500 after the retries', { kind: 'status', status: 500 }, 2, /\(HTTP 500\)/],
	['timeout', { kind: 'hang', when: 'before' }, 2, /no complete answer within 300 ms/],
	[
		'unreadable',
		{ kind: 'raw', status: 200, body: { File: '*not base64*' } },
		1,
		/EC-000-0LF-001 cannot be used: its File is not valid base64/,
	],
	['dropped connection', { kind: 'drop', when: 'before' }, 2, /closed before a complete answer/],
	['502 HTML page', { kind: 'html', status: 502 }, 2, /an HTML page \("502 Bad Gateway"\)/],
];

it.each(FAULTS.map(([name, ...fault], i) => [name, ALLOCATE[i].operation, ...fault] as const))(
	'label %s: the item stays allocated with labelError, the allocation is not sent again (%s)',
	async (_name, operation, fault, labelRequests, reason) => {
		sim.injectFaults([{ ...fault, path: LABEL_OF_FIRST, times: labelRequests }]);
		const refs = ['EC-000-0LF-001', 'EC-000-0LF-002'];
		// Stop Workflow: a missing label stops nothing.
		const result = await run(operation, refs, { retries: 1, timeout: 300 });
		expect(result.error).toBeUndefined();
		const [first, second] = result.outputs[0];
		expect(first.json).toMatchObject({ ConsignmentReference: refs[0], StatusCode: 200 });
		expect(first.json.labelError).toMatch(/^Allocated, but its label could not be fetched: /);
		expect(first.json.labelError).toMatch(reason);
		expect(first.json.labelError).toMatch(
			/Get it with Label → Get; do not allocate EC-000-0LF-001 again\.$/,
		);
		expect(first.binary).toBeUndefined();
		expect(binaryBytes(second.binary?.data).subarray(0, 4).toString()).toBe('%PDF');
		expect(requestsOf(sim, 'PUT')).toHaveLength(ONE_A_REQUEST.has(operation) ? 2 : 1);
		expect(labelPaths().filter((path) => path === LABEL_OF_FIRST)).toHaveLength(labelRequests);
	},
);

it('Get Labels off (the default) sends no label request whatever the label options; bad label options stop the run before any request', async () => {
	const refs = ['EC-000-0LO-001'];
	const off = await run('allocateWithCarrierService', refs, {
		getLabels: false,
		labelFormat: 'PNG',
		labelResolution: 203,
	});
	expect(off.outputs[0][0].binary).toBeUndefined();
	expect(off.outputs[0][0].json).not.toHaveProperty('labelError');
	expect(labelPaths()).toEqual([]);
	sim.reset();
	const bad = await run('allocateWithCarrierService', refs, {
		labelFormat: 'PNG',
		labelResolution: 203,
	});
	expect(bad.error?.message).toMatch(
		/^\[item 0\] "Label Resolution \(DPI\)" must be empty for PNG/,
	);
	expect(sim.requests).toHaveLength(0);
});

it('a consignment SortedPRO only accepted (202, no summary) gets no label request, and says why', async () => {
	sim.setOption('allocationAnswer', 'acceptedEmpty');
	const result = await run('allocateWithCarrierService', ['EC-000-0LA-001'], {});
	expect(result.outputs[0][0].json).toMatchObject({ AllocationUnconfirmed: true, StatusCode: 202 });
	expect(result.outputs[0][0].json.labelError).toMatch(/^No label was fetched: SortedPRO accepted/);
	expect(labelPaths()).toEqual([]);
});
