/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const postgresCsv: LogFormat = {
  id: 'postgres-csv',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
