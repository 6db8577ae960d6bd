// Builds the xml2js bundle the codec imports (see moduleNameMapper in jest.config.js).
const { bundleXml2js } = require('../gulpfile');

module.exports = async function globalSetup() {
	await bundleXml2js('.cache/test-build');
};
