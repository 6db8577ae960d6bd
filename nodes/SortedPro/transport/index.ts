export { SortedProClient, type ApiCall, type ClientSettings, type ReadAnswer } from './client';
export { connect, type SortedProConnection, type SortedProContext } from './connection';
export { AdaptiveLimit } from './limit';
export { apiPath, type SortedProResponse } from './request';
export { parseJson } from './codec';
export type { BodyFormat } from './codec';
export { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry';
