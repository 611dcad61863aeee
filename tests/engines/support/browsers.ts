/**
 * Three browser engines behind one small interface, so that one scenario runs unchanged in each:
 *
 * - Chromium: playwright-core, as in tests/e2e (the same launch options);
 * - WebKitGTK: MiniBrowser driven by WebKitWebDriver through selenium-webdriver, on a virtual
 *   display (support/display.ts);
 * - Firefox ESR: puppeteer-core over WebDriver BiDi (no geckodriver).
 *
 * All three come from Debian's packages (scripts/system-deps.sh); nothing is downloaded. Elements
 * are found by XPath, which all three drivers understand, built from the texts people see.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Browser as PlaywrightBrowser, Page } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { Builder, By, type WebDriver } from 'selenium-webdriver';
import { launchBrowser, launchPersistent, newContext } from '../../e2e/support/browser.ts';
import { startVirtualDisplay, type VirtualDisplay } from './display.ts';
import { freePort } from './net.ts';

/** How long a click or a fill waits for its element to appear and accept it. */
const ELEMENT_TIMEOUT_MS = 10_000;

export interface EnginePage {
  goto(url: string): Promise<void>;
  /** Reload and wait for the load event. */
  reload(): Promise<void>;
  /**
   * Run `fn(arg)` in the page and return its result; a returned promise is awaited. `fn` is sent
   * as source text: it must not use anything from the test's scope but `arg`. Argument and result
   * travel as JSON.
   */
  evaluate<A, T>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  click(xpath: string): Promise<void>;
  /** Type `text` into an empty field (or replace what it holds). */
  fill(xpath: string, text: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The browser's setting "block cookies and site data", for this profile. */
  readonly blockSiteData?: boolean;
}

export interface Engine {
  readonly name: string;
  /** Whether these tests can switch off site data in this engine (WebKitGTK's driver cannot). */
  readonly canBlockSiteData: boolean;
  /** What the engine needs once per run: a display, a driver. */
  setUp(): Promise<void>;
  /** A browser with a fresh profile: no service worker, no IndexedDB, nothing cached. */
  open(options?: OpenOptions): Promise<EnginePage>;
  tearDown(): Promise<void>;
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Retry `action` until it succeeds or `timeoutMs` pass; then throw its last error, saying what failed. */
async function retrying<T>(
  what: string,
  action: () => Promise<T>,
  timeoutMs = ELEMENT_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await action();
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
      await delay(200);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Chromium

function playwrightPage(page: Page, close: () => Promise<void>): EnginePage {
  return {
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    evaluate: <A, T>(fn: (arg: A) => T | Promise<T>, arg: A) =>
      page.evaluate(fn as (arg: unknown) => unknown, arg as unknown) as Promise<T>,
    async click(xpath) {
      await page.locator(`xpath=${xpath}`).click({ timeout: ELEMENT_TIMEOUT_MS });
    },
    async fill(xpath, text) {
      await page.locator(`xpath=${xpath}`).fill(text, { timeout: ELEMENT_TIMEOUT_MS });
    },
    close,
  };
}

/** A Chromium profile whose preferences block cookies and site data for every site. */
async function launchBlockingSiteData(): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'delaktig-engines-chromium-'));
  mkdirSync(join(profile, 'Default'));
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }),
  );
  return { context: await launchPersistent(profile), profile };
}

