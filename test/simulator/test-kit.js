'use strict';
/** What the simulator's self-tests share: headers, a client of one simulator, the CLI as a child. */
const { spawn } = require('child_process');
const path = require('path');

const KEY = 'test-key';
const ALLOCATE = '/allocation/allocatewithcarrierservice';
const H = { 'ocp-apim-subscription-key': KEY, 'electio-api-version': '1.1' };
const JSON_H = { ...H, 'content-type': 'application/json', accept: 'application/json' };
const XML_H = { ...H, 'content-type': 'application/xml', accept: 'application/xml' };

/** @typedef {Record<string, string>} Headers */
/** @typedef {{ service?: string, headers?: Headers, signal?: AbortSignal, redirect?: 'follow' | 'manual' | 'error' }} AllocateOptions */

/**
 * Requests to the simulator `current()` gives (it is started in beforeAll).
 * @param {() => { baseUrl: string }} current
 */
function client(current) {
	const url = (/** @type {string} */ p) => current().baseUrl + p;
	/**
	 * @param {string} method @param {string} p @param {unknown} [body] string sent as is, else JSON
	 * @param {Headers} [headers] @param {RequestInit} [extra]
	 */
	const send = (method, p, body, headers = JSON_H, extra = {}) =>
		fetch(url(p), {
			method,
			headers,
			...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
			...extra,
		});
	return {
		url,
		send,
		get: (/** @type {string} */ p, headers = H) => fetch(url(p), { headers }),
		/** PUT allocatewithcarrierservice (CX_NDS unless `service`). @param {string[]} refs @param {AllocateOptions} [o] */
		allocate: (refs, o = {}) =>
			send(
				'PUT',
				ALLOCATE,
				{ MpdCarrierServiceReference: o.service ?? 'CX_NDS', ConsignmentReferences: refs },
				o.headers,
				{ signal: o.signal, redirect: o.redirect },
			),
	};
}

/** The consignment an entry's first link names. @param {{ ApiLinks: { Href: string }[] }} s */
const refOf = (s) => decodeURIComponent(String(s.ApiLinks[0].Href.split('/').pop()));
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * cli.js with `args`, once it printed its one line: its base URL, and stop(), which sends
 * SIGTERM and resolves with the exit code.
 * @param {string[]} args
 */
async function startCli(args) {
	const child = spawn(process.execPath, [path.join(__dirname, 'cli.js'), ...args]);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const stop = () => {
		child.kill('SIGTERM');
		return exited;
	};
	const line = await new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (d) => {
			out += d;
			if (out.includes('\n')) resolve(out);
		});
		exited.then((code) => reject(new Error(`exited ${code}`)));
	});
	const m = /^SortedPRO simulator listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(line);
	if (!m) await stop();
	if (!m) throw new Error(`unexpected first line: ${line}`);
	return { baseUrl: m[1], stop };
}

module.exports = { KEY, ALLOCATE, H, JSON_H, XML_H, client, refOf, sleep, startCli };
