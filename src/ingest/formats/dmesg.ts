/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const dmesg: LogFormat = {
  id: 'dmesg',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
