/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const journaldShortIso: LogFormat = {
  id: 'journald-short-iso',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
