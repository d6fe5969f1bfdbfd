// @ts-check
// The content script and its adapters, in load order: one list for the manifest's
// content_scripts (scripts/build-extension.mjs writes it there), the service worker's
// registration on a desk the agent granted, and the side panel's one-off detection.

/** The adapters: `RapportAdapters` (core.js) and the desks it knows. */
export const ADAPTERS = ['adapters/core.js', 'adapters/osticket.js', 'adapters/freescout.js', 'adapters/saas.js'];

/** What runs in a desk's tab: the adapters, then the content script. */
export const CONTENT_FILES = [...ADAPTERS, 'content.js'];
