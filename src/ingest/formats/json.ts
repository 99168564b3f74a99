/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const json: LogFormat = {
  id: 'json',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
