/** The csvlog columns and the attributes each one feeds. */
import type { Attrs } from '../../core/event.js';
import type { ParsedEntry } from '../format.js';
import { readMessage } from './postgres-message.js';

// Columns, as numbered by the PostgreSQL docs ("Using CSV-Format Log Output"), from 0.
const USER = 1;
const DATABASE = 2;
export const PID = 3;
const CONNECTION_FROM = 4;
const SESSION_ID = 5;
const COMMAND_TAG = 7;
export const SEVERITY = 11;
const SQL_STATE = 12;
export const MESSAGE = 13;
const DETAIL = 14;
const HINT = 15;
const INTERNAL_QUERY = 16;
const CONTEXT = 18;
const QUERY = 19;
const LOCATION = 21;
const APPLICATION = 22;
const BACKEND_TYPE = 23;
const LEADER_PID = 24;
const QUERY_ID = 25;

/** Puts one column of a record on its entry; empty columns say nothing. */
export function applyField(entry: ParsedEntry, index: number, value: string): void {
  if (value.length === 0) return;
  const attrs = (entry.attrs ??= {});
  switch (index) {
    case USER:
      attrs.user = value;
      break;
    case DATABASE:
      attrs.database = value;
      break;
    case PID:
      attrs.pid = Number(value);
      break;
    case CONNECTION_FROM:
      connectionFrom(value, attrs);
      break;
    case SESSION_ID:
      attrs.sessionId = value;
      break;
    case COMMAND_TAG:
      attrs.commandTag = value;
      break;
    case SQL_STATE:
      if (value !== '00000') attrs.sqlState = value;
      break;
    case MESSAGE:
      entry.message = value;
      readMessage(value, attrs);
      break;
    case DETAIL:
      attrs.detail = value;
      break;
    case HINT:
      attrs.hint = value;
      break;
    case INTERNAL_QUERY:
      attrs.internalQuery = value;
      break;
    case CONTEXT:
      attrs.context = value;
      break;
    case QUERY:
      attrs.statement ??= value;
      break;
    case LOCATION:
      attrs.location = value;
      break;
    case APPLICATION:
      attrs.application = value;
      break;
    case BACKEND_TYPE:
      attrs.backendType = value;
      break;
    case LEADER_PID:
      attrs.leaderPid = Number(value);
      break;
    case QUERY_ID:
      if (value !== '0') attrs.queryId = value;
      break;
    default:
      break;
  }
}

// `127.0.0.1:45680`, `[::1]`-less IPv6 `::1:45680`, or `[local]` for the Unix socket.
function connectionFrom(value: string, attrs: Attrs): void {
  if (value === '[local]') return;
  const colon = value.lastIndexOf(':');
  const port = colon > 0 ? Number(value.slice(colon + 1)) : NaN;
  if (Number.isInteger(port) && port > 0 && port < 65536) {
    attrs.clientIp = value.slice(0, colon);
    attrs.clientPort = port;
  } else attrs.clientIp = value;
}

/** Reads the first line of a record; undefined when the line does not start one. */
