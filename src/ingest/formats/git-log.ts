/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const gitLog: LogFormat = {
  id: 'git-log',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
