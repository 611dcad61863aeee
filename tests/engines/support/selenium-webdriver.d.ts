/**
 * The part of selenium-webdriver 4.46 these tests use. The package ships no types (DefinitelyTyped's
 * lag behind and are not installed); remove this file if the package ever ships its own.
 */
declare module 'selenium-webdriver' {
  export class By {
    static xpath(xpath: string): By;
  }

  export interface WebElement {
    click(): Promise<void>;
    clear(): Promise<void>;
    sendKeys(...keys: string[]): Promise<void>;
  }

  export interface Navigation {
    refresh(): Promise<void>;
  }

  export interface Options {
    setTimeouts(timeouts: { script?: number; pageLoad?: number; implicit?: number }): Promise<void>;
  }

  export interface WebDriver {
    get(url: string): Promise<void>;
    navigate(): Navigation;
    manage(): Options;
    /** A function is sent as its source; W3C WebDriver waits for a returned promise. */
    executeScript<T>(script: string | ((...args: never[]) => unknown), ...args: unknown[]): Promise<T>;
    findElement(locator: By): Promise<WebElement>;
    quit(): Promise<void>;
  }

  export class Builder {
    usingServer(url: string): this;
    withCapabilities(capabilities: Record<string, unknown>): this;
    build(): WebDriver & Promise<WebDriver>;
  }
}
