/** PLACEHOLDER: to be written. */
import type { LogFormat } from '../format.js';

export const dockerJson: LogFormat = {
  id: 'docker-json',
  description: 'not yet written',
  multiline: false,
  detect: () => 0,
  parse: () => null,
};
