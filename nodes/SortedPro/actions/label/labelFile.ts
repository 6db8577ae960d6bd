import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { decodeAnswer, type Schema } from '../../transport/codec';
import type { RunContext } from '../run';

// SortedPRO does not document the ContentType of ZPL labels: ZPL is printer commands as text,
// served by printer vendors as application/zpl or application/x-zpl, or plain text.
const ZPL_TYPES = ['application/zpl', 'application/x-zpl', 'text/plain'];

/**
 * SortedPRO's label formats: the file extension, the MIME type used when the answer names
 * none of its own, and the types of the format an answer's ContentType may name.
 */
export const LABEL_FORMATS = {
	PDF: { extension: 'pdf', mimeType: 'application/pdf', types: ['application/pdf'] },
	PNG: { extension: 'png', mimeType: 'image/png', types: ['image/png'] },
	ZPL: { extension: 'zpl', mimeType: 'text/plain', types: ZPL_TYPES },
	ZPLII: { extension: 'zpl', mimeType: 'text/plain', types: ZPL_TYPES },
} as const;
export type LabelFormat = keyof typeof LABEL_FORMATS;

/** Largest label the node accepts, decoded: far above any real label, bounded to protect memory. */
const MAX_LABEL_BYTES = 20 * 1024 * 1024;

// GetLabelsResponse: `File` is "a base64-encoded byte array representing the file content".
const GET_LABELS_RESPONSE: Schema = { File: 'string', ContentType: 'string' };

/** Why a label answer cannot be used; the caller names the consignment. */
export class LabelProblem extends Error {}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The size in bytes of a base64 text's content, from its length alone (whitespace already removed). */
function decodedSize(base64: string): number {
	const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
	return (base64.length / 4) * 3 - padding;
}

/**
 * The file's MIME type: the answer's ContentType without parameters when it names a type of
 * the format, else the format's own. Anything else (text/html, image/svg+xml, parameters such
 * as name=) would let the answer decide how n8n, a browser or a mail client opens the file.
 */
function labelMimeType(contentType: unknown, format: LabelFormat): string {
	const { mimeType, types } = LABEL_FORMATS[format];
	if (typeof contentType !== 'string') return mimeType;
	const type = contentType.split(';')[0].trim().toLowerCase();
	return (types as readonly string[]).includes(type) ? type : mimeType;
}

interface LabelFile {
	data: Buffer;
	/** One of the format's types (see labelMimeType) */
	mimeType: string;
}

/**
 * The label of a GetLabelsResponse (JSON `{File, ContentType}` or XML `GetLabelsResponse`).
 * Throws LabelProblem when File is missing, not base64, empty, or larger than MAX_LABEL_BYTES
 * (the size is checked before decoding).
 */
export async function decodeLabel(
	body: string,
	contentType: string | undefined,
	format: LabelFormat,
): Promise<LabelFile> {
	const { value } = await decodeAnswer(body, contentType, {
		object: GET_LABELS_RESPONSE,
		xmlRoots: { GetLabelsResponse: GET_LABELS_RESPONSE },
	});
	const answer = value as IDataObject;
	if (typeof answer.File !== 'string') throw new LabelProblem('the answer holds no File');
	const base64 = answer.File.replace(/\s+/g, '');
	if (base64.length % 4 !== 0 || !BASE64.test(base64))
		throw new LabelProblem('its File is not valid base64');
	const size = decodedSize(base64);
	if (size === 0) throw new LabelProblem('its File is empty (0 bytes)');
	if (size > MAX_LABEL_BYTES) {
		throw new LabelProblem(
			`its File is ${size} bytes, more than the ${MAX_LABEL_BYTES / 1024 / 1024} MB the node accepts for one label`,
		);
	}
	return {
		data: Buffer.from(base64, 'base64'),
		mimeType: labelMimeType(answer.ContentType, format),
	};
}

/** The label of a consignment, or of one of its packages, in a format and resolution. */
export interface LabelRequest {
	reference: string;
	packageReference?: string;
	format: LabelFormat;
	resolution?: number;
}

/**
 * GET /labels/{ref}/{format}[/{dpi}] (or /labels/package/{ref}/{package}/…), as n8n binary
 * data named `<ref>[-<package>].<extension>`. SortedPRO's errors and an answer that is no
 * usable label (see decodeLabel) throw, naming the consignment or package.
 */
export async function fetchLabel(
	this: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	{ reference, packageReference, format, resolution }: LabelRequest,
): Promise<{ binary: IBinaryData; fileName: string; mimeType: string; size: number }> {
	const of =
		packageReference === undefined ? [reference] : ['package', reference, packageReference];
	const path =
		resolution === undefined
			? apiPath('labels', ...of, format)
			: apiPath('labels', ...of, format, String(resolution));
	const whose =
		packageReference === undefined
			? `consignment ${reference}`
			: `package ${packageReference} of consignment ${reference}`;
	const label = await run.api.get(
		path,
		async (body, contentType) => await decodeLabel(body, contentType, format),
		itemIndex,
		(error) =>
			`The label of ${whose} cannot be used: ${
				error instanceof LabelProblem
					? error.message
					: `the answer could not be read: ${error.message}`
			}`,
	);
	const fileName = `${[reference, packageReference].filter(Boolean).join('-')}.${LABEL_FORMATS[format].extension}`;
	const binary = await this.helpers.prepareBinaryData(label.data, fileName, label.mimeType);
	return { binary, fileName, mimeType: label.mimeType, size: label.data.length };
}
