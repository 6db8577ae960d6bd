// Makes what tsc does not emit: copies the icons and the node's codex file, and bundles
// xml2js (the XML codec) into dist/vendor/ so the package has no runtime dependency.
const { src, dest, parallel } = require('gulp');
const { bundleXml2js } = require('./vendor/bundle-xml2js');

function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

function bundleVendor() {
	return bundleXml2js('dist');
}

exports['build:static'] = parallel(copyIcons, copyCodex, bundleVendor);
