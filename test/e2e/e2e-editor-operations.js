'use strict';
/**
 * The last editor step: every resource and operation the node's description offers (as n8n
 * serves it), chosen in the node's panel, shows its parameters without an error. New
 * operations are covered as soon as the description lists them.
 */
const assert = require('node:assert/strict');

/**
 * Options of the node's `resource` and, per resource, of its `operation` parameters, as n8n
 * serves the description. n8n adds "Custom API Call" (`__CUSTOM_API_CALL__`) to nodes with
 * credentials; that one is n8n's, not the node's, and is left out.
 */
function operationsByResource(description) {
	const own = (o) => o.value !== '__CUSTOM_API_CALL__';
	const props = description.properties;
	const resources = props.find((p) => p.name === 'resource').options.filter(own);
	return resources.map((r) => {
		const opParam = props.find(
			(p) => p.name === 'operation' && p.displayOptions.show.resource.includes(r.value),
		);
		assert.ok(opParam, `resource ${r.name} has an operation parameter`);
		return { resource: r, operations: opParam.options.filter(own) };
	});
}

/**
 * Whether n8n shows a top-level parameter, given the values of the others (`displayOptions`
 * show/hide on plain values). Conditions it cannot decide here (`_cnd` objects, `@version`
 * other than equality) make it `undefined`: such a parameter is not asserted.
 */
function shown(p, values) {
	const { show = {}, hide = {} } = p.displayOptions || {};
	const test = (key, list) => {
		const name = key.replace(/^\//, '');
		const value = name === '@version' ? 1 : values[name];
		if (list.some((v) => v !== null && typeof v === 'object')) return undefined;
		return list.includes(value);
	};
	let result = true;
	for (const [key, list] of Object.entries(show)) {
		const r = test(key, list);
		if (r === undefined) return undefined;
		result = result && r;
	}
	for (const [key, list] of Object.entries(hide)) {
		const r = test(key, list);
		if (r === undefined) return undefined;
		result = result && !r;
	}
	return result;
}

/** The parameters n8n shows for a resource and operation, with every other value at its default. */
function visibleProps(description, resource, operation) {
	const props = description.properties.filter((p) => !['resource', 'operation'].includes(p.name));
	const values = { resource, operation };
	// defaults of the parameters shown for this operation (a name may have several definitions)
	for (let pass = 0; pass < 2; pass++) {
		for (const p of props) {
			if (!(p.name in values) && shown(p, { ...values, [p.name]: p.default })) {
				values[p.name] = p.default;
			}
		}
	}
	return props.filter((p) => shown(p, values) === true);
}

async function everyOperation(s, { chooseOption, ndv }) {
	let count = 0;
	for (const { resource, operations } of operationsByResource(s.description)) {
		await chooseOption(s, 'resource', resource.name);
		for (const op of operations) {
			await chooseOption(s, 'operation', op.name);
			const params = ndv(s).getByTestId('node-parameters');
			for (const p of visibleProps(s.description, resource.value, op.value)) {
				// a notice's text is rendered as markdown: look for its beginning
				const label =
					p.type === 'notice'
						? params.getByText(p.displayName.slice(0, 40))
						: params.getByText(p.displayName, { exact: true });
				await label
					.first()
					.waitFor({ timeout: 10000 })
					.catch(() => {
						throw new Error(`${resource.name} / ${op.name}: "${p.displayName}" is not shown`);
					});
			}
			const text = await params.innerText();
			assert.ok(
				!/Could not (load|render)|is not supported/i.test(text),
				`${resource.name} / ${op.name}: ${text.slice(0, 800)}`,
			);
			count++;
		}
	}
	assert.ok(count >= 1, 'no operation found in the node description');
	s.report.out(`..   editor: ${count} operation(s) rendered [n8n ${s.version}]`);
}

module.exports = { everyOperation, operationsByResource, visibleProps };
