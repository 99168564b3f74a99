/** Time zones: turning a zone-less wall-clock time into UTC, for IANA names and fixed offsets. */

export interface Zone {
  /** As the user wrote it: `UTC`, `Europe/Berlin`, `+02:00`. */
  readonly name: string;
  /** Wall-clock fields (month 1-12) in this zone to UTC epoch ms. */
  toUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number;
}

export const UTC: Zone = {
  name: 'UTC',
  toUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms),
};

const HOUR = 3_600_000;

function fixedZone(name: string, offsetMinutes: number): Zone {
  const shift = offsetMinutes * 60_000;
  return { name, toUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms) - shift };
}

function ianaZone(name: string): Zone {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  // Offset (ms) of the zone at a UTC instant.
  const offsetAt = (utc: number): number => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(utc))) {
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    }
    const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    return wall - Math.floor(utc / 1000) * 1000;
  };
  // Offsets are looked up once per wall-clock hour: logs hit the same hours over and over.
  const cache = new Map<number, number>();
  return {
    name,
    toUtc(y, mo, d, h, mi, s, ms) {
      const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
      const key = Math.floor(wall / HOUR);
      let offset = cache.get(key);
      if (offset === undefined) {
        const hourStart = key * HOUR;
        // Two rounds settle the offset; in a repeated (fall-back) hour the earlier reading wins.
        const first = offsetAt(hourStart - offsetAt(hourStart));
        offset = offsetAt(hourStart - first);
        if (cache.size > 100_000) cache.clear();
        cache.set(key, offset);
      }
      return wall - offset;
    },
  };
}

const OFFSET_RE = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/;
const zones = new Map<string, Zone>();

/** Resolves `UTC`, `Z`, `local`, `+02:00`, `-0700`, `UTC+1` or an IANA name; undefined when unknown. */
export function resolveZone(name: string): Zone | undefined {
  const cached = zones.get(name);
  if (cached) return cached;
  let zone: Zone | undefined;
  const upper = name.toUpperCase();
  if (upper === 'UTC' || upper === 'Z' || upper === 'GMT' || upper === 'ETC/UTC') zone = UTC;
  else if (upper === 'LOCAL') {
    zone = resolveZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  } else {
    const m = OFFSET_RE.exec(name);
    if (m) {
      const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
      if (minutes <= 18 * 60) zone = fixedZone(name, m[1] === '-' ? -minutes : minutes);
    } else {
      try {
        zone = ianaZone(name);
      } catch {
        zone = undefined;
      }
    }
  }
  if (zone) zones.set(name, zone);
  return zone;
}

/**
 * Offsets (minutes east of UTC) of the zone abbreviations logs commonly print. Ambiguous ones take
 * the reading most servers use (IST = India, CST = US Central).
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  UT: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  IST: 330,
  PKT: 300,
  ICT: 420,
  WIB: 420,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  CST: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
  JST: 540,
  KST: 540,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  BRT: -180,
  ART: -180,
};
