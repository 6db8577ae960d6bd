/**
 * testCredential: a port of the request-based part of n8n's CLI
 * `CredentialsTester.testCredentials` (packages/cli/src/services/credentials-tester.service.ts,
 * n8n-io/n8n). The credential type's `test` (or a node's `testedBy`) request is put on the
 * routing of a temporary copy of the noOp node type and run through n8n-core's RoutingNode
 * with a real ExecuteContext, so the credential's `authenticate` is applied by the real
 * httpRequestWithAuthentication. Not ported: a node's `testedBy`, OAuth2 token checks,
 * $secrets redaction, overwrites.
 */
import { ErrorReporter, ExecuteContext, RoutingNode } from 'n8n-core';
import { Container } from '@n8n/di';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsDecrypted,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createEmptyRunExecutionData } from 'n8n-workflow';

import { credentialsHelper } from './credentials-helper';
import { makeAdditionalData } from './engine';

/** Stand-in for n8n-nodes-base.noOp's description (the CLI uses the real one). */
const noOpNodeType: INodeType = {
	description: {
		displayName: 'No Operation, do nothing',
		name: 'n8n-nodes-base.noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
};

/** lodash-style `get` for dotted / [index] paths (rule keys). */
function get(value: unknown, path: string): unknown {
	return path
		.replace(/\[(\w+)\]/g, '.$1')
		.split('.')
		.filter(Boolean)
		.reduce<unknown>(
			(acc, key) => (acc == null ? undefined : (acc as Record<string, unknown>)[key]),
			value,
		);
}

/** The credential type's own `test` request (a node's `testedBy` is not looked up). */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const testRequest = credentialType.test;
	if (testRequest === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}
	const typeName = credentialType.name;
	const additionalData = makeAdditionalData({
		credentialTypes: [credentialType],
		credentials: { [typeName]: data },
	});
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: `${typeName}-id`,
		name: typeName,
		type: typeName,
	};
	try {
		credentialsDecrypted.data = credentialsHelper.applyDefaults(
			additionalData,
			data,
			typeName,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	const nodeType = noOpNodeType;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: Array.isArray(nodeType.description.version)
			? nodeType.description.version.slice(-1)[0]
			: nodeType.description.version,
		position: [0, 0],
		credentials: { [typeName]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const nodeTypeCopy: INodeType = {
		description: {
			...nodeType.description,
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const mockNodeTypes: INodeTypes = {
		getKnownTypes: () => ({}),
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: (_name, version) =>
			NodeHelpers.getVersionedNodeType(nodeTypeCopy, version),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: mockNodeTypes,
	});
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[] as INodeExecutionData[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, nodeTypeCopy, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		Container.get(ErrorReporter).error(error);
		const { cause } = error as {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		if (cause?.response) {
			const statusCode = cause.response.status;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: cause.response.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const responseData = response?.[0]?.[0]?.json;
			if (get(responseData, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
