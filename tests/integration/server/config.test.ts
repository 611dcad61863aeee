import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/server/config.ts';
import { StartupError } from '../../../src/server/startup-error.ts';

describe('readConfig', () => {
  it('limits failed sign-ins to 5 per account and 50 per address unless the environment says otherwise', () => {
    expect(readConfig({}, '/srv').loginLimits).toEqual({ perAccount: 5, perIp: 50 });
    const config = readConfig({ LOGIN_LIMIT_PER_ACCOUNT: '3', LOGIN_LIMIT_PER_IP: '1000' }, '/srv');
    expect(config.loginLimits).toEqual({ perAccount: 3, perIp: 1000 });
  });

  it('refuses a login limit that is not a whole number of at least 1, naming the variable', () => {
    for (const value of ['0', '-1', 'many', '2.5']) {
      expect(() => readConfig({ LOGIN_LIMIT_PER_IP: value }, '/srv')).toThrow(StartupError);
      expect(() => readConfig({ LOGIN_LIMIT_PER_IP: value }, '/srv')).toThrow(/LOGIN_LIMIT_PER_IP/);
    }
  });

  it('trusts no proxy unless TRUST_PROXY names one', () => {
    expect(readConfig({}, '/srv').trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: 'true' }, '/srv').trustProxy).toBe(true);
    expect(readConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.2' }, '/srv').trustProxy).toBe('10.0.0.1, 10.0.0.2');
  });

  it('takes DATABASE_URL as it is and the data directory relative to where the server starts', () => {
    const config = readConfig({ DATABASE_URL: 'postgres://u@db/delaktig', DATA_DIR: 'var' }, '/srv');
    expect(config.databaseUrl).toBe('postgres://u@db/delaktig');
    expect(config.dataDir).toBe('/srv/var');
  });
});
