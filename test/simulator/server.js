'use strict';
/**
 * HTTP plumbing: read the body, record the request, take a fault, route the request to the
 * API (or not), write the answer (or drop / hold the connection), keep the counters.
 */
const http = require('http');
const { performance } = require('perf_hooks');
const zlib = require('zlib');
const { handleApiRequest } = require('./routes');
const { jsonAnswer } = require('./http-answers');
const { faultAnswer } = require('./fault-answers');
const { controlRoute, CONTROL_PREFIX } = require('./control');
const { ApiError } = require('./errors');

/** @typedef {import('./faults').Answer} Answer */
/** @typedef {{ res: import('http').ServerResponse, cancel: () => void }} Held */

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** @param {string} url */
function splitUrl(url) {
	const q = url.indexOf('?');
	if (q < 0) return { path: url, query: {} };
	return {
		path: url.slice(0, q),
		query: Object.fromEntries(new URLSearchParams(url.slice(q + 1))),
	};
}

/** @param {Answer} answer */
const bodyBuffer = (answer) =>
	typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;

/**
 * @param {import('http').ServerResponse} res @param {Answer} answer
 * @param {boolean} [gzip] compress the body (Content-Encoding: gzip), as a gateway may
 */
function send(res, answer, gzip = false) {
	const plain = bodyBuffer(answer);
	const body = gzip ? zlib.gzipSync(plain) : plain;
	res.writeHead(answer.status, {
		...answer.headers,
		...(gzip && { 'Content-Encoding': 'gzip' }),
		'Content-Length': String(body.length),
	});
	res.end(body);
	return body.length;
}

/** Option compressAnswers 'gzip': answers are gzipped for a client that accepts it. @param {any} ctx @param {import('http').IncomingHttpHeaders} headers */
const gzipWanted = (ctx, headers) =>
	ctx.options.compressAnswers === 'gzip' &&
	/\bgzip\b/.test(String(headers['accept-encoding'] ?? ''));

/**
 * Drop 'after': the headers (with the full Content-Length) and `bytes` of the body (default
 * half), then destroy the socket.
 * @param {import('http').ServerResponse} res @param {Answer} answer @param {number | undefined} bytes
 */
function sendPartial(res, answer, bytes) {
	const body = bodyBuffer(answer);
	const n = Math.min(bytes ?? Math.floor(body.length / 2), Math.max(0, body.length - 1));
	// Declare more than is written, so the answer is incomplete even for an empty body.
	res.writeHead(answer.status, {
		...answer.headers,
		'Content-Length': String(Math.max(body.length, n + 1)),
	});
	res.write(body.subarray(0, n), () => res.destroy());
	return n;
}

/**
 * Hang 'after' with `bytes`: the headers (full Content-Length) and `bytes` of the body, then
 * the connection is held; the rest follows after `ms` if the client still waits.
 * @param {any} ctx @param {import('http').ServerResponse} res @param {Answer} answer
 * @param {{ bytes?: number, ms?: number }} fault @returns {Promise<number>} bytes written
 */
async function sendStalled(ctx, res, answer, fault) {
	const body = bodyBuffer(answer);
	const n = Math.min(fault.bytes ?? 0, Math.max(0, body.length - 1));
	res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(body.length) });
	res.write(body.subarray(0, n));
	if (!(await hold(ctx, res, fault.ms))) return n;
	res.end(body.subarray(n));
	return body.length;
}

/**
 * Hold a connection: resolves true after `ms`, or false when the client goes away or the
 * simulator closes (releaseHeld). Without `ms` it only ends that way.
 * @param {any} ctx @param {import('http').ServerResponse} res @param {number} [ms]
 * @returns {Promise<boolean>}
 */
function hold(ctx, res, ms) {
	return new Promise((resolve) => {
		/** @type {NodeJS.Timeout | undefined} */
		let timer;
		/** @type {Held} */
		const entry = { res, cancel: () => finish(false) };
		const onClose = () => finish(false);
		const finish = (/** @type {boolean} */ ok) => {
			if (!ctx.held.delete(entry)) return;
			if (timer) clearTimeout(timer);
			res.off('close', onClose);
			resolve(ok);
		};
		ctx.held.add(entry);
		res.on('close', onClose);
		if (ms !== undefined) timer = setTimeout(() => finish(true), ms);
	});
}

/** Cancel every held connection (timers included) and destroy its socket. @param {any} ctx */
function releaseHeld(ctx) {
	for (const entry of [.../** @type {Set<Held>} */ (ctx.held)]) {
		entry.cancel();
		entry.res.destroy();
	}
}

/** @param {unknown} e */
function internalError(e) {
	// A bug in the simulator (or a throwing fault plan): the documented 500 body, and stderr.
	process.stderr.write(`SortedPRO simulator: internal error: ${/** @type {Error} */ (e).stack}\n`);
	return jsonAnswer(
		500,
		new ApiError(500, 'InternalServerError', 'An unexpected error occurred').toBody(),
	);
}

