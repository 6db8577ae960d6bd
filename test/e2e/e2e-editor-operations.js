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

function visibleProps(description, resource, operation) {
	return description.properties.filter((p) => {
		const show = (p.displayOptions && p.displayOptions.show) || {};
		if (['resource', 'operation'].includes(p.name)) return false;
		return (
			(!show.resource || show.resource.includes(resource)) &&
			(!show.operation || show.operation.includes(operation))
		);
	});
}

async function everyOperation(s, { chooseOption, ndv }) {
	let count = 0;
	for (const { resource, operations } of operationsByResource(s.description)) {
		await chooseOption(s, 'resource', resource.name);
		for (const op of operations) {
			await chooseOption(s, 'operation', op.name);
			const params = ndv(s).getByTestId('node-parameters');
			for (const p of visibleProps(s.description, resource.value, op.value)) {
				await params
					.getByText(p.displayName, { exact: true })
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

module.exports = { everyOperation, operationsByResource };
