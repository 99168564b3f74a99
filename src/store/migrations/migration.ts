/** A numbered schema change: shared SQL, with the statements that differ per dialect kept apart. */

export interface Migration {
  version: number;
  name: string;
  /** Statements both dialects run (BIGINT, TEXT and INTEGER mean the same to both). */
  shared: readonly string[];
  sqlite?: readonly string[];
  postgres?: readonly string[];
}
