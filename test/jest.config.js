/** @type {import('jest').Config} */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	// The codec imports xml2js from the build's bundle (gulpfile.js), so tests
	// run the same bundle the package ships; jest.global-setup.js builds it for them.
	globalSetup: '<rootDir>/test/jest.global-setup.js',
	moduleNameMapper: {
		'(?:^\\./|/transport/)vendor/xml2js$':
			'<rootDir>/.cache/test-build/nodes/SortedPro/transport/vendor/xml2js.js',
	},
	testTimeout: 30000,
};
