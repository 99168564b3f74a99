/** Log template mining: messages in, templates with `<*>` for their variable parts out. */
export { TemplateMiner, DEFAULT_OPTIONS, type MinerOptions, type Overflow } from './miner.js';
export type { Cluster, Where } from './cluster.js';
export { tokenize } from './tokenize.js';
export { maskToken, WILDCARD } from './mask.js';
