import type { IDataObject } from 'n8n-workflow';

import { allowedMimeType, decodeBase64File, FileProblem } from '../../helpers/base64File';
import { decodeAnswer, type Schema } from '../../transport/codec';

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

// GetLabelsResponse: `File` is "a base64-encoded byte array representing the file content".
const GET_LABELS_RESPONSE: Schema = { File: 'string', ContentType: 'string' };

interface LabelFile {
	data: Buffer;
	/** One of the format's types (see allowedMimeType) */
	mimeType: string;
}

/**
 * The label of a GetLabelsResponse (JSON `{File, ContentType}` or XML `GetLabelsResponse`).
 * Throws FileProblem when File is missing, not base64, empty, or too large (decodeBase64File);
 * its MIME type is the answer's ContentType when that names a type of the format.
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
	if (typeof answer.File !== 'string') throw new FileProblem('the answer holds no File');
	const { mimeType, types } = LABEL_FORMATS[format];
	return {
		data: decodeBase64File(answer.File, 'its File', 'one label'),
		mimeType: allowedMimeType(answer.ContentType, types, mimeType),
	};
}
