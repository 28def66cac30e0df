import './supported-node.js';
import * as nodeModule from 'node:module';

// V8 keeps the compiled code of every module on disk (in the OS's temporary directory), so a
// restart loads it instead of compiling the whole dependency tree again.
nodeModule.enableCompileCache();
// The build bundles server.js with every module it imports into one file (scripts/bundle-api.mjs):
// Node loading some 2,000 modules one by one was most of a start's time.
await import(new URL('../bundle/server.js', import.meta.url).href);
