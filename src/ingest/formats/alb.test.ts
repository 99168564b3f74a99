import { describe, expect, it } from 'vitest';
import { detectFormat } from '../detect.js';
import { createParseContext } from '../parse-context.js';
import { alb } from './alb.js';
import { INNER_FORMATS } from './index.js';

const ctx = () => createParseContext({});
const iso = (ts: number | undefined) => new Date(ts ?? NaN).toISOString();

const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/6d0ecf831eec9f09';
const LB = 'app/api-prod/5f0c2a7e9b1d3c44';
/** An ALB entry with the fields this test varies; the rest as ELB writes them. */
function albLine(o: {
  time?: string;
  times?: string;
  statuses?: string;
  target?: string;
  request?: string;
  created?: string;
  reason?: string;
}): string {
  return [
    'https',
    o.time ?? '2026-11-22T19:41:05.770342Z',
    LB,
    '203.0.113.24:52990',
    o.target ?? '10.20.1.15:8080',
    o.times ?? '0.002 0.040 0.001',
    o.statuses ?? '200 200',
    '530 272',
    `"${o.request ?? 'POST https://api.example.com:443/v1/orders?retry=1 HTTP/1.1'}"`,
    '"okhttp/4.12.0"',
    'ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2',
    ARN,
    '"Root=1-67411e51-7c6b5a493827160504f3e2d1"',
    '"api.example.com"',
    '"-"',
    '20',
    o.created ?? '2026-11-22T19:41:05.728000Z',
    '"forward"',
    '"-"',
    `"${o.reason ?? '-'}"`,
    '"10.20.1.15:8080"',
    '"-"',
    '"-"',
    '"-"',
    'TID_2e3f4a5b6c7d8e9f',
  ].join(' ');
}

