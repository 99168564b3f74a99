/**
 * The registry of log formats. Order breaks ties in detection: formats that read a narrow shape
 * come before those that accept almost anything (json, logfmt, generic).
 */
import type { LogFormat } from '../format.js';
import { access } from './access.js';
import { alb } from './alb.js';
import { alertmanager } from './alertmanager.js';
import { apacheError } from './apache-error.js';
import { bgl } from './bgl.js';
import { cloudtrail } from './cloudtrail.js';
import { cloudwatch } from './cloudwatch.js';
import { compose } from './compose.js';
import { dmesg } from './dmesg.js';
import { dockerJson } from './docker-json.js';
import { envoy } from './envoy.js';
import { generic } from './generic.js';
import { gitLog } from './git-log.js';
import { haproxy } from './haproxy.js';
import { hpc } from './hpc.js';
import { journaldJson } from './journald-json.js';
import { journaldShortIso } from './journald-short-iso.js';
import { json } from './json.js';
import { kubectl } from './kubectl.js';
import { logfmt } from './logfmt.js';
import { loki } from './loki.js';
import { mysqlError } from './mysql-error.js';
import { mysqlSlow } from './mysql-slow.js';
import { nginxError } from './nginx-error.js';
import { postgres } from './postgres.js';
import { postgresCsv } from './postgres-csv.js';
import { redis } from './redis.js';
import { rubyLogger } from './ruby-logger.js';
import { syslog } from './syslog.js';
import { syslog5424 } from './syslog5424.js';
import { w3c } from './w3c.js';

export const FORMATS: readonly LogFormat[] = [
  access,
  alb,
  w3c,
  envoy,
  haproxy,
  nginxError,
  apacheError,
  postgres,
  postgresCsv,
  mysqlError,
  mysqlSlow,
  syslog5424,
  syslog,
  journaldShortIso,
  dmesg,
  bgl,
  hpc,
  redis,
  gitLog,
  journaldJson,
  dockerJson,
  loki,
  alertmanager,
  cloudtrail,
  cloudwatch,
  compose,
  kubectl,
  rubyLogger,
  json,
  logfmt,
  generic,
];

/** Formats that may appear embedded in docker json-file `log` fields and kubectl prefixes. */
// Archived research data sets (bgl, hpc) and load balancers' S3 logs are never what a container
// writes.
export const INNER_FORMATS: readonly LogFormat[] = FORMATS.filter(
  (f) =>
    f !== alb &&
    f !== cloudtrail &&
    f !== cloudwatch &&
    f !== dockerJson &&
    f !== loki &&
    f !== kubectl &&
    f !== gitLog &&
    f !== alertmanager &&
    f !== journaldJson &&
    f !== bgl &&
    f !== hpc,
);

const BY_NAME = new Map<string, LogFormat>();
for (const f of FORMATS) {
  BY_NAME.set(f.id, f);
  for (const alias of f.aliases ?? []) BY_NAME.set(alias, f);
}

/** A format by id or alias. */
export function formatById(name: string): LogFormat | undefined {
  return BY_NAME.get(name);
}
