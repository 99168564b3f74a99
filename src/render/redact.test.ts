import { describe, expect, it } from 'vitest';
import { makeRedactor, REDACT_RULES, REDACTED, redactDeep } from './redact.js';

const redact = makeRedactor();

describe('default redaction', () => {
  it.each([
    ['Authorization: Bearer abc.def-123_456', 'Authorization: Bearer [REDACTED]'],
    ['curl -H "authorization: basic dXNlcjpwYXNz"', 'curl -H "authorization: basic [REDACTED]"'],
    ['token type Bearer 9f8e7d6c5b4a', 'token type Bearer [REDACTED]'],
    ['key sk-proj-abcdefghijklmnopqrstuvwx12', 'key [REDACTED]'],
    ['stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'stripe [REDACTED]'],
    ['gh ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'gh [REDACTED]'],
    ['slack xoxb-123456789012-abcdefghij', 'slack [REDACTED]'],
    ['slack xoxp-123456789012-abcdefghij xoxa-2-abcdefghijkl', 'slack [REDACTED] [REDACTED]'],
    ['aws AKIAIOSFODNN7EXAMPLE in use', 'aws [REDACTED] in use'],
    ['GET /v1?api_key=s3cr3t&x=1 HTTP/1.1', 'GET /v1?api_key=[REDACTED]&x=1 HTTP/1.1'],
    ['GET /v1?apikey=s3cr3t', 'GET /v1?apikey=[REDACTED]'],
    ['{"password":"hunter2","user":"ann"}', '{"password":"[REDACTED]","user":"ann"}'],
    ['X-Api-Key: abcdef', 'X-Api-Key: [REDACTED]'],
    ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG', 'AWS_SECRET_ACCESS_KEY=[REDACTED]'],
    ['db_password = pw1', 'db_password = [REDACTED]'],
    ['postgres://app:pa55w0rd@db:5432/shop', 'postgres://app:[REDACTED]@db:5432/shop'],
    ['https://user:p@ss:word@host/x', 'https://user:[REDACTED]@ss:word@host/x'],
    [
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end',
      'jwt [REDACTED] end',
    ],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves ordinary log text alone', () => {
    for (const line of [
      'FATAL:  password authentication failed for user "shop"',
      'Bearer authentication required',
      'task-runner started 12 workers; max_tokens=100; tokens=5',
      'GET /api/products?q=jacket HTTP/1.1 503 Mozilla/5.0',
      'https://example.com/path?x=1',
      'mailto ann@example.com',
      'AKIAIOSFODNN7EXAMPLEX is too long to be a key id',
    ])
      expect(redact(line)).toBe(line);
  });

  it('redacts private key blocks, with or without their END line', () => {
    const pem =
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nabc+/=\n-----END RSA PRIVATE KEY-----';
    expect(redact(`before ${pem} after`)).toBe(
      `before -----BEGIN PRIVATE KEY----- ${REDACTED} -----END PRIVATE KEY----- after`,
    );
    expect(redact('k=-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\nkqhkiG9w0B')).toBe(
      `k=-----BEGIN PRIVATE KEY----- ${REDACTED} -----END PRIVATE KEY-----`,
    );
    const pgp =
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: x\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----';
    expect(redact(pgp)).not.toContain('lQOYBF');
    expect(redact('-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----')).toContain('MIIB');
  });

  it('is idempotent', () => {
    const text =
      'Authorization: Bearer abc123def456 postgres://a:b@h api_key=zz AKIAIOSFODNN7EXAMPLE';
    const once = redact(text);
    expect(redact(once)).toBe(once);
  });
});

describe('configuration', () => {
  it('e-mail addresses only when asked, keeping the domain', () => {
    expect(makeRedactor({ rules: ['default', 'email'] })('from ann.lee+x@mail.example.com')).toBe(
      'from [REDACTED]@mail.example.com',
    );
    expect(makeRedactor({ rules: ['all'] })('ann@example.org')).toBe('[REDACTED]@example.org');
  });

  it('runs only the rules named', () => {
    const onlyAws = makeRedactor({ rules: ['aws-access-key'] });
    expect(onlyAws('AKIAIOSFODNN7EXAMPLE api_key=x')).toBe('[REDACTED] api_key=x');
  });

  it('adds extra patterns', () => {
    const r = makeRedactor({ extra: ['cust-[0-9]{4,}', /acct#\d+/i] });
    expect(r('cust-12345 ACCT#9 cust-12')).toBe('[REDACTED] [REDACTED] cust-12');
  });

  it('refuses unknown rules', () => {
    expect(() => makeRedactor({ rules: ['nope'] })).toThrow(/unknown redaction rule "nope"/);
  });

  it('redacts every string of a JSON value, not its keys', () => {
    const v = { password: 'x', moments: [{ title: 'api_key=abc', n: 1 }], nil: null };
    expect(redactDeep(v, redact)).toEqual({
      password: 'x',
      moments: [{ title: 'api_key=[REDACTED]', n: 1 }],
      nil: null,
    });
  });
});

describe('hostile input stays linear', () => {
  const n = 200_000;
  const hostile = [
    'a'.repeat(n),
    '-eyJaaaa'.repeat(n / 8),
    'eyJaaaa.'.repeat(n / 8),
    'token=token='.repeat(n / 12),
    'a://'.repeat(n / 4),
    'a://b:'.repeat(n / 6) + 'c'.repeat(n),
    'Bearer '.repeat(n / 7),
    'bearer ' + 'a'.repeat(n),
    'authorization: '.repeat(n / 15),
    'a_'.repeat(n / 2) + '=',
    '-----BEGIN RSA PRIVATE KEY-----'.repeat(n / 31),
    '-----BEGIN PRIVATE KEY-----' + 'A'.repeat(n),
    'a@a@a@'.repeat(n / 6),
    'a.'.repeat(n / 2) + '@' + 'b.'.repeat(n / 2),
    'sk-'.repeat(n / 3),
    'x' + ' '.repeat(n) + 'x',
    'AKIA'.repeat(n / 4),
  ];
  it.each(hostile.map((h) => [h.slice(0, 24), h] as const))(
    'every rule on %j… finishes fast',
    (_name, text) => {
      for (const rule of REDACT_RULES) {
        const t0 = performance.now();
        rule.apply(text);
        const ms = performance.now() - t0;
        expect(ms, rule.id).toBeLessThan(500);
      }
    },
  );
});