describe('alb', () => {
  it('reads an Application Load Balancer entry into the access-log attributes', () => {
    const e = alb.parse(albLine({}), ctx());
    expect(iso(e?.ts)).toBe('2026-11-22T19:41:05.770Z');
    expect(e?.zoned).toBe(true);
    expect(e?.level).toBe('info');
    expect(e?.message).toBe('"POST https://api.example.com:443/v1/orders?retry=1 HTTP/1.1" 200');
    expect(e?.attrs).toMatchObject({
      type: 'https',
      elb: LB,
      clientIp: '203.0.113.24',
      target: '10.20.1.15:8080',
      status: 200,
      upstreamStatus: 200,
      // request + target + response processing time, in ms
      latencyMs: 43,
      upstreamLatencyMs: 40,
      bytesReceived: 530,
      bytes: 272,
      method: 'POST',
      url: 'https://api.example.com:443/v1/orders?retry=1',
      path: '/v1/orders?retry=1',
      protocol: 'HTTP/1.1',
      userAgent: 'okhttp/4.12.0',
      traceId: 'Root=1-67411e51-7c6b5a493827160504f3e2d1',
      domain: 'api.example.com',
      matchedRule: 20,
      actions: 'forward',
      targetGroup: ARN,
    });
    expect(e?.attrs).not.toHaveProperty('errorReason');
  });

  it("marks the load balancer's own 5xx and says why, with the client's wait as latency", () => {
    const e = alb.parse(
      albLine({ times: '0.000 -1 -1', statuses: '504 -', reason: 'TargetTimeout' }),
      ctx(),
    );
    expect(e?.level).toBe('error');
    expect(e?.attrs?.status).toBe(504);
    expect(e?.attrs).not.toHaveProperty('upstreamStatus');
    expect(e?.attrs).not.toHaveProperty('upstreamLatencyMs');
    expect(e?.attrs?.errorReason).toBe('TargetTimeout');
    // 19:41:05.770342 − 19:41:05.728: from request_creation_time to the response.
    expect(e?.attrs?.latencyMs).toBe(42.342);
    expect(e?.message).toContain('504 (no target response) TargetTimeout');
  });

  it('takes the level from the status the client saw, not the target', () => {
    const level = (statuses: string) => alb.parse(albLine({ statuses }), ctx())?.level;
    expect(level('502 200')).toBe('error');
    expect(level('460 -')).toBe('warn');
    expect(level('301 -')).toBe('info');
    expect(level('503 -')).toBe('error');
  });

  it('reads Classic Load Balancer entries, HTTP and TCP', () => {
    const http = alb.parse(
      '2026-11-22T19:41:05.770342Z legacy-web 203.0.113.24:52990 10.20.1.15:80 0.000037 -1 -1 504 0 0 0 "GET http://www.example.com:80/report HTTP/1.1" "curl/8.5.0" - -',
      ctx(),
    );
    expect(http?.level).toBe('error');
    expect(http?.attrs).toMatchObject({ elb: 'legacy-web', status: 504, path: '/report' });
    // Classic writes backend status 0 when no instance answered: not a status.
    expect(http?.attrs).not.toHaveProperty('upstreamStatus');
    expect(http?.attrs).not.toHaveProperty('type');
    const tcp = alb.parse(
      '2026-11-22T19:41:08.004002Z legacy-tcp 192.0.2.55:61022 10.20.1.30:5432 0.000393 0.000004 0.000022 - - 57 502 "- - - " "-" - -',
      ctx(),
    );
    expect(tcp?.level).toBe('info');
    expect(tcp?.message).toBe('connection to 10.20.1.30:5432');
    expect(tcp?.attrs).toMatchObject({ bytesReceived: 57, bytes: 502, latencyMs: 0.419 });
    expect(tcp?.attrs).not.toHaveProperty('method');
  });

  it('reads IPv6 clients and escaped quotes in the user agent', () => {
    const line = albLine({}).replace('203.0.113.24:52990', '2001:db8::7334:50122');
    expect(alb.parse(line, ctx())?.attrs?.clientIp).toBe('2001:db8::7334');
    const agent = albLine({}).replace('"okhttp/4.12.0"', '"Mozilla/5.0 \\"Safari\\""');
    expect(alb.parse(agent, ctx())?.attrs?.userAgent).toBe('Mozilla/5.0 "Safari"');
  });

  it('rejects other logs and broken entries', () => {
    for (const line of [
      '203.0.113.24 - - [22/Nov/2026:19:41:05 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/8.5.0"',
      '2026-11-22T19:41:05.770Z INFO checkout started in 12 ms',
      '[2026-11-22T19:41:05.770Z] "GET /v1 HTTP/1.1" 200 - 0 12 3 2 "-" "curl" "id" "host" "10.0.0.1:80"',
      // cut off inside the request
      albLine({}).slice(0, 140),
      // a time without its zone is not how ELB writes it
      albLine({ time: '2026-11-22T19:41:05.770342' }),
      albLine({ times: '0.001 fast 0.000' }),
    ]) {
      expect(alb.parse(line, ctx()), line).toBeNull();
    }
  });

  it('is detected over the generic reader, and stays out of the embedded formats', () => {
    const sample = [
      albLine({}),
      albLine({ statuses: '502 -', times: '0.000 0.003 -1' }),
      albLine({ time: '2026-11-22T19:41:06.000001Z' }),
    ];
    expect(detectFormat(sample, ctx()).format?.id).toBe('alb');
    const classic = [
      '2026-11-22T19:40:41.118204Z legacy-web 203.0.113.24:52814 10.20.1.15:80 0.000041 0.042118 0.000032 200 200 0 1893 "GET http://www.example.com:80/index.html HTTP/1.1" "curl/8.5.0" - -',
    ];
    expect(detectFormat(classic, ctx()).format?.id).toBe('alb');
    // Load balancers write to S3, never to a container's stdout.
    expect(INNER_FORMATS).not.toContain(alb);
  });
});
