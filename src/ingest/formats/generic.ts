/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const generic: LogFormat = {
  id: 'generic',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
