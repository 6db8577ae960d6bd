/**
 * Jest harness that runs nodes through n8n-core's real execution engine.
 * Import this before anything from n8n-core: './env' must set the environment first.
 */
import './env';
import './logging';

export { userFolder } from './env';
export { captureLogs, allLogs } from './logging';
export { runNode, type RunNodeOptions, type RunNodeResult } from './run-node';
export { testCredential } from './credential-test';
export { loadOptionsSearch, type LoadOptionsSearchOptions } from './load-options';
export { shutdownN8n } from './shutdown';
export { credentialsHelper, HarnessCredentialsHelper } from './credentials-helper';
export { runChain, type ChainNode, type ChainResult } from './run-chain';
export { Poller, type PollerOptions } from './run-poll';
