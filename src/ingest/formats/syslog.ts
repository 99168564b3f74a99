/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const syslog: LogFormat = {
  id: 'syslog',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
