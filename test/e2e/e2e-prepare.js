'use strict';
/** Build and pack of the e2e run: `npm run build`, `npm pack` into .cache/e2e/, tarball listing. */
const fs = require('node:fs');
const path = require('node:path');
const { run, E2E_DIR } = require('./n8n-env');

/** `npm run build` in the repository. */
function build() {
	return run('npm', ['run', 'build'], { check: true });
}

/**
 * `npm pack` into `dir` (default .cache/e2e/; old tarballs removed first); returns the
 * tarball's path. Lifecycle scripts are skipped: `prepack` would only repeat the build just done.
 */
async function pack(dir = E2E_DIR) {
	fs.mkdirSync(dir, { recursive: true });
	for (const f of fs.readdirSync(dir)) if (f.endsWith('.tgz')) fs.rmSync(path.join(dir, f));
	const env = { ...process.env, npm_config_ignore_scripts: 'true' };
	const args = ['pack', '--pack-destination', dir, '--json', '--loglevel=error'];
	const { stdout } = await run('npm', args, { env, check: true });
	return path.join(dir, JSON.parse(stdout)[0].filename);
}

/** The files in a tarball (`tar -tzf`). */
async function tarballFiles(tarball) {
	const { stdout } = await run('tar', ['-tzf', tarball], { check: true });
	return stdout.split('\n').filter(Boolean);
}

module.exports = { build, pack, tarballFiles };
