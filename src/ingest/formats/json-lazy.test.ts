import { describe, expect, it } from 'vitest';
import { createParseContext } from '../parse-context.js';
import { json } from './json.js';
import { lazyJson } from './json-lazy.js';

const ctx = createParseContext();

describe('lazyJson', () => {
  it('reads time and level like the full parse, without JSON.parse', () => {
    const lines = [
      '{"level":"error","time":"2026-11-22T19:40:42.584Z","pid":1,"msg":"request failed"}',
      '{"ts":1795376442.5,"lvl":"warn","msg":"x"}',
      '{"level":30,"time":1795376442584,"msg":"pino"}',
      '{"severity":"WARNING","timestamp":"2026-11-22 19:40:42","message":"zone-less"}',
    ];
    for (const line of lines) {
      const quick = lazyJson(line, ctx);
      const full = json.parse(line, ctx);
      expect(quick, line).toBeTruthy();
      expect(quick!.ts).toBe(full!.ts);
      expect(quick!.level).toBe(full!.level);
      expect(quick!.message).toBe('');
    }
  });

  it('leaves to the full parse what it cannot read cheaply', () => {
    for (const line of [
      '{"__CURSOR":"s=1","__REALTIME_TIMESTAMP":"1795376442584000","MESSAGE":"x"}',
      '{"resourceLogs":[]}',
      '{"time":"2026-11-22T19:40:42Z","msg":"no level key"}',
      '{"t":"2026-11-22T19:40:42Z","level":"info"}',
      '{"time":"not a time","level":"info"}',
      '{"msg":"a \\"time\\": inside a string","level":"info"}',
      'not json',
    ]) {
      expect(lazyJson(line, ctx), line).toBeUndefined();
    }
  });
});
