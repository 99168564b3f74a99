/** The connectors, a literal map from the `type:` of a live source to its lazily loaded module. */
import type { LiveSourceType } from '../ingest/case-config.js';
import type { Connector } from './connector.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each connector has its own options type
type AnyConnector = Connector<any>;

export const CONNECTORS: Partial<Record<LiveSourceType, () => Promise<AnyConnector>>> = {};

/** The connector for a source type; undefined when this build has none. */
export async function loadConnector(type: string): Promise<AnyConnector | undefined> {
  const load = (CONNECTORS as Record<string, (() => Promise<AnyConnector>) | undefined>)[type];
  return load ? load() : undefined;
}
