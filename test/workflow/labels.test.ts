import { captureLogs } from '../harness';

import type { IDataObject } from 'n8n-workflow';

import { binaryBytes } from './run';
import { refsItems, useSimulator, nodeRunner, pick } from './setup';

captureLogs();

const ALLOCATED = ['EC-000-0AL-001', 'EC-000-0AL-002', 'EC-000-0AL-003'];
const sim = useSimulator({
	autoCreate: /^EC-/,
	shippingDate: '2026-11-26T17:00:00Z',
	// EC-000-0PK-001 has packages EP-0PK-001-001 and EP-0PK-001-002.
	consignments: [...ALLOCATED, 'EC-000-0PK-001'].map((reference, i) => ({
		reference,
		state: 'Allocated' as const,
		carrierServiceReference: 'CX_NDS',
		...(i === 3 && { packages: 2 }),
	})),
});

const PDF = Buffer.from('%PDF');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZPL = Buffer.from('^XA');

const getLabel = nodeRunner(sim, {
	resource: 'label',
	operation: 'get',
	consignmentReference: '={{ $json.ref }}',
});
const labelGets = () =>
	sim.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/labels/'));
const paths = () => labelGets().map((r) => r.path);

describe('Label → Get', () => {
	it('outputs one item per consignment with its PDF label as binary data, JSON without the base64', async () => {
		const result = await getLabel(refsItems(ALLOCATED));
		expect(result.error).toBeUndefined();
		const [main] = result.outputs;
		expect(main).toHaveLength(3);
		main.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toEqual({
				ConsignmentReference: ALLOCATED[index],
				Format: 'PDF',
				Resolution: null,
				ContentType: 'application/pdf',
				FileName: `${ALLOCATED[index]}.pdf`,
				FileSize: binaryBytes(item.binary?.data).length,
			});
			const binary = item.binary!.data;
			const pdf = { mimeType: 'application/pdf', fileExtension: 'pdf' };
			expect(binary).toMatchObject({ fileName: `${ALLOCATED[index]}.pdf`, ...pdf });
			const bytes = binaryBytes(binary);
			expect(bytes.subarray(0, 4)).toEqual(PDF);
			expect(bytes.toString('latin1')).toContain(ALLOCATED[index]);
			expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
			expect(JSON.stringify(item.json)).not.toContain('JVBER');
		});
		expect(paths()).toEqual(ALLOCATED.map((ref) => `/labels/${ref}/PDF`));
		expect(sim.consignment(ALLOCATED[0])?.state).toBe('Allocated');
	});

	it.each([
		['PNG', 0, '/PNG', PNG, 'image/png', 'png'],
		['ZPL', 203, '/ZPL/203', ZPL, 'application/zpl', 'zpl'],
		['ZPLII', 300, '/ZPLII/300', ZPL, 'application/zpl', 'zpl'],
		['PDF', 203, '/PDF/203', PDF, 'application/pdf', 'pdf'],
	] as const)(
		'%s at %i dpi: path %s, magic bytes, MIME type and extension',
		async (format, resolution, suffix, magic, mimeType, extension) => {
			const result = await getLabel(refsItems([ALLOCATED[0]]), {
				format,
				resolution,
				options: { binaryPropertyName: 'label' },
			});
			expect(result.error).toBeUndefined();
			const [item] = result.outputs[0];
			expect(labelGets()[0].path).toBe(`/labels/${ALLOCATED[0]}${suffix}`);
			expect(item.binary?.data).toBeUndefined();
			const bytes = binaryBytes(item.binary?.label);
			expect(bytes.subarray(0, magic.length)).toEqual(magic);
			expect(item.binary?.label).toMatchObject({
				mimeType,
				fileName: `${ALLOCATED[0]}.${extension}`,
			});
			expect(item.json).toMatchObject({
				Format: format,
				Resolution: resolution || null,
				ContentType: mimeType,
				FileSize: bytes.length,
			});
			if (format === 'PNG') expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
			if (format !== 'PNG' && format !== 'PDF')
				expect(bytes.toString('utf8')).toContain(`^FD${resolution} dpi^FS`);
		},
	);

	it('XML body format gives the same items and files', async () => {
		const json = await getLabel(refsItems(ALLOCATED.slice(0, 2)));
		const xml = await getLabel(refsItems(ALLOCATED.slice(0, 2)), {
			options: { bodyFormat: 'xml' },
		});
		expect(xml.error).toBeUndefined();
		expect(labelGets().at(-1)?.accept).toMatch(/application\/xml/);
		expect(xml.outputs[0].map((item) => item.json)).toEqual(
			json.outputs[0].map((item) => item.json),
		);
		expect(xml.outputs[0].map((item) => binaryBytes(item.binary?.data))).toEqual(
			json.outputs[0].map((item) => binaryBytes(item.binary?.data)),
		);
	});

	it('without a ContentType in the answer, the MIME type comes from the format', async () => {
		sim.setOption('labelContentType', 'omit');
		const result = await getLabel(refsItems(ALLOCATED.slice(0, 2)), {
			format: '={{ $itemIndex === 0 ? "png" : "ZPL II" }}',
		});
		expect(result.outputs[0].map((item) => item.binary?.data.mimeType)).toEqual([
			'image/png',
			'text/plain',
		]);
		// formats from expressions may be lower case or spaced
		expect(pick(result.outputs[0], 'ContentType', 'Format')).toEqual([
			['image/png', 'PNG'],
			['text/plain', 'ZPLII'],
		]);
		expect(paths()).toEqual([`/labels/${ALLOCATED[0]}/PNG`, `/labels/${ALLOCATED[1]}/ZPLII`]);
	});

	it.each([
		[
			'not base64',
			{ File: 'JVBERi0x*&^%not-base64', ContentType: 'application/pdf' },
			'its File is not valid base64',
		],
		['empty', { File: '', ContentType: 'application/pdf' }, 'its File is empty (0 bytes)'],
		['missing', { ContentType: 'application/pdf' }, 'the answer holds no File'],
		['not JSON', 'garbage{', 'the answer could not be read'],
	])('a label that is %s is an error naming the consignment', async (_name, body, problem) => {
		sim.failNext({
			status: 200,
			body: body as IDataObject,
			contentType: 'application/json; charset=utf-8',
		});
		const result = await getLabel(refsItems(ALLOCATED.slice(0, 2)), {}, 'continueRegularOutput');
		const [first, second] = result.outputs[0];
		expect(first.json.error).toContain(
			`The label of consignment ${ALLOCATED[0]} cannot be used: ${problem}`,
		);
		expect(first.binary).toBeUndefined();
		expect(first.pairedItem).toEqual({ item: 0 });
		expect(binaryBytes(second.binary?.data).subarray(0, 4)).toEqual(PDF);
	});

	it('a label larger than 20 MB is refused before it is decoded', async () => {
		// 27 962 032 base64 characters decode to 20 971 524 bytes, 4 bytes over 20 MB.
		sim.failNext({
			status: 200,
			body: `{"File":"${'A'.repeat(27_962_032)}","ContentType":"application/pdf"}`,
			contentType: 'application/json',
		});
		const result = await getLabel(refsItems([ALLOCATED[0]]));
		expect(result.error?.message).toBe(
			`The label of consignment ${ALLOCATED[0]} cannot be used: its File is 20971524 bytes, more than the 20 MB the node accepts for one label`,
		);
	}, 60_000);

	it('bad input is refused before any request: a path-unsafe reference or package, PNG with a resolution, an empty field name', async () => {
		const result = await getLabel(
			[
				{ json: { ref: 'EC-000/../x', format: 'PDF' } },
				{ json: { ref: ALLOCATED[0], format: 'PNG' } },
				{ json: { ref: ALLOCATED[1], format: 'PDF' } },
				{ json: { ref: ALLOCATED[2], format: 'PDF', pkg: 'EP-1/../../x' } },
			],
			{
				format: '={{ $json.format }}',
				resolution: 203,
				options: {
					binaryPropertyName: '={{ $itemIndex === 2 ? " " : "data" }}',
					packageReference: '={{ $json.pkg ?? "" }}',
				},
			},
			'continueRegularOutput',
		);
		const errors = result.outputs[0].map((item) => String(item.json.error));
		expect(errors[0]).toMatch(/^\[item 0\] "Consignment Reference"/);
		expect(errors[1]).toMatch(/^\[item 1\] "Resolution \(DPI\)" must be empty for PNG/);
		expect(errors[2]).toMatch(/^\[item 2\] "Put Output File in Field" is empty/);
		expect(errors[3]).toMatch(
			/^\[item 3\] "Package Reference" "EP-1\/..\/..\/x" contains a character/,
		);
		expect(labelGets()).toHaveLength(0);
	});

	it('Package Reference: one package’s label from the package route; a package the consignment lacks fails with SortedPRO’s 404', async () => {
		const result = await getLabel(
			[
				{ json: { ref: 'EC-000-0PK-001', pkg: 'EP-0PK-001-002' } },
				{ json: { ref: 'EC-000-0PK-001', pkg: '' } },
				{ json: { ref: 'EC-000-0PK-001', pkg: 'EP-0PK-001-009' } },
			],
			{ format: 'ZPL', resolution: 300, options: { packageReference: '={{ $json.pkg }}' } },
			'continueErrorOutput',
		);
		// Sent in parallel: compared sorted.
		expect(paths().sort()).toEqual([
			'/labels/EC-000-0PK-001/ZPL/300',
			'/labels/package/EC-000-0PK-001/EP-0PK-001-002/ZPL/300',
			'/labels/package/EC-000-0PK-001/EP-0PK-001-009/ZPL/300',
		]);
		const [main, errors] = result.outputs;
		expect(main.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					ConsignmentReference: 'EC-000-0PK-001',
					PackageReference: 'EP-0PK-001-002',
					Format: 'ZPL',
					Resolution: 300,
					ContentType: 'application/zpl',
					FileName: 'EC-000-0PK-001-EP-0PK-001-002.zpl',
					FileSize: expect.any(Number),
				},
				{ item: 0 },
			],
			[expect.objectContaining({ FileName: 'EC-000-0PK-001.zpl' }), { item: 1 }],
		]);
		expect(binaryBytes(main[0].binary?.data).toString('latin1')).toContain('EP-0PK-001-002');
		expect(binaryBytes(main[1].binary?.data).toString('latin1')).not.toContain('EP-0PK');
		expect(pick(errors, 'error', 'pairedItem')).toEqual([
			[expect.stringContaining('Item EP-0PK-001-009 not found'), { item: 2 }],
		]);
	});
});
