/** INodeTypes for the harness: the nodes under test plus a tiny start (trigger) node. */
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

export const START_NODE_TYPE = 'n8n-nodes-harness.start';

/**
 * Start node. It is a trigger node, so in mode 'trigger' WorkflowExecute passes the items
 * from the execution stack through as its output unchanged (executeTriggerNode). Its
 * `trigger` function is never called in that mode.
 */
export class HarnessStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Start',
		name: START_NODE_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Emits the items given to runNode()',
		defaults: { name: 'Harness Start' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	};

	async trigger(): Promise<ITriggerResponse> {
		return {};
	}
}

export type NodeTypeMap = Record<string, INodeType | IVersionedNodeType>;

export class HarnessNodeTypes implements INodeTypes {
	private readonly types: NodeTypeMap;

	constructor(types: NodeTypeMap) {
		this.types = { [START_NODE_TYPE]: new HarnessStart(), ...types };
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type)
			throw new UnexpectedError(`Unknown node type "${nodeType}" (not given to the harness)`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]),
		);
	}
}

const cache = new WeakMap<NodeTypeMap, HarnessNodeTypes>();

/** Reuses the INodeTypes object for the same `nodeTypes` record (object identity). */
export function getNodeTypes(types: NodeTypeMap): HarnessNodeTypes {
	let nodeTypes = cache.get(types);
	if (!nodeTypes) {
		nodeTypes = new HarnessNodeTypes(types);
		cache.set(types, nodeTypes);
	}
	return nodeTypes;
}

/** Latest version of a (possibly versioned) node type, as the editor would pick it. */
export function latestVersion(type: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in type) return type.currentVersion;
	const { version } = type.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** The name the editor gives a freshly added node (description.defaults.name). */
export function defaultNodeName(type: INodeType | IVersionedNodeType, version: number): string {
	const { description } = NodeHelpers.getVersionedNodeType(type, version);
	return (description.defaults?.name as string | undefined) ?? description.displayName ?? 'Node';
}
