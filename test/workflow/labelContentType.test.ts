/**
 * Label → Get against answers whose ContentType is not a label's: the MIME type of the file is
 * the answer's only when it is one of the format's own types (parameters dropped), else the
 * format's; the file name and extension never come from the answer.
 */
import { captureLogs } from '../harness';

import { binaryBytes, runSortedPro } from './run';
import { refsItems, useSimulator } from './setup';

captureLogs();

const REFERENCE = 'EC-000-0CT-001';
const sim = useSimulator({
	consignments: [{ reference: REFERENCE, state: 'Allocated', carrierServiceReference: 'CX_NDS' }],
});

const labelGet = { resource: 'label', operation: 'get', consignmentReference: '={{ $json.ref }}' };
type Format = 'PDF' | 'PNG' | 'ZPL' | 'ZPLII';
const EXTENSIONS: Record<Format, string> = { PDF: 'pdf', PNG: 'png', ZPL: 'zpl', ZPLII: 'zpl' };

// [format, ContentType SortedPRO's answer gives, MIME type of the file]
const cases: Array<[Format, string, string]> = [
	['PDF', 'text/html', 'application/pdf'],
	['PDF', 'text/html; charset=utf-8', 'application/pdf'],
	['PDF', 'application/pdf; name="../../x"', 'application/pdf'],
	['PDF', 'Application/PDF', 'application/pdf'],
	[
		'PDF',
		'application/pdf\r\nContent-Disposition: attachment; filename="../../x"',
		'application/pdf',
	],
	['PDF', 'image/svg+xml', 'application/pdf'],
	['PDF', 'image/png', 'application/pdf'],
	['PDF', '../../x', 'application/pdf'],
	['PDF', '', 'application/pdf'],
	['PNG', 'image/png; name="../../x.html"', 'image/png'],
	['PNG', 'application/javascript', 'image/png'],
	['PNG', 'application/pdf', 'image/png'],
	['ZPL', 'application/zpl', 'application/zpl'],
	['ZPL', 'application/x-zpl', 'application/x-zpl'],
	['ZPLII', 'text/plain; charset=utf-8', 'text/plain'],
	['ZPL', 'text/html', 'text/plain'],
	['ZPLII', 'application/octet-stream', 'text/plain'],
];

describe('Label → Get: the MIME type and file name of the label', () => {
	it.each(cases)('%s with ContentType %j: MIME type %s', async (format, contentType, mimeType) => {
		sim.setOption('labelContentType', contentType);
		for (const bodyFormat of ['json', 'xml']) {
			const parameters = { ...labelGet, format, options: { bodyFormat } };
			const result = await runSortedPro(sim, parameters, refsItems([REFERENCE]));
			expect(result.error).toBeUndefined();
			const [item] = result.outputs[0];
			const fileName = `${REFERENCE}.${EXTENSIONS[format]}`;
			expect(item.binary?.data).toMatchObject({
				mimeType,
				fileName,
				fileExtension: EXTENSIONS[format],
			});
			expect(item.binary?.data.directory).toBeUndefined();
			expect(item.json).toMatchObject({ ContentType: mimeType, FileName: fileName });
			expect(binaryBytes(item.binary?.data).length).toBe(item.json.FileSize);
		}
	});
});