export function chromium(): Engine {
  let browser: PlaywrightBrowser | null = null;
  return {
    name: 'Chromium',
    canBlockSiteData: true,
    async setUp() {
      browser = await launchBrowser();
    },
    async open(options = {}) {
      if (options.blockSiteData) {
        const { context, profile } = await launchBlockingSiteData();
        const page = context.pages()[0] ?? (await context.newPage());
        return playwrightPage(page, async () => {
          await context.close();
          rmSync(profile, { recursive: true, force: true });
        });
      }
      if (!browser) throw new Error('Chromium: setUp() first');
      const context = await newContext(browser);
      return playwrightPage(await context.newPage(), () => context.close());
    },
    async tearDown() {
      await browser?.close();
      browser = null;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// WebKitGTK

/** Debian's multiarch directory for this machine (amd64 on CI; arm64 on some laptops). */
const MULTIARCH = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
const MINIBROWSER = process.env.WEBKIT_MINIBROWSER_PATH ?? `/usr/lib/${MULTIARCH}/webkit2gtk-4.1/MiniBrowser`;
const WEBKIT_DRIVER = process.env.WEBKIT_WEBDRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
/** A session normally starts in about a second; a hung one never does. */
const WEBKIT_SESSION_TIMEOUT_MS = 20_000;
const WEBKIT_SESSION_ATTEMPTS = 3;

export function webkit(): Engine {
  let display: VirtualDisplay | null = null;
  let driverProcess: ChildProcess | null = null;
  let driverUrl = '';
  let driverOutput = '';
  let killDriverOnExit = () => {};

  /** One attempt at a session; a session that arrives after the timeout is ended at once. */
  async function newSession(): Promise<WebDriver> {
    const pending = new Builder()
      .usingServer(driverUrl)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      })
      .build();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => {
        void Promise.resolve(pending).then(
          (late) => late.quit(),
          () => undefined,
        );
        fail(new Error(`no WebKit session after ${WEBKIT_SESSION_TIMEOUT_MS / 1000} s`));
      }, WEBKIT_SESSION_TIMEOUT_MS);
    });
    try {
      return await Promise.race([Promise.resolve(pending), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    name: 'WebKitGTK',
    canBlockSiteData: false,
    async setUp() {
      display = await startVirtualDisplay();
      const port = await freePort();
      driverUrl = `http://127.0.0.1:${port}`;
      // Its own process group, so that stopping it also ends the MiniBrowser processes it started.
      driverProcess = spawn(WEBKIT_DRIVER, [`--port=${port}`, '--host=127.0.0.1'], {
        // MiniBrowser inherits this environment; WebKitGTK takes navigator.languages from LANGUAGE.
        env: { ...process.env, DISPLAY: display.display, LANGUAGE: 'sv_SE:sv' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const group = driverProcess.pid;
      // A test run that dies half-way must not leave the driver and its browsers running.
      killDriverOnExit = () => {
        if (group !== undefined) process.kill(-group, 'SIGKILL');
      };
      process.once('exit', killDriverOnExit);
      driverProcess.stdout?.on('data', (chunk: Buffer) => (driverOutput += chunk.toString()));
      driverProcess.stderr?.on('data', (chunk: Buffer) => (driverOutput += chunk.toString()));
      await retrying('WebKitWebDriver did not become ready', async () => {
        if (driverProcess?.exitCode !== null) throw new Error(`it exited:\n${driverOutput}`);
        const status = (await (await fetch(`${driverUrl}/status`)).json()) as { value?: { ready?: boolean } };
        if (!status.value?.ready) throw new Error('/status says not ready');
      });
    },
    async open(options = {}) {
      if (options.blockSiteData) throw new Error('WebKitGTK: these tests cannot block site data');
      let driver: WebDriver | null = null;
      const errors: string[] = [];
      // Only session creation is retried: it is what hangs when MiniBrowser cannot start.
      for (let attempt = 1; !driver && attempt <= WEBKIT_SESSION_ATTEMPTS; attempt++) {
        try {
          driver = await newSession();
        } catch (error) {
          errors.push(`attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (!driver) throw new Error(`WebKitWebDriver gave no session:\n${errors.join('\n')}\n${driverOutput}`);
      const session = driver;
      await session.manage().setTimeouts({ script: 30_000, pageLoad: 30_000 });
      return {
        goto: (url) => session.get(url),
        reload: () => session.navigate().refresh(),
        evaluate: (fn, arg) => session.executeScript(fn, arg),
        async click(xpath) {
          // Only the lookup is retried: a click that went through must not happen twice.
          const element = await retrying(`WebKit: find ${xpath}`, () => session.findElement(By.xpath(xpath)));
          await element.click();
        },
        async fill(xpath, text) {
          await retrying(`WebKit: fill ${xpath}`, async () => {
            const element = await session.findElement(By.xpath(xpath));
            await element.clear();
            await element.sendKeys(text);
          });
        },
        close: () => session.quit(),
      };
    },
    async tearDown() {
      const driver = driverProcess;
      driverProcess = null;
      process.off('exit', killDriverOnExit);
      if (driver?.pid !== undefined && driver.exitCode === null) {
        const exited = new Promise((done) => driver.once('exit', done));
        process.kill(-driver.pid, 'SIGTERM');
        await exited;
      }
      await display?.stop();
      display = null;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Firefox ESR

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function firefox(): Engine {
  return {
    name: 'Firefox ESR',
    canBlockSiteData: true,
    async setUp() {},
    async open(options = {}) {
      // Each launch has a new temporary profile, removed again on close.
      const browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: FIREFOX,
        headless: true,
        // As a Swedish user's browser asks (Chromium's context says sv-SE the same way).
        extraPrefsFirefox: {
          'intl.accept_languages': 'sv-SE, sv',
          // Settings > Privacy > Cookies and site data: block all.
          ...(options.blockSiteData ? { 'network.cookie.cookieBehavior': 2 } : {}),
        },
      });
      const page = (await browser.pages())[0] ?? (await browser.newPage());
      return {
        async goto(url) {
          await page.goto(url);
        },
        async reload() {
          await page.reload();
        },
        evaluate: <A, T>(fn: (arg: A) => T | Promise<T>, arg: A) =>
          page.evaluate(fn as (arg: unknown) => unknown, arg) as Promise<T>,
        async click(xpath) {
          await page.locator(`xpath/${xpath}`).setTimeout(ELEMENT_TIMEOUT_MS).click();
        },
        async fill(xpath, text) {
          await page.locator(`xpath/${xpath}`).setTimeout(ELEMENT_TIMEOUT_MS).fill(text);
        },
        close: () => browser.close(),
      };
    },
    async tearDown() {},
  };
}
