'use strict';
/**
 * A scripted stand-in for the OpenAI API on 127.0.0.1, for n8n's OpenAI Chat Model
 * (credential `openAiApi` with `url` = this server's `/v1`). It records every request and
 * answers like a model that uses the one tool it is offered:
 *
 *  - turn 1 (no tool result in the conversation): a call to the first offered tool, with the
 *    arguments `argumentsFor(userText, tool)` returns (the test scripts them from the prompt);
 *  - turn 2 (a `role: "tool"` message or a `function_call_output` item is present): a final
 *    text, `finalText(toolResult)`.
 *
 * Serves POST /v1/chat/completions (JSON or SSE when `stream` is set), POST /v1/responses
 * (JSON) and GET /v1/models.
 */
const http = require('node:http');

function textOf(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content.map((c) => (typeof c === 'string' ? c : c.text || '')).join('');
	return '';
}

const userTextOf = (list) =>
	list
		.filter((m) => m.role === 'user')
		.map((m) => textOf(m.content))
		.join('\n');

/** The conversation of a chat-completions or responses request, in one shape. */
function conversation(path, body) {
	if (path.endsWith('/chat/completions')) {
		const messages = body.messages || [];
		const toolMessage = messages.find((m) => m.role === 'tool');
		return {
			tools: (body.tools || []).map((t) => t.function),
			userText: userTextOf(messages),
			toolResult: toolMessage ? textOf(toolMessage.content) : undefined,
		};
	}
	const input = Array.isArray(body.input) ? body.input : [{ role: 'user', content: body.input }];
	const output = input.find((m) => m.type === 'function_call_output');
	return {
		tools: (body.tools || []).map(({ name, description, parameters }) => {
			return { name, description, parameters };
		}),
		userText: userTextOf(input),
		toolResult: output ? textOf(output.output) : undefined,
	};
}

function chatAnswer(model, message, finish) {
	return {
		id: `chatcmpl-e2e-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

function sendChatStream(res, answer) {
	const { message, finish_reason: finish } = answer.choices[0];
	const { id, created, model } = answer;
	const base = { id, object: 'chat.completion.chunk', created, model };
	const delta = message.tool_calls
		? {
				role: 'assistant',
				content: null,
				tool_calls: message.tool_calls.map((c, index) => ({ index, ...c })),
			}
		: { role: 'assistant', content: message.content };
	res.writeHead(200, { 'content-type': 'text/event-stream' });
	const chunk = (choice, more) =>
		`data: ${JSON.stringify({ ...base, choices: [{ index: 0, ...choice }], ...more })}\n\n`;
	res.write(chunk({ delta, finish_reason: null }));
	res.write(chunk({ delta: {}, finish_reason: finish }, { usage: answer.usage }));
	res.end('data: [DONE]\n\n');
}

function responsesAnswer(model, output) {
	return {
		id: `resp-e2e-${Date.now()}`,
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status: 'completed',
		model,
		output,
		usage: { input_tokens: 10, output_tokens: 10, total_tokens: 20 },
	};
}

/**
 * startFakeOpenAi({ argumentsFor(userText, tool) -> object, finalText(toolResult) -> string })
 * -> { baseUrl (…/v1), requests: [{ method, path, body }], turns: [{ tools, userText, toolResult }], close() }
 */
async function startFakeOpenAi({ argumentsFor, finalText }) {
	const requests = [];
	const turns = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (d) => (raw += d));
		req.on('end', () => {
			let body = {};
			try {
				body = raw ? JSON.parse(raw) : {};
			} catch {
				body = { unparsed: raw };
			}
			const path = req.url.split('?')[0];
			requests.push({ method: req.method, path, body });
			const json = (status, obj) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(obj));
			};
			if (req.method === 'GET' && path === '/v1/models') {
				return json(200, {
					object: 'list',
					data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'e2e' }],
				});
			}
			if (req.method !== 'POST' || !/\/v1\/(chat\/completions|responses)$/.test(path)) {
				return json(404, { error: { message: `fake OpenAI: no route ${req.method} ${path}` } });
			}
			const turn = conversation(path, body);
			turns.push(turn);
			const model = body.model || 'gpt-4o-mini';
			const tool = turn.tools[0];
			const call = turn.toolResult === undefined && tool;
			const args = call ? JSON.stringify(argumentsFor(turn.userText, tool)) : '';
			const text = call ? '' : finalText(turn.toolResult);
			if (path.endsWith('/responses')) {
				const output = call
					? [
							{
								type: 'function_call',
								id: 'fc_e2e_1',
								call_id: 'call_e2e_1',
								name: tool.name,
								arguments: args,
								status: 'completed',
							},
						]
					: [
							{
								type: 'message',
								id: 'msg_e2e_1',
								role: 'assistant',
								status: 'completed',
								content: [{ type: 'output_text', text, annotations: [] }],
							},
						];
				return json(200, responsesAnswer(model, output));
			}
			const answer = call
				? chatAnswer(
						model,
						{
							role: 'assistant',
							content: null,
							tool_calls: [
								{
									id: 'call_e2e_1',
									type: 'function',
									function: { name: tool.name, arguments: args },
								},
							],
						},
						'tool_calls',
					)
				: chatAnswer(model, { role: 'assistant', content: text }, 'stop');
			if (body.stream) return sendChatStream(res, answer);
			return json(200, answer);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
		requests,
		turns,
		reset() {
			requests.length = 0;
			turns.length = 0;
		},
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

module.exports = { startFakeOpenAi };
