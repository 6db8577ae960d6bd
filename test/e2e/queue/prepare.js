'use strict';
/**
 * What the queue-mode run needs before n8n starts, all at once, with the e2e library's own
 * steps: `installN8n` (../n8n-env.js: install-n8n.sh unless cached under
 * $E2E_CACHE_DIR/n8n/<version>), `build()` and `pack(dir)` (../e2e-prepare.js). The tarball goes
 * into the run's own folder, so runs from other checkouts sharing the cache do not touch it.
 */
const { installN8n } = require('../n8n-env');
const { build, pack } = require('../e2e-prepare');

/** Resolves { n8nDir, tarball } once the install, the build and the pack are all done. */
async function prepare({ version, outDir }) {
	const [installed, tarball] = await Promise.all([
		installN8n(version),
		build().then(() => pack(outDir)),
	]);
	return { n8nDir: installed.dir, tarball };
}

module.exports = { prepare };
