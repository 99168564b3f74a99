import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveLocation, defaultArchivePath } from './open-store.js';

describe('archiveLocation', () => {
  it('defaults to the XDG data folder, else ~/.local/share', () => {
    expect(defaultArchivePath({ XDG_DATA_HOME: '/data' })).toBe('/data/aftermath/archive.db');
    expect(defaultArchivePath({})).toBe(join(homedir(), '.local/share/aftermath/archive.db'));
    expect(archiveLocation(undefined, { XDG_DATA_HOME: '/data' })).toBe(
      '/data/aftermath/archive.db',
    );
  });

  it('takes --db over AFTERMATH_DB, resolving paths and keeping URLs as given', () => {
    const env = { AFTERMATH_DB: 'postgres://team@db/pm', XDG_DATA_HOME: '/data' };
    expect(archiveLocation(undefined, env)).toBe('postgres://team@db/pm');
    expect(archiveLocation('local.db', env, '/srv/team')).toBe('/srv/team/local.db');
    expect(archiveLocation('postgresql://u@h/x', {}, '/work')).toBe('postgresql://u@h/x');
    expect(archiveLocation('  ', { AFTERMATH_DB: 'a.db' }, '/w')).toBe('/w/a.db');
  });
});
