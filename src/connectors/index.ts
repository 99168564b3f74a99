/** The connectors, a literal map from the `type:` of a live source to its lazily loaded module. */
import type { LiveSourceType } from '../ingest/case-config.js';
import type { Connector } from './connector.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each connector has its own options type
type AnyConnector = Connector<any>;

export const CONNECTORS: Partial<Record<LiveSourceType, () => Promise<AnyConnector>>> = {
  prometheus: () => import('./prometheus/index.js').then((m) => m.prometheus),
  alertmanager: () => import('./alertmanager/index.js').then((m) => m.alertmanager),
  loki: () => import('./loki/index.js').then((m) => m.loki),
  elasticsearch: () => import('./elasticsearch/index.js').then((m) => m.elasticsearch),
  journald: () => import('./journald/index.js').then((m) => m.journald),
  kubernetes: () => import('./kubernetes/index.js').then((m) => m.kubernetes),
  git: () => import('./git/index.js').then((m) => m.git),
  pagerduty: () => import('./pagerduty/index.js').then((m) => m.pagerduty),
  slack: () => import('./slack/index.js').then((m) => m.slack),
  otlp: () => import('./traces/index.js').then((m) => m.otlp),
  jaeger: () => import('./traces/index.js').then((m) => m.jaeger),
  zipkin: () => import('./traces/index.js').then((m) => m.zipkin),
};

/** The connector for a source type; undefined when this build has none. */
export async function loadConnector(type: string): Promise<AnyConnector | undefined> {
  const load = (CONNECTORS as Record<string, (() => Promise<AnyConnector>) | undefined>)[type];
  return load ? load() : undefined;
}
