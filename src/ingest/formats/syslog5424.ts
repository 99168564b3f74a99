/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const syslog5424: LogFormat = {
  id: 'syslog5424',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
