/** Known errors: a stable `code`, a one-line message that says what failed, what was expected and what was received. */

export class AftermathError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AftermathError';
    this.code = code;
  }
}

/** Bad command-line or config input: exit code 2. */
export class UsageError extends AftermathError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
    this.name = 'UsageError';
  }
}

export class ConfigError extends AftermathError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config', message, options);
    this.name = 'ConfigError';
  }
}
