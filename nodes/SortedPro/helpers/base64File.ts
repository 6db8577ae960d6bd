/** Files SortedPRO sends as base64 text (labels, customs documents): checked before decoding. */

/** Largest file the node accepts, decoded: far above any real label or document, bounded to protect memory. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Why a file in an answer cannot be used; the caller names the consignment. */
export class FileProblem extends Error {}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The size in bytes of a base64 text's content, from its length alone (whitespace already removed). */
function decodedSize(base64: string): number {
	const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
	return (base64.length / 4) * 3 - padding;
}

/**
 * The bytes of `value`, base64 text that an answer calls `field` (e.g. "its File"); `kind`
 * names the file in the size message ("one label"). Throws FileProblem when it is not text,
 * not base64, empty, or larger than MAX_FILE_BYTES (checked before decoding).
 */
export function decodeBase64File(value: unknown, field: string, kind: string): Buffer {
	if (typeof value !== 'string') throw new FileProblem(`${field} is not base64 text`);
	const base64 = value.replace(/\s+/g, '');
	if (base64.length % 4 !== 0 || !BASE64.test(base64))
		throw new FileProblem(`${field} is not valid base64`);
	checkFileSize(decodedSize(base64), field, kind);
	return Buffer.from(base64, 'base64');
}

/** Throws FileProblem for a file of `size` bytes that is empty or larger than MAX_FILE_BYTES. */
export function checkFileSize(size: number, field: string, kind: string): void {
	if (size === 0) throw new FileProblem(`${field} is empty (0 bytes)`);
	if (size > MAX_FILE_BYTES) {
		throw new FileProblem(
			`${field} is ${size} bytes, more than the ${MAX_FILE_BYTES / 1024 / 1024} MB the node accepts for ${kind}`,
		);
	}
}

/**
 * The MIME type a file gets: `contentType` without parameters when it is one of `allowed`,
 * else `fallback`. Anything else (text/html, image/svg+xml, parameters such as name=) would
 * let the answer decide how n8n, a browser or a mail client opens the file.
 */
export function allowedMimeType(
	contentType: unknown,
	allowed: readonly string[],
	fallback: string,
): string {
	if (typeof contentType !== 'string') return fallback;
	const type = contentType.split(';')[0].trim().toLowerCase();
	return allowed.includes(type) ? type : fallback;
}
