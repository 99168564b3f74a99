/** Every migration, in order: a literal list, never discovered from the filesystem. */
import { initial } from './001-initial.js';
import { fullText } from './002-full-text.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';
export { migrate } from './migrate.js';

export const MIGRATIONS: readonly Migration[] = [initial, fullText];
