'use strict';
/**
 * `n8n start` headless on a loopback port, and the REST calls the e2e runs make:
 *
 *   const server = await startN8n(env);       // env from n8n-cli.createN8nEnv
 *   await server.setupOwner();                // POST /rest/owner/setup (logs in: n8n-auth cookie)
 *   await server.testCredential({ id, name, type });
 *   await server.listSearch({ nodeType, methodName, path, credentials, filter });
 *   await server.stop();
 *
 * Every request sends `browser-id: <uuid>`: n8n binds the auth cookie to it (a browser session
 * must put the same uuid into localStorage['n8n-browserId']).
 */
const http = require('node:http');
const path = require('node:path');
const crypto = require('node:crypto');
const { n8nBin } = require('./n8n-env');
const { Proc } = require('./processes');

/**
 * Minimal JSON HTTP client for 127.0.0.1 (no proxy involved); resolves { status, headers, body
 * (parsed JSON or undefined), text, buffer (the raw bytes, e.g. of a file) }.
 */
function httpJson(method, url, { body, headers = {}, timeoutMs = 30000 } = {}) {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
		const json = data ? { 'content-type': 'application/json', 'content-length': data.length } : {};
		const options = {
			method,
			headers: { accept: 'application/json', ...json, ...headers },
			timeout: timeoutMs,
		};
		const req = http.request(url, options, (res) => {
			const chunks = [];
			res.on('data', (d) => chunks.push(d));
			res.on('end', () => {
				const buffer = Buffer.concat(chunks);
				const text = buffer.toString('utf8');
				let parsed;
				try {
					parsed = text ? JSON.parse(text) : undefined;
				} catch {
					parsed = undefined;
				}
				resolve({ status: res.statusCode, headers: res.headers, body: parsed, text, buffer });
			});
		});
		req.on('timeout', () =>
			req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)),
		);
		req.on('error', reject);
		req.end(data);
	});
}

/** `n8n <args>` as a tracked process with its own log file (stopped first: it holds connections). */
function n8nProc(env, args, { name, logFile }) {
	const opts = { env, cwd: env.N8N_USER_FOLDER, logFile, stopFirst: true };
	const proc = new Proc(name, env.N8N_E2E_NODE, [n8nBin(env), ...args], opts);
	proc.userFolder = env.N8N_USER_FOLDER;
	return proc;
}

/**
 * `n8n start`, spawned at once (the caller owns the process); `ready` resolves once it serves:
 * JSON /rest/settings (2.41 answers HTML while it boots) and /healthz/readiness 200 (database
 * connected and migrated).
 */
class N8nServer extends Proc {
	constructor(env, { name = 'n8n-start', logFile, timeoutMs = 180000 } = {}) {
		logFile = logFile || path.join(env.N8N_USER_FOLDER, 'n8n-start.log');
		const opts = { env, cwd: env.N8N_USER_FOLDER, logFile, stopFirst: true };
		super(name, env.N8N_E2E_NODE, [n8nBin(env), 'start'], opts);
		this.userFolder = env.N8N_USER_FOLDER;
		this.baseUrl = `http://127.0.0.1:${env.N8N_PORT}`;
		this.browserId = crypto.randomUUID();
		this.cookie = undefined;
		const get = (p) => httpJson('GET', this.baseUrl + p, { timeoutMs: 2000 });
		const probe = async () => {
			const s = await get('/rest/settings');
			return (
				s.status === 200 &&
				s.body &&
				s.body.data &&
				(await get('/healthz/readiness')).status === 200
			);
		};
		this.ready = this.waitFor('JSON /rest/settings and /healthz/readiness 200', probe, timeoutMs);
		this.ready.catch(() => {}); // awaited by the caller; a stop before ready is not a crash
	}

	/** The server's output so far. */
	get logs() {
		return this.log();
	}

	/** Raw request: resolves { status, body, text, headers }. Keeps the n8n-auth cookie. */
	async request(method, urlPath, body) {
		const headers = { 'browser-id': this.browserId };
		if (this.cookie) headers.cookie = this.cookie;
		const res = await httpJson(method, this.baseUrl + urlPath, { body, headers });
		for (const c of res.headers['set-cookie'] || []) {
			const m = /^n8n-auth=([^;]*)/.exec(c);
			if (m) this.cookie = `n8n-auth=${m[1]}`;
		}
		return res;
	}

	/** REST call that must answer 2xx; returns the unwrapped `data` field. */
	async rest(method, urlPath, body) {
		const res = await this.request(method, urlPath, body);
		if (res.status < 200 || res.status >= 300)
			throw new Error(`${method} ${urlPath} -> HTTP ${res.status}: ${res.text.slice(0, 2000)}`);
		return res.body && 'data' in res.body ? res.body.data : res.body;
	}

	/** POST /rest/owner/setup (first run only); the answer logs the owner in. */
	async setupOwner() {
		this.owner = { email: 'owner@e2e.test', password: 'E2eOwnerPassw0rd' };
		const name = { firstName: 'E2E', lastName: 'Owner' };
		return await this.rest('POST', '/rest/owner/setup', { ...this.owner, ...name });
	}

	/**
	 * POST /rest/credentials/test on the stored credential `id`: its (redacted) data is fetched
	 * and sent back, as the editor does, so n8n restores the secrets and tests the stored values.
	 * Resolves { status: 'OK' | 'Error', message }.
	 */
	async testCredential({ id, name, type }) {
		const stored = await this.rest(
			'GET',
			`/rest/credentials/${encodeURIComponent(id)}?includeData=true`,
		);
		return await this.rest('POST', '/rest/credentials/test', {
			credentials: { id, name: name || stored.name, type: type || stored.type, data: stored.data },
		});
	}

	/** POST /rest/dynamic-node-parameters/resource-locator-results -> { results, paginationToken? } */
	async listSearch({ nodeType, nodeVersion = 1, currentNodeParameters = {}, filter, ...rest }) {
		return await this.rest('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
			...rest, // path, methodName, credentials
			nodeTypeAndVersion: { name: nodeType, version: nodeVersion },
			currentNodeParameters,
			...(filter !== undefined ? { filter } : {}),
		});
	}
}

/** `n8n start` on env.N8N_PORT (loopback only); resolves when ready, stops it on failure. */
async function startN8n(env, opts) {
	const server = new N8nServer(env, opts);
	try {
		await server.ready;
	} catch (err) {
		await server.stop();
		throw err;
	}
	return server;
}

module.exports = { startN8n, N8nServer, n8nProc, httpJson };
