/// <reference types="svelte" />
/// <reference types="vite/client" />

/** The app version, set at build time from package.json (and APP_BUILD). */
declare const __APP_VERSION__: string;