/** The answer is decided (status 0: none will be sent): record it, call the hook. */
function decided(
	/** @type {any} */ ctx,
	/** @type {any} */ rec,
	/** @type {string} */ raw,
	/** @type {number} */ status,
) {
	rec.status = status;
	if (status > 0) ctx.counters.byStatus[status] = (ctx.counters.byStatus[status] || 0) + 1;
	// The hook runs before the answer is sent: a client that got its answer can rely on it.
	if (ctx.onRequest) {
		try {
			ctx.onRequest({ ...rec, body: raw });
		} catch (e) {
			process.stderr.write(
				`SortedPRO simulator: onRequest hook failed: ${/** @type {Error} */ (e).message}\n`,
			);
		}
	}
}

/**
 * @param {any} ctx
 * @param {import('http').IncomingMessage} req
 * @param {import('http').ServerResponse} res
 * @param {string} raw
 */
async function processRequest(ctx, req, res, raw) {
	let t0 = performance.now();
	const method = req.method || 'GET';
	const { path, query } = splitUrl(req.url || '/');
	if (ctx.options.controlRoutes && path.startsWith(CONTROL_PREFIX)) {
		send(res, controlRoute(ctx, method, path, raw));
		return;
	}
	const { counters, options } = ctx;
	counters.requests++;
	counters.bytesIn += Buffer.byteLength(raw);
	const headers = { ...req.headers };
	/** @type {import('./types').RecordedRequest} */
	const rec = {
		method,
		path,
		query,
		headers,
		body: options.recordBodies ? raw : undefined,
		contentType: /** @type {string | undefined} */ (req.headers['content-type']),
		accept: /** @type {string | undefined} */ (req.headers.accept),
		status: 0,
		time: Date.now(),
	};
	ctx.requests.push(rec);
	if (ctx.requests.length > options.maxRecordedRequests) ctx.requests.shift();

	// Latency model (latency.js): the concurrent-request limit answers 429 before anything else;
	// an admitted request waits its time (not counted as busy), then is handled as usual.
	const gate = ctx.latency.admit(String(req.headers['ocp-apim-subscription-key'] ?? ''), raw);
	if ('answer' in gate) {
		rec.rateLimited = true;
		decided(ctx, rec, raw, 429);
		counters.bytesOut += send(res, gate.answer);
		return;
	}
	res.once('close', gate.release);
	if (gate.delayMs > 0) {
		// Not handled at all when the client gives up (or the simulator closes) first.
		if (!(await hold(ctx, res, gate.delayMs))) {
			decided(ctx, rec, raw, 0);
			return;
		}
		t0 = performance.now();
	}

	/** @type {Answer} */
	let answer;
	/** @type {any} */
	let fault;
	const spent = () => (counters.busyMs += performance.now() - t0);
	try {
		const taken = ctx.faults.take({ ...rec, body: raw });
		fault = taken?.fault;
		if (fault) {
			rec.fault = fault.kind;
			counters.faultsApplied[fault.kind] = (counters.faultsApplied[fault.kind] || 0) + 1;
			counters.faultsAppliedTotal++;
		}
		const before = fault?.when === 'before' ? fault.kind : '';
		if (before === 'drop' || (before === 'hang' && fault.ms === undefined)) {
			decided(ctx, rec, raw, 0);
			spent();
			return void (before === 'drop' ? res.destroy() : await hold(ctx, res));
		}
		if (before === 'hang') {
			spent();
			// Not processed at all when the client gives up (or the simulator closes) first.
			if (!(await hold(ctx, res, fault.ms))) return decided(ctx, rec, raw, 0);
			t0 = performance.now();
		}
		if (before && before !== 'hang') answer = faultAnswer(ctx, fault, rec, undefined, taken.index);
		else answer = await handleApiRequest(ctx, { method, path, query, headers, rawBody: raw });
		if (fault?.when === 'after') answer = faultAnswer(ctx, fault, rec, answer, taken.index);
	} catch (e) {
		answer = internalError(e);
	}
	const after = fault?.when === 'after' ? fault.kind : '';
	// hang 'after' without ms nor bytes: no answer at all.
	const never = after === 'hang' && fault.bytes === undefined && fault.ms === undefined;
	decided(ctx, rec, raw, never ? 0 : answer.status);
	spent();
	if (never) return void (await hold(ctx, res));
	if (after === 'hang' && fault.bytes !== undefined)
		return void (counters.bytesOut += await sendStalled(ctx, res, answer, fault));
	if (after === 'drop') return void (counters.bytesOut += sendPartial(res, answer, fault.bytes));
	if (after === 'hang' && !(await hold(ctx, res, fault.ms))) return;
	counters.bytesOut += send(res, answer, gzipWanted(ctx, headers));
}

/** @param {any} ctx @returns {import('http').Server} */
function createHttpServer(ctx) {
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => {
			if (tooLarge) {
				send(
					res,
					jsonAnswer(
						413,
						new ApiError(413, 'RequestTooLarge', 'The request body is too large').toBody(),
					),
				);
				return;
			}
			processRequest(ctx, req, res, Buffer.concat(chunks).toString('utf8')).catch((e) => {
				process.stderr.write(`SortedPRO simulator: ${e && e.stack}\n`);
				if (!res.headersSent) res.writeHead(500).end();
			});
		});
		req.on('error', () => res.destroy());
	});
	server.keepAliveTimeout = 10_000;
	return server;
}

module.exports = { createHttpServer, send, splitUrl, releaseHeld };
