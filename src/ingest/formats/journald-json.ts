/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const journaldJson: LogFormat = {
  id: 'journald-json',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
