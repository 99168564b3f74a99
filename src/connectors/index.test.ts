import { describe, expect, it } from 'vitest';
import { LIVE_SOURCE_TYPES } from '../ingest/case-config.js';
import { CONNECTORS, loadConnector } from './index.js';

describe('connector registry', () => {
  it('has a connector for every live source type the case file accepts, under its own id', async () => {
    expect(Object.keys(CONNECTORS).sort()).toEqual([...LIVE_SOURCE_TYPES].sort());
    for (const type of LIVE_SOURCE_TYPES) {
      const c = await loadConnector(type);
      expect(c?.id).toBe(type);
      expect(c?.description.length).toBeGreaterThan(10);
    }
    expect(await loadConnector('nope')).toBeUndefined();
  });
});
