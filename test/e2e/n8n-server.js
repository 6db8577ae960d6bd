'use strict';
/**
 * `n8n start` headless on a loopback port, and the REST calls the e2e run makes:
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
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const { n8nBin } = require('./n8n-env');

const liveServers = new Set();
process.once('exit', () => {
	for (const s of liveServers) s.child.kill('SIGKILL');
});

/**
 * Minimal JSON HTTP client for 127.0.0.1 (no proxy involved); resolves { status, headers, body
 * (parsed JSON or undefined), text, buffer (the raw bytes, e.g. of a file) }.
 */
function httpJson(method, url, { body, headers = {}, timeoutMs = 30000 } = {}) {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
		const req = http.request(
			url,
			{
				method,
				headers: {
					accept: 'application/json',
					...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}),
					...headers,
				},
				timeout: timeoutMs,
			},
			(res) => {
				const chunks = [];
				res.on('data', (d) => chunks.push(d));
				res.on('end', () => {
					const buffer = Buffer.concat(chunks);
					const text = buffer.toString('utf8');
					let json;
					try {
						json = text ? JSON.parse(text) : undefined;
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, headers: res.headers, body: json, text, buffer });
				});
			},
		);
		req.on('timeout', () =>
			req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)),
		);
		req.on('error', reject);
		if (data) req.write(data);
		req.end();
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class N8nServer {
	constructor(env, child) {
		this.env = env;
		this.child = child;
		this.baseUrl = `http://127.0.0.1:${env.N8N_PORT}`;
		this.browserId = crypto.randomUUID();
		this.cookie = undefined;
		this.logs = '';
		this.exited = false;
		child.stdout.on('data', (d) => (this.logs += d));
		child.stderr.on('data', (d) => (this.logs += d));
		this.exitPromise = new Promise((resolve) =>
			child.on('exit', (code, signal) => {
				this.exited = true;
				this.exitCode = code === null ? signal : code;
				liveServers.delete(this);
				resolve(this.exitCode);
			}),
		);
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
		if (res.status < 200 || res.status >= 300) {
			throw new Error(`${method} ${urlPath} -> HTTP ${res.status}: ${res.text.slice(0, 2000)}`);
		}
		return res.body && 'data' in res.body ? res.body.data : res.body;
	}

	/** Ready = JSON /rest/settings and /healthz/readiness 200 (2.41 answers HTML while it boots). */
	async waitReady(timeoutMs) {
		const t0 = Date.now();
		while (Date.now() - t0 < timeoutMs) {
			if (this.exited)
				throw new Error(`n8n start exited (${this.exitCode}):\n${this.logs.slice(-4000)}`);
			try {
				const res = await httpJson('GET', `${this.baseUrl}/rest/settings`, { timeoutMs: 2000 });
				if (res.status === 200 && res.body && res.body.data) {
					const ready = await httpJson('GET', `${this.baseUrl}/healthz/readiness`, {
						timeoutMs: 2000,
					});
					if (ready.status === 200) return;
				}
			} catch {
				/* not listening yet */
			}
			await sleep(250);
		}
		throw new Error(`n8n start not ready after ${timeoutMs} ms:\n${this.logs.slice(-4000)}`);
	}

	/** POST /rest/owner/setup (first run only); the answer logs the owner in. */
	async setupOwner() {
		this.owner = { email: 'owner@e2e.test', password: 'E2eOwnerPassw0rd' };
		return await this.rest('POST', '/rest/owner/setup', {
			...this.owner,
			firstName: 'E2E',
			lastName: 'Owner',
		});
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
	async listSearch({
		nodeType,
		nodeVersion = 1,
		methodName,
		path,
		currentNodeParameters = {},
		credentials,
		filter,
	}) {
		return await this.rest('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
			path,
			nodeTypeAndVersion: { name: nodeType, version: nodeVersion },
			currentNodeParameters,
			methodName,
			credentials,
			...(filter !== undefined ? { filter } : {}),
		});
	}

	async stop(timeoutMs = 15000) {
		if (this.exited) return this.exitCode;
		this.child.kill('SIGTERM');
		const t = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
		const code = await this.exitPromise;
		clearTimeout(t);
		return code;
	}
}

/** `n8n start` on env.N8N_PORT (loopback only); resolves when ready, stops it on failure. */
async function startN8n(env, { timeoutMs = 180000 } = {}) {
	const child = spawn(env.N8N_E2E_NODE, [n8nBin(env), 'start'], {
		env,
		cwd: env.N8N_USER_FOLDER,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const server = new N8nServer(env, child);
	liveServers.add(server);
	try {
		await server.waitReady(timeoutMs);
	} catch (err) {
		await server.stop();
		throw err;
	}
	return server;
}

module.exports = { startN8n, N8nServer, httpJson };
