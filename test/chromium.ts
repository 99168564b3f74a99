/**
 * Debian's chromium for the browser tests: whether it is there (in CI it must be: .ci/run installs
 * it, so a missing browser fails rather than skips) and how to launch it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests can run here; says why not once per suite. */
export function haveChromium(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  console.warn(`${suite} skipped: ${CHROMIUM} not found (apt-get install chromium)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}
