'use strict';
/** The simulator's label files are real files: PDF cross-reference offsets, PNG chunk CRCs and pixels, ZPL framing. */
const zlib = require('zlib');
const { pdfLabel, pngLabel, zplLabel } = require('./label-files');

describe('simulator label files', () => {
	it('PDF: one page, every xref offset points at its object, startxref at the xref table', () => {
		const text = pdfLabel('EC-000-05A-Z6S', 'Carrier X').toString('latin1');
		expect(text.startsWith('%PDF-1.4\n')).toBe(true);
		expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(text).toContain('/Count 1');
		const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
		expect(text.slice(startxref, startxref + 4)).toBe('xref');
		const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) =>
			Number(m[1]),
		);
		expect(offsets).toHaveLength(5);
		offsets.forEach((offset, i) =>
			expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`),
		);
		const stream = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/.exec(text);
		expect(Number(stream?.[1])).toBe(stream?.[2].length);
		expect(stream?.[2]).toContain('(Carrier X EC-000-05A-Z6S)');
	});

	it('PNG: signature, chunks with valid CRCs, 24 x 36 greyscale pixels', () => {
		const png = pngLabel('EC-000-05A-Z6S');
		expect(png.subarray(0, 8)).toEqual(
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		);
		const chunks = [];
		for (let at = 8; at < png.length;) {
			const length = png.readUInt32BE(at);
			const typed = png.subarray(at + 4, at + 8 + length);
			expect(png.readUInt32BE(at + 8 + length)).toBe(zlib.crc32(typed));
			chunks.push({ type: typed.subarray(0, 4).toString('latin1'), data: typed.subarray(4) });
			at += 12 + length;
		}
		expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
		expect([
			chunks[0].data.readUInt32BE(0),
			chunks[0].data.readUInt32BE(4),
			chunks[0].data[8],
			chunks[0].data[9],
		]).toEqual([24, 36, 8, 0]);
		expect(zlib.inflateSync(chunks[1].data)).toHaveLength(36 * 25);
	});

	it('ZPL: ^XA … ^XZ with the reference as a barcode field', () => {
		const zpl = zplLabel('EC-000-05A-Z6S', 'Carrier X', 203).toString('utf8');
		expect(zpl.startsWith('^XA')).toBe(true);
		expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
		expect(zpl).toContain('^FDEC-000-05A-Z6S^FS');
		expect(zpl).toContain('^FD203 dpi^FS');
	});
});
