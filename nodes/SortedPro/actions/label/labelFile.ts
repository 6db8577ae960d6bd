import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { allowedMimeType, decodeBase64File, FileProblem } from '../../helpers/base64File';
import { apiPath } from '../../transport';
import { decodeAnswer, type Schema } from '../../transport/codec';
import { unusableFile } from '../fileOutput';
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
		unusableFile(`The label of ${whose}`),
	);
	const fileName = `${[reference, packageReference].filter(Boolean).join('-')}.${LABEL_FORMATS[format].extension}`;
	const binary = await this.helpers.prepareBinaryData(label.data, fileName, label.mimeType);
	return { binary, fileName, mimeType: label.mimeType, size: label.data.length };
}
