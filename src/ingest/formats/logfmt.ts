/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const logfmt: LogFormat = {
  id: 'logfmt',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
