'use strict';
/**
 * Preparation steps of the e2e run: n8n installs in the background (install-n8n.sh, cached in
 * .cache/n8n/<version>), `npm run build`, `npm pack` into .cache/e2e/.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const n8n = require('./n8n-cli');

const E2E_DIR = path.join(n8n.CACHE_DIR, 'e2e');
const INSTALL_SCRIPT = path.join(__dirname, 'install-n8n.sh');

function tail(file, lines = 40) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/**
 * Starts installing n8n `version` unless it is cached (async, unlike n8n.ensureN8n, so several
 * installs and the build run at the same time). Output goes to .cache/e2e/install-<version>.log.
 * Resolves { dir, cached, ms }; rejects with the log's tail on failure.
 */
function installN8nInBackground(version) {
	const t0 = Date.now();
	if (n8n.isN8nInstalled(version)) {
		return Promise.resolve({ dir: n8n.n8nInstallDir(version), cached: true, ms: Date.now() - t0 });
	}
	fs.mkdirSync(E2E_DIR, { recursive: true });
	const log = path.join(E2E_DIR, `install-${version}.log`);
	const fd = fs.openSync(log, 'w');
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [INSTALL_SCRIPT, version], { cwd: n8n.REPO_ROOT, stdio: ['ignore', fd, fd] });
		child.on('error', (err) => {
			fs.closeSync(fd);
			reject(err);
		});
		child.on('close', (code, signal) => {
			fs.closeSync(fd);
			const ms = Date.now() - t0;
			if (code === 0 && n8n.isN8nInstalled(version)) {
				resolve({ dir: n8n.n8nInstallDir(version), cached: false, ms, log });
			} else {
				reject(new Error(`install-n8n.sh ${version} failed (exit ${code}${signal ? `, ${signal}` : ''}) after ${ms} ms; ${log}:\n${tail(log)}`));
			}
		});
	});
}

/** Runs a command; resolves { stdout, stderr } or rejects with both on a non-zero exit. */
function runCommand(cmd, args, { cwd = n8n.REPO_ROOT, env = process.env } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve({ stdout, stderr });
			else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n--- stdout\n${stdout.slice(-4000)}\n--- stderr\n${stderr.slice(-4000)}`));
		});
	});
}

/** `npm run build` in the repository. */
function build() {
	return runCommand('npm', ['run', 'build']);
}

/**
 * `npm pack` into .cache/e2e/ (old tarballs removed first). Lifecycle scripts are skipped:
 * `prepack` would only run the build that `build()` has just done.
 */
function pack() {
	fs.mkdirSync(E2E_DIR, { recursive: true });
	for (const f of fs.readdirSync(E2E_DIR)) if (f.endsWith('.tgz')) fs.rmSync(path.join(E2E_DIR, f));
	const env = { ...process.env, npm_config_ignore_scripts: 'true' };
	return n8n.packPackage(n8n.REPO_ROOT, E2E_DIR, { env });
}

/** Lists the files in a tarball (`tar -tzf`). */
async function tarballFiles(tarball) {
	const { stdout } = await runCommand('tar', ['-tzf', tarball]);
	return stdout.split('\n').filter(Boolean);
}

module.exports = { E2E_DIR, installN8nInBackground, build, pack, tarballFiles, runCommand };
