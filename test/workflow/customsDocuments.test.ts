/**
 * Customs Document → Get Commercial Invoice, Get CN22 or CN23, Get All for Consignment: the
 * files (names, MIME type, bytes), the answer shapes read, the checks on the base64 (the same
 * as labels'), and bad input refused before any request. SortedPRO's refusals (404, a
 * consignment not allocated) and uncertain failures are in perConsignmentErrors and
 * uncertainOutcomes, which cover every per-consignment operation.
 */
import { captureLogs } from '../harness';

import type { INodeParameters } from 'n8n-workflow';

import { binaryBytes } from './run';
import { API_KEY, nodeRunner, pick, refsItems, useSimulator } from './setup';

captureLogs();

const REF = 'EC-000-0CD-001';
const [P1, P2] = ['EP-0CD-001-001', 'EP-0CD-001-002'];
const sim = useSimulator({
	consignments: [
		{ reference: REF, state: 'Allocated', carrierServiceReference: 'CX_NDS', packages: 2 },
	],
});
const run = nodeRunner(sim, {
	resource: 'customsDocument',
	consignmentReference: '={{ $json.ref }}',
});
const invoice = { operation: 'getCommercialInvoice' };

// [operation, parameters, path asked, file names and document types output]
const OPERATIONS: Array<[string, INodeParameters, string, Array<[string, string]>]> = [
	[
		'Get Commercial Invoice',
		invoice,
		`/consignments/docs/commercialinvoice/${REF}`,
		[[`${REF}-commercial-invoice.pdf`, 'CommercialInvoice']],
	],
	[
		'Get CN22 or CN23',
		{ operation: 'getDeclaration', documentType: 'cn22', packageReference: P2 },
		`/consignments/docs/CN22/${REF}/${P2}`,
		[[`${REF}-cn22-${P2}.pdf`, 'CN22']],
	],
	[
		'Get All for Consignment',
		{ operation: 'getAllForConsignment' },
		`/consignments/docs/${REF}`,
		[
			[`${REF}-commercial-invoice.pdf`, 'CommercialInvoice'],
			[`${REF}-cn22-1.pdf`, 'CN22'],
			[`${REF}-cn22-2.pdf`, 'CN22'],
		],
	],
];

describe('Customs Document', () => {
	it.each(OPERATIONS)(
		'%s: PDF files named for what they are, asked in JSON',
		async (_, parameters, path, files) => {
			const options = { bodyFormat: 'xml', binaryPropertyName: 'doc' };
			const { outputs, error } = await run(refsItems([REF]), { ...parameters, options });
			expect(error).toBeUndefined();
			expect(sim.requests.map((r) => [r.path, r.accept])).toEqual([[path, 'application/json']]);
			expect(pick(outputs[0], 'FileName', 'DocumentType', 'ContentType')).toEqual(
				files.map(([name, type]) => [name, type, 'application/pdf']),
			);
			for (const item of outputs[0]) {
				const bytes = binaryBytes(item.binary?.doc);
				expect(item.binary?.doc).toMatchObject({
					mimeType: 'application/pdf',
					fileExtension: 'pdf',
				});
				expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
				expect(bytes.toString('latin1')).toContain(REF);
				expect(item.json).toMatchObject({ ConsignmentReference: REF, FileSize: bytes.length });
				expect(item.pairedItem).toEqual({ item: 0 });
			}
		},
	);

	// 'file': {File, ContentType}, as labels come; 'raw': the PDF itself (application/pdf).
	it.each(['file', 'raw'] as const)('reads a document answered as %s', async (mode) => {
		sim.setOption('documentAnswer', mode);
		const { outputs } = await run(refsItems([REF]), invoice);
		const bytes = binaryBytes(outputs[0][0].binary?.data);
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		expect(bytes.toString('latin1')).toContain(REF);
	});

	it('a PDF quoting the API key has it masked', async () => {
		const body = `%PDF-1.4 key ${API_KEY} %%EOF`;
		sim.failNext({ status: 200, body, contentType: 'application/pdf' });
		const { outputs } = await run(refsItems([REF]), invoice);
		expect(binaryBytes(outputs[0][0].binary?.data).toString()).toBe('%PDF-1.4 key *** %%EOF');
	});

	const PDF = Buffer.from('%PDF-1.4 test').toString('base64');
	it.each([
		['a dictionary of lists', { CN23Documents: { CN23_P1: PDF } }, [['CN23', 'CN23_P1']]],
		['no documents', {}, [[undefined, undefined]]],
	])('Get All reads %s', async (_, body, expected) => {
		sim.failNext({ status: 200, body });
		const { outputs } = await run(refsItems([REF]), { operation: 'getAllForConsignment' });
		expect(pick(outputs[0], 'DocumentType', 'Key')).toEqual(expected);
		expect(outputs[0][0].json.DocumentCount).toBe(expected[0][0] ? 1 : 0);
	});

	const cannot = `The commercial invoice of consignment ${REF} cannot be used:`;
	it.each([
		['not base64', '"not base64!"', 'the document is not valid base64'],
		['empty', '""', 'the document is empty (0 bytes)'],
		['no document', '{"Url":"x"}', 'the answer holds no document (base64 text)'],
		[
			'larger than 20 MB',
			`"${'A'.repeat(27_962_032)}"`,
			'the document is 20971524 bytes, more than the 20 MB the node accepts for one document',
		],
	])('a document %s is refused, naming the consignment', async (_, body, problem) => {
		sim.failNext({ status: 200, body, contentType: 'application/json' });
		const { error } = await run(refsItems([REF]), invoice);
		expect(error?.message).toBe(`${cannot} ${problem}`);
	});

	it.each([
		[
			{ operation: 'getDeclaration', documentType: 'CN99', packageReference: P1 },
			'"Document Type" must be CN22 or CN23',
		],
		[
			{ operation: 'getDeclaration', packageReference: '={{ $json.none }}' },
			'"Package Reference" is empty',
		],
		[{ ...invoice, options: { binaryPropertyName: ' ' } }, '"Put Output File in Field" is empty'],
	])('bad input %j is refused before any request', async (parameters, problem) => {
		const { error } = await run(refsItems([REF]), parameters);
		expect(error?.message).toContain(`[item 0] ${problem}`);
		expect(sim.requests).toEqual([]);
	});
});
