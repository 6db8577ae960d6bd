// Makes what tsc does not emit: copies the icons and the node's codex file, and bundles
// xml2js (the XML codec) with sax and xmlbuilder into one readable CommonJS file,
// `dist/nodes/SortedPro/transport/vendor/xml2js.js`, their licence texts beside it in
// `xml2js.LICENSES.txt`. The published package then has no runtime dependency: n8n verifies
// (and n8n Cloud installs) only community packages whose `dependencies` are empty and whose
// code requires no module but n8n-workflow, a few libraries n8n ships and crypto
// (@n8n/eslint-plugin-community-nodes, no-restricted-imports).
//
// xml2js and sax require three Node built-ins the scanner refuses; the bundle takes small
// stand-ins from nodes/SortedPro/transport/vendor/shims/ instead (events: the EventEmitter
// subset xml2js's Parser uses; timers and stream: only for xml2js's async option and sax's
// SAXStream, which the codec does not use). The build fails if anything else would be left for
// `require` at run time.
//
// `node gulpfile.js <outDir>` bundles for another build folder (the demo's, the benchmark's).
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { src, dest, parallel } = require('gulp');

const REPO_ROOT = __dirname;
// Where codec.ts imports the bundle from ('./vendor/xml2js'), below the build's output folder.
const VENDOR_DIR = 'nodes/SortedPro/transport/vendor';
const SHIMMED = ['events', 'timers', 'stream'];
const SHIM_FILTER = new RegExp(`^(node:)?(${SHIMMED.join('|')})$`);

const shimNodeBuiltins = {
	name: 'shim-node-builtins',
	setup(build) {
		build.onResolve({ filter: SHIM_FILTER }, (args) => ({
			path: path.join(REPO_ROOT, VENDOR_DIR, 'shims', `${args.path.replace(/^node:/, '')}.js`),
		}));
	},
};

/** The packages whose files went into the bundle, from esbuild's list of inputs. */
function bundledPackages(metafile) {
	const dirs = new Map();
	for (const input of Object.keys(metafile.inputs)) {
		const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
		if (match) dirs.set(match[2], path.join(REPO_ROOT, match[1]));
	}
	return [...dirs.values()].map((dir) => {
		const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
		const licenceFile = fs.readdirSync(dir).find((f) => /^licen[cs]e(\.|$)/i.test(f));
		if (!licenceFile) throw new Error(`${pkg.name} ships no licence file to copy`);
		const licenceText = fs.readFileSync(path.join(dir, licenceFile), 'utf8').trim();
		return { name: pkg.name, version: pkg.version, license: pkg.license, licenceText };
	});
}

/** Builds `<outDir>/nodes/SortedPro/transport/vendor/xml2js.js` and its licence file; returns what it wrote. */
async function bundleXml2js(outDir) {
	const vendorDir = path.resolve(REPO_ROOT, outDir, VENDOR_DIR);
	const result = await esbuild.build({
		absWorkingDir: REPO_ROOT,
		entryPoints: [require.resolve('xml2js', { paths: [REPO_ROOT] })],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20.15',
		minify: false,
		write: false,
		metafile: true,
		logLevel: 'silent',
		plugins: [shimNodeBuiltins],
		outfile: path.join(vendorDir, 'xml2js.js'),
	});
	const [output] = Object.values(result.metafile.outputs);
	const leftOver = output.imports.filter((i) => i.external).map((i) => i.path);
	if (leftOver.length > 0) {
		throw new Error(`the xml2js bundle would still require: ${leftOver.join(', ')}`);
	}
	const packages = bundledPackages(result.metafile);
	const names = packages.map((p) => `${p.name} ${p.version} (${p.license})`).join(', ');
	const banner =
		`/*! ${names}, bundled for n8n-nodes-sortedpro by its gulpfile.js, with ` +
		`shims for Node's ${SHIMMED.join(', ')}. Licences: xml2js.LICENSES.txt */\n`;
	const code = banner + result.outputFiles[0].text;
	const licences = packages
		.map((p) => `${p.name} ${p.version} (${p.license})\n${'='.repeat(60)}\n\n${p.licenceText}\n`)
		.join('\n\n');
	fs.mkdirSync(vendorDir, { recursive: true });
	const file = path.join(vendorDir, 'xml2js.js');
	fs.writeFileSync(file, code);
	fs.writeFileSync(path.join(vendorDir, 'xml2js.LICENSES.txt'), licences);
	return { file, bytes: Buffer.byteLength(code), packages: names };
}

function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

function bundleVendor() {
	return bundleXml2js('dist');
}

exports.bundleXml2js = bundleXml2js;
exports['build:static'] = parallel(copyIcons, copyCodex, bundleVendor);

if (require.main === module) {
	const outDir = process.argv[2];
	if (!outDir) {
		console.error('usage: node gulpfile.js <outDir>');
		process.exit(2);
	}
	bundleXml2js(outDir).then(
		({ file, bytes, packages }) =>
			console.log(`${path.relative(process.cwd(), file)}: ${bytes} bytes (${packages})`),
		(error) => {
			console.error(`xml2js bundle: ${error.message}`);
			process.exit(1);
		},
	);
}
