import { describe, expect, it } from 'vitest';
import { isAccountRoute, parseRoute } from '../../../../src/client/routes.ts';
import {
  enrolmentLink,
  formatEnrolmentCode,
} from '../../../../src/client/features/accounts/enrolment-code.ts';
import { drawQr } from '../../../../src/client/ui/qr-code.ts';

describe('account routes', () => {
  it('maps the account and admin paths to their screens, and nothing else', () => {
    expect(parseRoute('/sign-in')).toEqual({ name: 'signIn' });
    expect(parseRoute('/setup')).toEqual({ name: 'setup' });
    expect(parseRoute('/enrol')).toEqual({ name: 'enrol' });
    expect(parseRoute('/sign-out')).toEqual({ name: 'signOut' });
    expect(parseRoute('/admin')).toEqual({ name: 'admin', page: 'users' });
    expect(parseRoute('/admin/users')).toEqual({ name: 'admin', page: 'users' });
    expect(parseRoute('/admin/devices')).toEqual({ name: 'admin', page: 'devices' });
    expect(parseRoute('/admin/municipality')).toEqual({ name: 'admin', page: 'municipality' });
    expect(parseRoute('/admin/toString')).toEqual({ name: 'notFound' });
    expect(parseRoute('/constructor')).toEqual({ name: 'notFound' });
    expect(isAccountRoute(parseRoute('/sign-in'))).toBe(true);
    expect(isAccountRoute(parseRoute('/settings'))).toBe(false);
  });
});

describe('enrolment codes', () => {
  it('shows a code as XXXX-XXXX whatever way it was typed or scanned', () => {
    expect(formatEnrolmentCode('abcd2345')).toBe('ABCD-2345');
    expect(formatEnrolmentCode(' ABCD - 2345 ')).toBe('ABCD-2345');
    expect(formatEnrolmentCode('ABC')).toBe('ABC');
  });

  it('links to the enrol screen of this server with the plain code', () => {
    expect(enrolmentLink('http://192.168.1.20:8080', 'ABCD-2345')).toBe(
      'http://192.168.1.20:8080/enrol?code=ABCD2345',
    );
  });

  it('draws a QR code with its three finder patterns, on the device', () => {
    const { size, path } = drawQr('http://192.168.1.20:8080/enrol?code=ABCD2345');
    expect(size).toBeGreaterThanOrEqual(21);
    expect((size - 17) % 4).toBe(0); // every QR version is 17 + 4n modules wide
    const dark = new Set(path.match(/M\d+ \d+/g));
    // A finder pattern's outer ring is dark at each corner: top left, top right, bottom left.
    for (const [col, row] of [
      [0, 0],
      [6, 0],
      [size - 1, 0],
      [0, size - 1],
      [6, size - 7],
    ])
      expect(dark.has(`M${col} ${row}`), `${col},${row}`).toBe(true);
    // Inside the ring a light ring, then the dark centre.
    expect(dark.has('M1 1')).toBe(false);
    expect(dark.has('M3 3')).toBe(true);
  });
});
