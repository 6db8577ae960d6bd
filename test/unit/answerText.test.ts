import { PassThrough, Readable } from 'node:stream';

import { readAnswerText } from '../../nodes/SortedPro/transport/answerText';
import { MAX_ANSWER_CHARS } from '../../nodes/SortedPro/transport/codec';

const never = () => new AbortController().signal;

describe('readAnswerText', () => {
	it('decodes UTF-8 split across chunks', async () => {
		const bytes = Buffer.from('{"Name":"Zoë – Köln ✓"}', 'utf8');
		const chunks = [...bytes].map((byte) => Buffer.from([byte]));
		expect(await readAnswerText(Readable.from(chunks), never(), 1000)).toBe(
			'{"Name":"Zoë – Köln ✓"}',
		);
	});

	it('a body that stops arriving fails with ETIMEDOUT when the deadline passes', async () => {
		const body = new PassThrough();
		body.write('{"AllocationSummaries":[');
		const deadline = new AbortController();
		const reading = readAnswerText(body, deadline.signal, 250);
		deadline.abort();
		await expect(reading).rejects.toMatchObject({
			code: 'ETIMEDOUT',
			message: 'no complete answer within 250 ms',
		});
		expect(body.destroyed).toBe(true);
	});

	it('stops reading past the answer limit and destroys the stream', async () => {
		const body = new PassThrough();
		const reading = readAnswerText(body, never(), 1000);
		const chunk = 'x'.repeat(1024 * 1024);
		for (let written = 0; written <= MAX_ANSWER_CHARS; written += chunk.length) body.write(chunk);
		const text = await reading;
		expect(text.length).toBeGreaterThan(MAX_ANSWER_CHARS);
		expect(text.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS + chunk.length);
		expect(body.destroyed).toBe(true);
	});

	it('passes a text body through', async () => {
		expect(await readAnswerText('<a/>', never(), 1000)).toBe('<a/>');
	});
});
