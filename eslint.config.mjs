// ESLint flat config: n8n's own community-node lint.
//
// This is the config that `@n8n/node-cli/eslint` (node-cli 0.48.3) ships, rebuilt block for
// block from the same plugins at their current versions (community-nodes 0.32, as n8n's
// scanner uses). `npm run lint:n8n-node` (test/tools/n8n-node-lint.mjs) also runs
// `n8n-node lint` itself, from node-cli 0.19.0 (the release of n8n 2.8's line), on a copy of
// the package with node-cli's own default config, as its strict mode requires.
//
// Rules switched off here each carry their reason below. Besides those, typescript-eslint's
// `recommended` (its `eslint-recommended` part) switches off ~22 core rules on .ts files that
// the TypeScript compiler already checks (no-undef, no-redeclare, no-dupe-class-members, …);
// that is its documented purpose and the same in node-cli.
//
// Differences from node-cli, on purpose:
// - the n8n community-node rules apply to nodes/, credentials/ and package.json only;
//   test/ gets ordinary JS + TypeScript rules (node-cli applies everything to **/*.ts);
// - plain JS tooling files (gulpfile, jest config, test/tools/, demos) get ordinary JS rules.
//
// `npm run scan` (test/tools/scan.mjs) runs n8n's package scanner, which lints with its own
// fixed config (@n8n/scan-community-package), independent of this file.

import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// node-cli's default (n8n Cloud support on): includes no-restricted-globals and
// no-restricted-imports, which `recommendedWithoutN8nCloudSupport` leaves out.
const communityNodesRecommended = n8nCommunityNodesPlugin.configs.recommended;

const NODE_SOURCES = ['nodes/**/*.ts', 'credentials/**/*.ts'];

export default defineConfig(
	globalIgnores(['dist/', 'coverage/', '.cache/', '.n8n-test/', '**/*.d.ts']),

	// --- n8n node / credential sources (as node-cli's `**/*.ts` block) ---
	{
		files: NODE_SOURCES,
		extends: [
			js.configs.recommended,
			tseslint.configs.recommended,
			communityNodesRecommended,
			importX.flatConfigs.recommended,
		],
		rules: {
			// Off in node-cli's config (it gives no reason; n8n's own node code uses
			// `fn.apply(this, args)` / `push.apply(...)`). Kept off so `npm run lint` flags
			// exactly what `n8n-node lint` flags.
			'prefer-spread': 'off',
			// node-cli turns console into an error: nodes must log through n8n's logger.
			'no-console': 'error',
		},
	},
	{
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		settings: {
			'import-x/resolver-next': [createTypeScriptImportResolver()],
		},
	},

	// --- package.json: n8n-nodes-base `community` rules + community-nodes recommended ---
	{
		files: ['package.json'],
		extends: [communityNodesRecommended],
		rules: {
			...n8nNodesBase.configs.community.rules,
		},
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},

	// --- credentials (n8n-nodes-base `credentials` rules) ---
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Off as in node-cli and n8n's scanner: the rule enforces the camel-cased
			// n8n.io docs slug, which is not valid for community nodes (their docs URL is
			// their own); community-nodes' credential-documentation-url checks it instead.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// Off as in node-cli and n8n's scanner: superseded by the more accurate
			// @n8n/community-nodes/credential-password-field (which stays on).
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},

	// --- nodes (n8n-nodes-base `nodes` rules) ---
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Off as in node-cli and n8n's scanner: inputs/outputs may be written with the
			// NodeConnectionTypes enum (n8n-workflow 2.x) instead of the string 'main',
			// which these two older rules would flag.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// Off as in node-cli and n8n's scanner: a third-party API can have a real
			// maximum (e.g. a page size), so typeOptions.maxValue is legitimate.
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},

	// --- tests: ordinary JS + TypeScript rules only, no n8n node rules ---
	{
		files: ['test/**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		languageOptions: {
			globals: { ...globals.node, ...globals.jest },
		},
		rules: {
			// `const { omitted, ...rest } = x` is how tests and tools drop fields.
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	},

	// --- plain JS tooling (gulpfile, jest config, test/tools/, test demos): ordinary JS rules ---
	{
		files: ['**/*.js', '**/*.cjs'],
		extends: [js.configs.recommended],
		languageOptions: {
			sourceType: 'commonjs',
			globals: { ...globals.node, ...globals.jest },
		},
		rules: {
			// `const { omitted, ...rest } = x` is how tests and tools drop fields.
			'no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	},
	{
		files: ['**/*.mjs'],
		extends: [js.configs.recommended],
		languageOptions: {
			sourceType: 'module',
			globals: { ...globals.node },
		},
	},
);
