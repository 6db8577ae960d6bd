'use strict';
/**
 * What the queue-mode run needs before n8n starts, all at once: n8n installed
 * (test/e2e/install-n8n.sh, cached under $E2E_CACHE_DIR/n8n/<version>), `npm run build`, and
 * `npm pack` of the repository into the run's folder.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const n8n = require('../n8n-cli');

/** Runs a command with its output in logFile; rejects with the log's tail on a non-zero exit. */
function runLogged(cmd, args, { cwd = n8n.REPO_ROOT, env = process.env, logFile }) {
	return new Promise((resolve, reject) => {
		const fd = fs.openSync(logFile, 'w');
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', fd, fd] });
		fs.closeSync(fd);
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) return resolve(fs.readFileSync(logFile, 'utf8'));
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
			reject(new Error(`${cmd} ${args.join(' ')} exited ${code} (${logFile}):\n${tail}`));
		});
	});
}

async function installN8n(version, logDir) {
	if (n8n.isN8nInstalled(version)) return n8n.n8nInstallDir(version);
	const script = path.join(__dirname, '..', 'install-n8n.sh');
	await runLogged('bash', [script, version], { logFile: path.join(logDir, `install-n8n-${version}.log`) });
	if (!n8n.isN8nInstalled(version)) throw new Error(`n8n ${version} is not installed after ${script}`);
	return n8n.n8nInstallDir(version);
}

async function buildAndPack(outDir, logDir) {
	await runLogged('npm', ['run', 'build'], { logFile: path.join(logDir, 'build.log') });
	fs.mkdirSync(outDir, { recursive: true });
	for (const f of fs.readdirSync(outDir)) if (f.endsWith('.tgz')) fs.rmSync(path.join(outDir, f));
	// prepack would only repeat the build above.
	const env = { ...process.env, npm_config_ignore_scripts: 'true' };
	const out = await runLogged('npm', ['pack', '--pack-destination', outDir, '--json', '--loglevel=error'], {
		env,
		logFile: path.join(logDir, 'pack.log'),
	});
	const json = out.slice(out.indexOf('['));
	return path.join(outDir, JSON.parse(json)[0].filename);
}

/** Resolves { n8nDir, tarball } once the install, the build and the pack are all done. */
async function prepare({ version, outDir, logDir }) {
	const [n8nDir, tarball] = await Promise.all([installN8n(version, logDir), buildAndPack(outDir, logDir)]);
	return { n8nDir, tarball };
}

module.exports = { prepare, runLogged };
