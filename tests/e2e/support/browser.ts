/**
 * Chromium through playwright-core, the service worker as the tests wait for it, going offline, and
 * the accessibility check (axe, WCAG 2.1 A and AA).
 */
import axe, { type AxeResults, type RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AppServer } from './server.ts';

const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
};

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1024, height: 768 } as const;

export interface ContextOptions {
  /** 'sv-SE' unless a test is about another language. */
  readonly locale?: string;
  readonly viewport?: { readonly width: number; readonly height: number };
}

/** Headless Chromium; `extraArgs` for a benchmark's flags (e.g. --js-flags=--expose-gc). */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ ...LAUNCH, args: [...LAUNCH.args, ...extraArgs] });
}

/** A browser with a profile on disk: what it stores survives closing it. */
export function launchPersistent(userDataDir: string, options: ContextOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    ...LAUNCH,
    locale: options.locale ?? 'sv-SE',
    viewport: options.viewport ?? DESKTOP,
  });
}

/** A fresh context: its own service worker registrations, IndexedDB and localStorage. */
export function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: options.locale ?? 'sv-SE', viewport: options.viewport ?? DESKTOP });
}

/** Resolves when a service worker is active and controls `page`, so the app shell is precached. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/**
 * Cut the browser off the network. Chromium's offline emulation does not cover the service worker's
 * own requests (microsoft/playwright#2311), so the server is stopped as well: nothing can reach it,
 * and whatever still works came from the device. Drop the server stop when that issue is fixed.
 */
export async function goOffline(context: BrowserContext, server: AppServer): Promise<void> {
  await context.setOffline(true);
  await server.stop();
}

export interface AxeFinding {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly targets: readonly string[];
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The WCAG 2.1 A and AA violations axe finds on the page as it is now: axe.run in the page, once
 * injected per document, and only the violations brought back. (@axe-core/playwright's AxeBuilder
 * injected axe again for each check, finished each run in a new blank page and carried every
 * passing node across: about 1.2 s a check against 0.15 s, and the suite makes hundreds. The app
 * has no frames, which were all that its way of running was for.)
 */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as {
      axe: { run(context: Document, options: RunOptions): Promise<AxeResults> };
    };
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  }, WCAG_21_AA);
}

/**
 * Fails, naming each rule and element, when axe finds a WCAG 2.1 A or AA violation. A soft failure:
 * a test that walks through several screens goes on and reports every screen that fails.
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  expect.soft(await axeViolations(page), `axe violations on ${where}`).toEqual([]);
}

/** Collects axe's findings per screen, so one run reports every screen that fails, not only the first. */
export function collector() {
  const findings: Record<string, AxeFinding[]> = {};
  return {
    findings,
    async check(page: Page, where: string): Promise<void> {
      const violations = await axeViolations(page);
      if (violations.length > 0) findings[where] = violations;
    },
  };
}
