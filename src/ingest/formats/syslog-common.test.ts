import { describe, expect, it } from 'vitest';
import type { Attrs } from '../../core/event.js';
import {
  guessLevel,
  journalLine,
  looksLikeJournalctl,
  readHostTag,
  readPri,
} from './syslog-common.js';

describe('guessLevel', () => {
  it('reads a level word leading the message', () => {
    expect(guessLevel('error: disk full')).toBe('error');
    expect(guessLevel('ERROR job 8812 failed')).toBe('error');
    expect(guessLevel('Warning: clock skew detected')).toBe('warn');
    expect(guessLevel('[WARN] retrying')).toBe('warn');
    expect(guessLevel('<crit> raid degraded')).toBe('critical');
    expect(guessLevel('panic: runtime error: index out of range')).toBe('fatal');
    expect(guessLevel('FATAL could not start')).toBe('fatal');
    expect(guessLevel('Out of memory: Killed process 1 (x)')).toBe('error');
    expect(guessLevel('Failed to start shop-api.service - Shop API.')).toBe('error');
  });

  it('does not read level words elsewhere or words that only look like levels', () => {
    expect(guessLevel('0 errors, 2 warnings')).toBeUndefined();
    expect(guessLevel('error handling enabled')).toBeUndefined();
    expect(guessLevel('ERRORS=0')).toBeUndefined();
    expect(guessLevel('context: deadline exceeded')).toBeUndefined();
    expect(guessLevel('config: loaded')).toBeUndefined();
    expect(guessLevel('alert: firing')).toBeUndefined();
    expect(guessLevel('sshd: error')).toBeUndefined();
    expect(guessLevel('')).toBeUndefined();
  });
});

describe('readHostTag', () => {
  it('reads host, program and pid', () => {
    const attrs: Attrs = {};
    const line = 'host-1 postfix/smtpd[22001]: connect from x';
    const at = readHostTag(line, 0, attrs, true);
    expect(line.slice(at)).toBe('connect from x');
    expect(attrs).toEqual({ host: 'host-1', program: 'postfix/smtpd', pid: 22001 });
  });

  it('reads a tag without host and a host without tag', () => {
    const a: Attrs = {};
    expect(readHostTag('dnsmasq[702]: query', 0, a, false)).toBe(14);
    expect(a).toEqual({ program: 'dnsmasq', pid: 702 });
    expect(readHostTag('dnsmasq[702]: query', 0, {}, true)).toBe(-1);
    const b: Attrs = {};
    expect(readHostTag('host last message repeated 3 times', 0, b, false)).toBe(5);
    expect(b).toEqual({ host: 'host' });
    expect(readHostTag('host last message repeated 3 times', 0, {}, true)).toBe(-1);
  });

  it('rejects a first word that is no host', () => {
    expect(readHostTag('[main] INFO x: y', 0, {}, false)).toBe(-1);
    expect(readHostTag('IPv6: ADDRCONF(NETDEV_CHANGE): eth0: up', 0, {}, true)).toBe(-1);
    expect(readHostTag('main: started', 0, {}, true)).toBe(-1);
  });

  it('rejects every level word in any case as a host, and keeps hosts that only start like one', () => {
    const words = 'debug info notice warn warning err error crit critical emerg fatal panic trace';
    for (const w of words.split(' ')) {
      for (const written of [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)])
        expect(readHostTag(`${written} main: started`, 0, {}, true), written).toBe(-1);
    }
    for (const host of ['api-1', 'db', 'edge01', 'info-db', 'Errata', 'tracer', 'web-2']) {
      const attrs: Attrs = {};
      expect(readHostTag(`${host} main: started`, 0, attrs, true), host).toBe(host.length + 7);
      expect(attrs.host).toBe(host);
    }
  });
});

describe('readPri', () => {
  it('reads 0..191 only', () => {
    expect(readPri('<13>Nov', 0)).toEqual([13, 4]);
    expect(readPri('<191>x', 0)).toEqual([191, 5]);
    expect(readPri('<192>x', 0)).toBeUndefined();
    expect(readPri('<>x', 0)).toBeUndefined();
    expect(readPri('<1234>x', 0)).toBeUndefined();
  });
});

describe('journalLine', () => {
  it('makes markers entries without a time and catalog text continuations', () => {
    const boot = journalLine('-- Boot 0dc874d3fbd44bdbb6fbcfaa27481492 --');
    expect(boot?.level).toBe('notice');
    expect(Number.isNaN(boot?.ts)).toBe(true);
    expect(boot?.continues).toBeUndefined();
    expect(boot?.attrs).toEqual({
      marker: 'boot',
      'journal._BOOT_ID': '0dc874d3fbd44bdbb6fbcfaa27481492',
    });
    expect(journalLine('-- No entries --')?.attrs).toEqual({ marker: 'no-entries' });
    expect(journalLine('-- Subject: Unit process exited')?.continues).toBe(true);
    expect(journalLine('░░ Subject: A start job for unit x.service has failed')?.continues).toBe(
      true,
    );
    expect(journalLine('--foo')).toBeNull();
  });

  it('spots journalctl output', () => {
    expect(looksLikeJournalctl(['2026-11-22T19:40:42+0000 h p: m'])).toBe(true);
    expect(looksLikeJournalctl(['2026-11-22T19:40:42.123456+0100 h p: m'])).toBe(true);
    expect(looksLikeJournalctl(['2026-11-22T19:40:42.123456+00:00 h p: m'])).toBe(false);
    expect(looksLikeJournalctl(['-- Boot 1 --', '2026-11-22T19:40:42.123456+00:00 h p: m'])).toBe(
      true,
    );
  });
});
