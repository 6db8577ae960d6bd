'use strict';
/**
 * Drive a real, headless n8n (installed by test/e2e/install-n8n.sh into .cache/n8n/<version>)
 * from a script. Plain CommonJS, Node >= 20, no dependencies. Re-exports ./n8n-env.js.
 *
 *   await installN8n('2.8.4');                // install-n8n.sh unless cached
 *   const env = createN8nEnv({ version: '2.8.4', userFolder: '/tmp/x' });
 *   await installCommunityPackage(env, '/abs/pkg.tgz');
 *   await importCredentials(env, [{ id, name, type, data: {...} }]);
 *   await importWorkflow(env, [{ id, name, nodes, connections }]);
 *   const { code, execution } = await executeWorkflow(env, id);
 *   getNodeItems(execution, 'Code');          // -> [{...json}, ...]
 *
 * `n8n start` + REST (credential test, list search, the editor): ./n8n-server.js.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');
const nenv = require('./n8n-env');

const { run, runN8n, commandError } = nenv;

/** Writes an import file and runs `n8n import:<kind> --input=<file>`; throws on a non-zero exit. */
async function importFile(env, kind, list) {
	const dir = path.join(env.N8N_USER_FOLDER, 'e2e-import');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${kind}-${crypto.randomBytes(4).toString('hex')}.json`);
	fs.writeFileSync(file, JSON.stringify(list, null, 2));
	const res = await runN8n(env, [`import:${kind}`, `--input=${file}`]);
	if (res.code !== 0) throw commandError(`n8n import:${kind}`, res);
	return res;
}

/** Imports credentials [{ id, name, type, data: { ...plain values } }] (n8n encrypts `data`). */
function importCredentials(env, credentials) {
	return importFile(env, 'credentials', credentials);
}

/** Imports workflows (fixed `id` required, `active` forced to false); one file = one n8n boot. */
function importWorkflow(env, workflows) {
	const list = workflows.map((wf) => {
		if (!wf.id) throw new Error('importWorkflow: the workflow needs a fixed id');
		return { settings: {}, connections: {}, ...wf, active: false };
	});
	return importFile(env, 'workflow', list);
}

/**
 * The execution JSON in `n8n execute --rawOutput` stdout: log lines come first, then
 * JSON.stringify(run, null, 2). On failure n8n logs the same JSON before the error.
 */
function extractExecutionJson(stdout) {
	const lines = stdout.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] !== '{') continue;
		for (let j = i + 1; j < lines.length; j++) {
			if (lines[j] !== '}') continue;
			try {
				const obj = JSON.parse(lines.slice(i, j + 1).join('\n'));
				if (obj && obj.data && obj.data.resultData) return obj;
			} catch {
				/* keep looking */
			}
		}
	}
	return undefined;
}

/**
 * `n8n execute --id=<id> --rawOutput` (never --file: it exits 0 on failure).
 * Resolves { code, stdout, stderr, execution, durationMs }; code 1 on a node error.
 */
async function executeWorkflow(env, id) {
	const res = await runN8n(env, ['execute', `--id=${id}`, '--rawOutput']);
	return { ...res, execution: extractExecutionJson(res.stdout) };
}

/** Items (json only, or whole items with { full: true }) of one node's output in an execution. */
function getNodeItems(execution, nodeName, { output = 0, full = false } = {}) {
	const runs = execution && execution.data && execution.data.resultData.runData[nodeName];
	if (!runs || !runs[0]) return undefined;
	const items = ((runs[0].data && runs[0].data.main) || [])[output] || [];
	return full ? items : items.map((it) => it.json);
}

/** Error of a failed execution (message, description, node name), or undefined. */
function getExecutionError(execution) {
	const e = execution && execution.data && execution.data.resultData.error;
	return e
		? { message: e.message, description: e.description, node: e.node && e.node.name }
		: undefined;
}

/**
 * `npm install --legacy-peer-deps <tarball>` in $N8N_USER_FOLDER/.n8n/nodes, with the npm and
 * node of the env's n8n. --legacy-peer-deps keeps the package's `n8n-workflow` peer dependency
 * out (the node must resolve n8n's own copy). Node types are then `<package-name>.<nodeName>`.
 */
async function installCommunityPackage(env, tarballPath) {
	const tarball = path.resolve(tarballPath);
	const nodesDir = path.join(env.N8N_USER_FOLDER, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const nodesPkg = path.join(nodesDir, 'package.json');
	const manifest = { name: 'installed-nodes', private: true, dependencies: {} };
	if (!fs.existsSync(nodesPkg)) fs.writeFileSync(nodesPkg, JSON.stringify(manifest));
	const pkgJson = JSON.parse(
		execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
	);
	const args =
		'install --audit=false --fund=false --loglevel=error --legacy-peer-deps --ignore-scripts';
	const opts = { env, cwd: nodesDir, timeoutMs: 300000, check: true };
	await run('npm', [...args.split(' '), tarball], opts);
	return {
		packageName: pkgJson.name,
		version: pkgJson.version,
		dir: path.join(nodesDir, 'node_modules', pkgJson.name),
	};
}

module.exports = {
	...nenv,
	importCredentials,
	importWorkflow,
	executeWorkflow,
	getNodeItems,
	getExecutionError,
	installCommunityPackage,
};
