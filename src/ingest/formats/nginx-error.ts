/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const nginxError: LogFormat = {
  id: 'nginx-error',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
