/// <reference types="svelte" />
/// <reference types="vite/client" />

/** package.json version, injected by Vite at build time. */
declare const __APP_VERSION__: string;
