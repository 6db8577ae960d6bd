'use strict';
/**
 * The AI Agent example (examples/ai-agent-tool.json) in real n8n: Manual Trigger -> AI Agent,
 * with n8n's OpenAI Chat Model pointed at the scripted model of fake-openai.js and the node as
 * its tool (`n8n-nodes-sortedpro.sortedProTool`, parameters from `$fromAI(...)`).
 *
 * The scripted model reads the prompt like a model would: the consignment references
 * (EC-000-XXX-XXX) and the carrier service code in parentheses become the tool call's
 * arguments; its final answer repeats the tracking references (TRK...) or the error it got back.
 */
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const n8n = require('./n8n-cli');

const FILE = 'ai-agent-tool.json';
const AGENT = 'AI Agent';
const TOOL = 'SortedPRO Tool';
const AGENT_REF = 'EC-000-3C1-AI1';
const UNKNOWN_REF = 'EC-000-999-UNK';
const OPENAI_CREDENTIAL = { id: 'openai-credential', name: 'OpenAI account', type: 'openAiApi' };
const FAILING_WORKFLOW_ID = 'SortedProAgentFail';

/** What the scripted model calls the tool with, read from the user's prompt. */
function argumentsFor(userText, tool) {
	const props = (tool.parameters && tool.parameters.properties) || {};
	const refs = userText.match(/EC-\d{3}-[A-Z0-9]{3}-[A-Z0-9]{3}/g) || [];
	const service = (/\(([A-Z0-9_]+)\)/.exec(userText) || [])[1];
	const args = {};
	if ('consignmentReferences' in props) args.consignmentReferences = refs.join(', ');
	if ('carrierService' in props) args.carrierService = service;
	return args;
}

/** The scripted model's final answer: the tracking references it was given, or the error. */
function finalText(toolResult) {
	const tracking = [...new Set(String(toolResult).match(/TRK[0-9A-Z]+/g) || [])];
	if (tracking.length)
		return `Done: the consignment is allocated, tracking reference ${tracking.join(', ')}.`;
	return `The allocation did not work. SortedPRO said: ${String(toolResult).slice(0, 500)}`;
}

/** The openAiApi credential the example refers to, pointed at the fake model server. */
function openAiCredential(model) {
	return { ...OPENAI_CREDENTIAL, data: { apiKey: 'sk-e2e-fake-model', url: model.baseUrl } };
}

function allocationPuts(sim) {
	return sim.requests.filter(
		(r) => r.method === 'PUT' && /\/allocation\/allocatewithcarrierservice$/i.test(r.path),
	);
}

function agentAnswer(execution) {
	const items = n8n.getNodeItems(execution, AGENT) || [];
	assert.equal(items.length, 1, `AI Agent items: ${JSON.stringify(items)}`);
	assert.equal(typeof items[0].output, 'string', JSON.stringify(items[0]));
	return items[0].output;
}

/** Writes the tool definition the model received to .cache/e2e/agent-tool-<version>.json. */
function recordToolDefinition(version, tool) {
	fs.mkdirSync(n8n.E2E_DIR, { recursive: true });
	const file = path.join(n8n.E2E_DIR, `agent-tool-${version}.json`);
	fs.writeFileSync(file, JSON.stringify(tool, null, 2));
	return file;
}

