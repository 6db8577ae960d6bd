'use strict';
/**
 * Small real label files, so tests and examples can open what the simulator serves: a
 * one-page PDF (A6, the reference as text), a PNG (a grey 4x6 label at 1/16 scale) and ZPL
 * text (`^XA … ^XZ`).
 */
const zlib = require('zlib');

/** A valid one-page PDF 1.4 naming the consignment. @param {string} ref @param {string} carrier */
function pdfLabel(ref, carrier) {
	const text = `${carrier} ${ref}`.replace(/[()\\]/g, '');
	const stream = `BT /F1 14 Tf 20 380 Td (${text}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 298 420] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let out = '%PDF-1.4\n';
	/** @type {number[]} */
	const offsets = [];
	objects.forEach((body, i) => {
		offsets.push(out.length);
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = out.length;
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

/** @param {string} type @param {Buffer} data */
function pngChunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(zlib.crc32(typed));
	return Buffer.concat([length, typed, crc]);
}

/** A valid greyscale PNG, 24 x 36 pixels, a dark band whose position depends on the reference. @param {string} ref */
function pngLabel(ref) {
	const width = 24;
	const height = 36;
	const band = [...ref].reduce((sum, c) => sum + c.charCodeAt(0), 0) % (height - 4);
	const rows = [];
	for (let y = 0; y < height; y++)
		rows.push(
			Buffer.concat([
				Buffer.from([0]),
				Buffer.alloc(width, y >= band && y < band + 4 ? 0x20 : 0xf0),
			]),
		);
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 0; // greyscale
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

/** ZPL II text for a 4x6 label. @param {string} ref @param {string} carrier @param {number | undefined} dpi */
function zplLabel(ref, carrier, dpi) {
	const lines = [
		'^XA',
		'^CI28',
		'^FO50,50^A0N,40,40^FD' + carrier + '^FS',
		'^FO50,120^BCN,100,Y,N,N^FD' + ref + '^FS',
	];
	if (dpi) lines.push(`^FO50,260^A0N,24,24^FD${dpi} dpi^FS`);
	lines.push('^XZ');
	return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** ContentType SortedPRO documents for PDF ("e.g. application/pdf"); the others are assumed. */
const CONTENT_TYPES = {
	PDF: 'application/pdf',
	PNG: 'image/png',
	ZPL: 'application/zpl',
	ZPLII: 'application/zpl',
};

/**
 * The label file of a consignment in a format (upper case: PDF, PNG, ZPL, ZPLII).
 * @param {string} format @param {string} ref @param {string} carrier @param {number | undefined} dpi
 * @returns {{ data: Buffer, contentType: string }}
 */
function renderLabel(format, ref, carrier, dpi) {
	const data =
		format === 'PDF'
			? pdfLabel(ref, carrier)
			: format === 'PNG'
				? pngLabel(ref)
				: zplLabel(ref, carrier, dpi);
	return { data, contentType: CONTENT_TYPES[/** @type {keyof typeof CONTENT_TYPES} */ (format)] };
}

module.exports = { renderLabel, pdfLabel, pngLabel, zplLabel, CONTENT_TYPES };
