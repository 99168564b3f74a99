/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const kubectl: LogFormat = {
  id: 'kubectl',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
