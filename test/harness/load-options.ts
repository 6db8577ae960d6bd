/**
 * listSearch methods with `this` = n8n-core's real LoadOptionsContext, built
 * as n8n's CLI DynamicNodeParametersService does (packages/cli/src/services/
 * dynamic-node-parameters.service.ts, n8n-io/n8n): a one-node workflow ('Temp-Node') holding
 * the current parameters and credentials, mode 'internal'.
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ILoadOptionsFunctions,
	INode,
	INodeCredentials,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';
import { UnexpectedError, Workflow } from 'n8n-workflow';

import { makeAdditionalData } from './engine';
import { getNodeTypes, latestVersion } from './node-types';
import { credentialRefs } from './run-node';

export interface LoadOptionsSearchOptions {
	nodeType: INodeType | IVersionedNodeType;
	/** Type name of the node in workflows; defaults to nodeType.description.name. */
	type?: string;
	typeVersion?: number;
	credentialTypes: ICredentialType[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Defaults to one reference per key of `credentials`. */
	nodeCredentials?: INodeCredentials;
	/** The node's current parameters (what the editor sends as currentNodeParameters). */
	parameters: INodeParameters;
	/** Name of the method in `methods.listSearch`. */
	method: string;
	/** Parameter path the editor asks for; defaults to `parameters.<method>`. */
	path?: string;
	filter?: string;
	paginationToken?: string;
}

const nodeTypeMaps = new WeakMap<object, Record<string, INodeType | IVersionedNodeType>>();

function buildContext(opts: LoadOptionsSearchOptions): {
	context: ILoadOptionsFunctions;
	nodeType: INodeType;
} {
	const type = opts.type ?? opts.nodeType.description.name;
	let map = nodeTypeMaps.get(opts.nodeType);
	if (!map || !map[type]) {
		map = { [type]: opts.nodeType };
		nodeTypeMaps.set(opts.nodeType, map);
	}
	const nodeTypes = getNodeTypes(map);
	const typeVersion = opts.typeVersion ?? latestVersion(opts.nodeType);
	const node: INode = {
		parameters: opts.parameters,
		id: 'uuid-1234',
		name: 'Temp-Node',
		type,
		typeVersion,
		position: [0, 0],
		credentials: opts.nodeCredentials ?? credentialRefs(opts.credentials),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = makeAdditionalData({
		credentialTypes: opts.credentialTypes,
		credentials: opts.credentials,
		currentNodeParameters: opts.parameters,
	});
	const context = new LoadOptionsContext(
		workflow,
		workflow.nodes['Temp-Node'],
		additionalData,
		opts.path ?? `parameters.${opts.method}`,
	);
	return { context, nodeType: nodeTypes.getByNameAndVersion(type, typeVersion) };
}

export async function loadOptionsSearch(
	opts: LoadOptionsSearchOptions,
): Promise<INodeListSearchResult> {
	const { context, nodeType } = buildContext(opts);
	const method = nodeType.methods?.listSearch?.[opts.method];
	if (typeof method !== 'function') {
		throw new UnexpectedError(`Node type has no listSearch method "${opts.method}"`);
	}
	return await method.call(context, opts.filter, opts.paginationToken);
}
