/** The error a write gets when someone else changed the postmortem first (optimistic concurrency). */
import { AftermathError } from '../errors.js';

export class StoreConflictError extends AftermathError {
  readonly postmortemId: string;
  readonly expected: number;
  readonly actual: number | undefined;
  constructor(postmortemId: string, expected: number, actual: number | undefined) {
    super(
      'store-conflict',
      actual === undefined
        ? `archive: postmortem "${postmortemId}" was removed by another writer (expected version ${expected}); reload and try again`
        : `archive: postmortem "${postmortemId}" was changed by another writer (expected version ${expected}, found ${actual}); reload and try again`,
    );
    this.name = 'StoreConflictError';
    this.postmortemId = postmortemId;
    this.expected = expected;
    this.actual = actual;
  }
}

/** A write to a postmortem or action item the archive does not have. */
export class StoreNotFoundError extends AftermathError {
  constructor(what: string) {
    super('store-not-found', `archive: ${what} is not in the archive`);
    this.name = 'StoreNotFoundError';
  }
}
