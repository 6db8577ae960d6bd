'use strict';
/**
 * What the queue-mode run needs before n8n starts, all at once: n8n installed
 * (test/e2e/install-n8n.sh, cached under $E2E_CACHE_DIR/n8n/<version>), `npm run build`, and
 * `npm pack` of the repository into the run's folder.
 */
const fs = require('node:fs');
const path = require('node:path');
const n8n = require('../n8n-cli');
const { Proc } = require('./processes');

/**
 * Runs a command (in its own process group, stopped with the others when the run is cut
 * short) with its output in logFile; resolves the log, rejects with its tail on a failure.
 */
function runLogged(cmd, args, { cwd = n8n.REPO_ROOT, env = process.env, logFile }) {
	const name = `${path.basename(cmd)} ${args[0]}`;
	return new Proc(name, cmd, args, { cwd, env, logFile, group: true }).succeeded();
}

async function installN8n(version, logDir) {
	if (n8n.isN8nInstalled(version)) return n8n.n8nInstallDir(version);
	const script = path.join(__dirname, '..', 'install-n8n.sh');
	await runLogged('bash', [script, version], {
		logFile: path.join(logDir, `install-n8n-${version}.log`),
	});
	if (!n8n.isN8nInstalled(version))
		throw new Error(`n8n ${version} is not installed after ${script}`);
	return n8n.n8nInstallDir(version);
}

async function buildAndPack(outDir, logDir) {
	await runLogged('npm', ['run', 'build'], { logFile: path.join(logDir, 'build.log') });
	fs.mkdirSync(outDir, { recursive: true });
	for (const f of fs.readdirSync(outDir)) if (f.endsWith('.tgz')) fs.rmSync(path.join(outDir, f));
	// prepack would only repeat the build above.
	const env = { ...process.env, npm_config_ignore_scripts: 'true' };
	const out = await runLogged(
		'npm',
		['pack', '--pack-destination', outDir, '--json', '--loglevel=error'],
		{
			env,
			logFile: path.join(logDir, 'pack.log'),
		},
	);
	const json = out.slice(out.indexOf('['));
	return path.join(outDir, JSON.parse(json)[0].filename);
}

/** Resolves { n8nDir, tarball } once the install, the build and the pack are all done. */
async function prepare({ version, outDir, logDir }) {
	const [n8nDir, tarball] = await Promise.all([
		installN8n(version, logDir),
		buildAndPack(outDir, logDir),
	]);
	return { n8nDir, tarball };
}

/**
 * The packed package into `$N8N_USER_FOLDER/.n8n/nodes` the way n8n's manual install does it:
 * `npm install <tarball>`; --legacy-peer-deps keeps a second n8n-workflow out.
 */
async function installPackage(env, tarball, logFile) {
	const nodesDir = path.join(env.N8N_USER_FOLDER, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = { name: 'installed-nodes', private: true, dependencies: {} };
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify(manifest, null, 2));
	const args = [
		'install',
		'--audit=false',
		'--fund=false',
		'--legacy-peer-deps',
		'--ignore-scripts',
	];
	await runLogged('npm', [...args, tarball], { cwd: nodesDir, env, logFile });
	return path.join(nodesDir, 'node_modules', 'n8n-nodes-sortedpro');
}

module.exports = { prepare, runLogged, installPackage };
