/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const postgres: LogFormat = {
  id: 'postgres',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
