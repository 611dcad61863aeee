import { afterEach, describe, expect, it, vi } from 'vitest';
import { isInstalled, isSevenDayEvictionBrowser } from '../../../../src/client/pwa/storage.ts';

const UA = {
  iPadSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  iPhoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/130.0 Mobile/15E148 Safari/604.1',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
};

describe('seven-day storage eviction', () => {
  it('is expected from Safari and from every browser on iPhone and iPad', () => {
    expect(isSevenDayEvictionBrowser(UA.iPadSafari)).toBe(true);
    expect(isSevenDayEvictionBrowser(UA.iPhoneChrome)).toBe(true);
  });

  it('is not expected from Chrome on Android or from Firefox', () => {
    expect(isSevenDayEvictionBrowser(UA.androidChrome)).toBe(false);
    expect(isSevenDayEvictionBrowser(UA.firefox)).toBe(false);
  });
});

describe('installed to the home screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function browser(options: { standalone?: boolean; displayModeStandalone: boolean }): void {
    vi.stubGlobal('navigator', 'standalone' in options ? { standalone: options.standalone } : {});
    vi.stubGlobal('window', { matchMedia: () => ({ matches: options.displayModeStandalone }) });
  }

  it('is not assumed in Safari on iPad, which has navigator.standalone set to false in the browser', () => {
    browser({ standalone: false, displayModeStandalone: false });
    expect(isInstalled()).toBe(false);
  });

  it('is recognised when iPad Safari opened the app from the home screen', () => {
    browser({ standalone: true, displayModeStandalone: false });
    expect(isInstalled()).toBe(true);
  });

  it('is recognised from the standalone display mode in other browsers', () => {
    browser({ displayModeStandalone: true });
    expect(isInstalled()).toBe(true);
    browser({ displayModeStandalone: false });
    expect(isInstalled()).toBe(false);
  });
});
