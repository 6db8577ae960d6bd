import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	allowedMimeType,
	checkFileSize,
	decodeBase64File,
	FileProblem,
} from '../../helpers/base64File';
import type { ReadAnswer } from '../../transport';
import { parseJson } from '../../transport/codec';
import { unusableFile } from '../fileOutput';
import type { RunContext } from '../run';

/** SortedPRO generates its customs documents "in PDF format" (Getting Customs Docs and Invoices). */
const PDF = 'application/pdf';

export interface DocumentFile {
	data: Buffer;
	mimeType: string;
}

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * One document. SortedPRO documents "a base-64 encoded byte array", i.e. a JSON string; the
 * shapes its other files come in are read too: `{File, ContentType}` (as labels) and a
 * `{Key, Value}` pair (as Get Customs Documents lists them).
 */
function documentOf(value: unknown): DocumentFile {
	if (typeof value === 'string')
		return { data: decodeBase64File(value, 'the document', 'one document'), mimeType: PDF };
	if (isObject(value) && value.File !== undefined)
		return {
			data: decodeBase64File(value.File, 'its File', 'one document'),
			mimeType: allowedMimeType(value.ContentType, [PDF], PDF),
		};
	if (isObject(value) && value.Value !== undefined)
		return { data: decodeBase64File(value.Value, 'its Value', 'one document'), mimeType: PDF };
	throw new FileProblem('the answer holds no document (base64 text)');
}

/** The lists of GetCustomsDocumentationResponse: [field, document type, file name part]. */
const LISTS = [
	['CommercialInvoiceDocuments', 'CommercialInvoice', 'commercial-invoice'],
	['CN22Documents', 'CN22', 'cn22'],
	['CN23Documents', 'CN23', 'cn23'],
] as const;

export interface ListedDocument extends DocumentFile {
	type: (typeof LISTS)[number][1];
	/** SortedPRO's key: "the filename for the document" */
	key: string | null;
	/** e.g. commercial-invoice, cn23-2 (numbered when the list holds several) */
	name: string;
}

/**
 * The documents of a GetCustomsDocumentationResponse: each list as SortedPRO documents it,
 * `[{Key, Value}]`, or as a dictionary `{key: base64}`; a list absent or null is empty.
 */
function listedDocuments(answer: unknown): ListedDocument[] {
	if (!isObject(answer)) throw new FileProblem('the answer is not a customs documents object');
	return LISTS.flatMap(([field, type, name]) => {
		const list = answer[field] ?? [];
		if (!Array.isArray(list) && !isObject(list))
			throw new FileProblem(`its ${field} is not a list`);
		const entries: Array<[string | null, unknown]> = Array.isArray(list)
			? list.map((entry) => [isObject(entry) ? String(entry.Key ?? '') || null : null, entry])
			: Object.entries(list);
		return entries.map(([key, entry], index) => ({
			type,
			key,
			name: entries.length > 1 ? `${name}-${index + 1}` : name,
			...documentOf(entry),
		}));
	});
}

/** GET a document call in JSON (SortedPRO documents these answers in JSON only), read by `read`. */
async function getJson<T>(
	run: RunContext,
	itemIndex: number,
	path: string,
	what: string,
	read: ReadAnswer<T>,
): Promise<T> {
	const call = { method: 'GET' as const, path, format: 'json' as const, binary: true };
	return (await run.api.read(call, read, itemIndex, unusableFile(what))).value;
}

// Not documented, read all the same: a document answered as the file itself.
const FILE_TYPES = /^\s*(application\/(pdf|octet-stream)|binary\/octet-stream)\s*(;|$)/i;

/** One document (a commercial invoice, a CN22 or CN23); `what` names it in errors. */
export const getDocument = async (run: RunContext, itemIndex: number, path: string, what: string) =>
	await getJson(run, itemIndex, path, what, async (body, contentType, _status, bytes) => {
		if (!bytes || !FILE_TYPES.test(contentType ?? '')) return documentOf(parseJson(body));
		checkFileSize(bytes.length, 'the document', 'one document');
		return { data: bytes, mimeType: PDF };
	});

/** Every customs document of a consignment. */
export const getDocuments = async (
	run: RunContext,
	itemIndex: number,
	path: string,
	what: string,
) => await getJson(run, itemIndex, path, what, async (body) => listedDocuments(parseJson(body)));

/** An output item: `json` with the file's name, type and size, the file in `field`. */
export async function documentItem(
	this: IExecuteFunctions,
	field: string,
	json: IDataObject,
	fileName: string,
	file: DocumentFile,
): Promise<INodeExecutionData> {
	const binary = await this.helpers.prepareBinaryData(file.data, fileName, file.mimeType);
	return {
		json: { ...json, ContentType: file.mimeType, FileName: fileName, FileSize: file.data.length },
		binary: { [field]: binary },
	};
}
