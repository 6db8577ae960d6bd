/** Constants every test shares. The node's own constants come from the node's modules. */
import { SORTEDPRO_CREDENTIAL } from '../credentials/SortedProApi.credentials';

/** A recognisable key: tests search every output, error and log line for it. */
export const API_KEY = 'sk-TEST-9f1c2e7a-LEAK-CANARY';
export const PACKAGE_NAME = 'n8n-nodes-sortedpro';
export const NODE_TYPE = `${PACKAGE_NAME}.sortedPro`;
/** The type n8n gives the node when an AI Agent uses it as a tool */
export const TOOL_NODE_TYPE = `${NODE_TYPE}Tool`;
export const CREDENTIAL_TYPE = SORTEDPRO_CREDENTIAL;
