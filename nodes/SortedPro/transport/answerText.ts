import { MAX_ANSWER_CHARS } from './codec';

/**
 * An answer body as text, decoded chunk by chunk as it arrives. n8n-core's `encoding: 'text'`
 * keeps every chunk and their concatenation as Buffers, which outlive the request until V8's
 * next full collection (about 44 MB of them at 100 000 consignments, against 4 MB read this way:
 * docs/benchmarks.md). Reading stops past MAX_ANSWER_CHARS, which the codec then refuses.
 */
export async function readAnswerText(
	body: unknown,
	deadline: AbortSignal,
	timeoutMs: number,
): Promise<string> {
	if (typeof body === 'string') return body;
	if (!isStream(body)) return String(body ?? '');
	// n8n-core's timeout is the socket's idle time: an answer that trickles in is ended here.
	const stop = () => body.destroy(timedOut(timeoutMs));
	if (deadline.aborted) stop();
	deadline.addEventListener('abort', stop);
	try {
		const decoder = new TextDecoder();
		let text = '';
		for await (const chunk of body) {
			text += decoder.decode(chunk, { stream: true });
			// Leaving the loop destroys the stream, so the rest is never read.
			if (text.length > MAX_ANSWER_CHARS) return text;
		}
		return text + decoder.decode();
	} finally {
		deadline.removeEventListener('abort', stop);
	}
}

/**
 * An answer body as the bytes it holds, for calls whose answer may be a file itself; read as
 * readAnswerText reads (the timeout ends a trickle), stopping past MAX_ANSWER_CHARS bytes.
 */
export async function readAnswerBytes(
	body: unknown,
	deadline: AbortSignal,
	timeoutMs: number,
): Promise<Buffer> {
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	if (!isStream(body)) return Buffer.from(String(body ?? ''), 'utf8');
	const stop = () => body.destroy(timedOut(timeoutMs));
	if (deadline.aborted) stop();
	deadline.addEventListener('abort', stop);
	try {
		const chunks: Uint8Array[] = [];
		let size = 0;
		for await (const chunk of body) {
			chunks.push(chunk);
			size += chunk.length;
			if (size > MAX_ANSWER_CHARS) break;
		}
		return Buffer.concat(chunks);
	} finally {
		deadline.removeEventListener('abort', stop);
	}
}

type AnswerStream = AsyncIterable<Uint8Array> & { destroy(error?: Error): void };

function isStream(body: unknown): body is AnswerStream {
	const candidate = body as Partial<AnswerStream> | null;
	return (
		typeof candidate === 'object' &&
		candidate !== null &&
		typeof candidate[Symbol.asyncIterator] === 'function' &&
		typeof candidate.destroy === 'function'
	);
}

/** The error a request gets when its Timeout ends, before or during its answer. */
export function timedOut(timeoutMs: number): Error & { code: string } {
	return Object.assign(new Error(`no complete answer within ${timeoutMs} ms`), {
		code: 'ETIMEDOUT',
	});
}
