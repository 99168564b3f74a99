/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const alertmanager: LogFormat = {
  id: 'alertmanager',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