/** Checks of examples/ai-agent-tool.json: [name, ({ execution, sim, apiKey, model, version }) => void]. */
const checks = [
	[
		`simulator: 1 allocation PUT with the model's arguments (${AGENT_REF}, CX_NDS) and the key`,
		({ sim, apiKey }) => {
			const puts = allocationPuts(sim);
			assert.equal(
				puts.length,
				1,
				`allocation PUTs: ${sim.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
			);
			assert.equal(puts[0].headers['ocp-apim-subscription-key'], apiKey);
			const body = JSON.parse(puts[0].body);
			assert.deepEqual(body.ConsignmentReferences, [AGENT_REF]);
			assert.equal(body.MpdCarrierServiceReference, 'CX_NDS');
			assert.equal(sim.consignment(AGENT_REF).state, 'Allocated');
		},
	],
	[
		'model received the tool: name, description and a schema whose every field is described',
		({ model, version }) => {
			const tool = model.turns[0] && model.turns[0].tools[0];
			assert.ok(tool, `no tool offered to the model: ${JSON.stringify(model.turns[0])}`);
			const file = recordToolDefinition(version, tool);
			console.log(`..   tool definition the model received [n8n ${version}]: ${file}`);
			assert.equal(tool.name, 'SortedPRO_Tool');
			assert.match(tool.description, /SortedPRO.*consignments.*carrier service/s);
			const props = tool.parameters.properties;
			assert.deepEqual(Object.keys(props).sort(), ['carrierService', 'consignmentReferences']);
			assert.match(props.consignmentReferences.description, /EC-000-05A-Z6S/);
			assert.match(props.carrierService.description, /CX_NDS/);
			for (const [key, p] of Object.entries(props)) assert.equal(p.type, 'string', `${key} type`);
		},
	],
	[
		"the tool's run got the model's arguments; the model got the summary back",
		({ execution, model }) => {
			const run = execution.data.resultData.runData[TOOL];
			assert.ok(run && run.length === 1, `runs of ${TOOL}: ${run && run.length}`);
			const input = JSON.stringify(run[0].inputOverride || {});
			assert.ok(input.includes(AGENT_REF) && input.includes('CX_NDS'), `inputOverride: ${input}`);
			const result = model.turns[1] && model.turns[1].toolResult;
			assert.ok(result && result.includes(AGENT_REF), `tool result the model got: ${result}`);
		},
	],
	[
		"the agent's final answer quotes the simulator's tracking reference",
		({ execution, sim }) => {
			const tracking = sim.consignment(AGENT_REF).trackingReference;
			assert.match(String(tracking), /^TRK/);
			assert.ok(
				agentAnswer(execution).includes(tracking),
				`answer: ${agentAnswer(execution)}; tracking ${tracking}`,
			);
		},
	],
];

/** The example with a prompt naming an unknown consignment (a second workflow to import). */
function failingWorkflow(example) {
	const wf = JSON.parse(JSON.stringify(example));
	wf.id = FAILING_WORKFLOW_ID;
	wf.name = `${wf.name} (unknown consignment)`;
	const agent = wf.nodes.find((n) => n.name === AGENT);
	agent.parameters.text = `Allocate consignment ${UNKNOWN_REF} to the carrier service Next Day Super (CX_NDS), then tell me its tracking reference.`;
	return wf;
}

/**
 * The tool fails (unknown consignment): the model must get the failure as the tool's result
 * and the execution must finish without an error. ctx = { report, version, env, sim, model }.
 */
async function runFailingTool({ report, version, env, sim, apiKey, model }) {
	sim.reset();
	model.reset();
	const run = await report.time('execute the agent with a failing tool call', version, () =>
		n8n.executeWorkflow(env, FAILING_WORKFLOW_ID),
	);
	const { execution } = run;
	await report.check(
		`agent, unknown consignment: execution succeeds (exit 0, no error)`,
		version,
		() => {
			const err = n8n.getExecutionError(execution);
			assert.equal(err, undefined, `execution error: ${JSON.stringify(err)}`);
			assert.equal(run.code, 0, `exit ${run.code}\n${run.stderr.slice(-2000)}`);
		},
	);
	await report.check(
		`agent, unknown consignment: the model got the failure as the tool result`,
		version,
		() => {
			const puts = allocationPuts(sim);
			assert.equal(puts.length, 1, 'one allocation PUT reached the simulator');
			assert.deepEqual(JSON.parse(puts[0].body).ConsignmentReferences, [UNKNOWN_REF]);
			const result = model.turns[1] && model.turns[1].toolResult;
			assert.ok(result, `no second model turn with a tool result: ${model.turns.length} turns`);
			assert.match(result, /error/i, `tool result: ${result}`);
			assert.ok(result.includes(UNKNOWN_REF), `the tool result names ${UNKNOWN_REF}: ${result}`);
			assert.ok(!result.includes(apiKey), 'the API key is in the tool result');
			const answer = agentAnswer(execution);
			assert.ok(answer.includes(UNKNOWN_REF), `the final answer passes the reason on: ${answer}`);
		},
	);
	sim.reset();
	model.reset();
}

module.exports = {
	FILE,
	checks,
	argumentsFor,
	finalText,
	openAiCredential,
	failingWorkflow,
	runFailingTool,
	AGENT_REF,
};
