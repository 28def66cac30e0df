import './supported-node.js';
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { runBundledServer } from './bundled-server.js';

// V8 keeps the compiled code of the few modules loaded outside the bundle (this one, better-sqlite3)
// on disk (in the OS's temporary directory), so a restart loads it instead of compiling them again.
nodeModule.enableCompileCache();
// The build bundles server.js with every module it imports into one file (scripts/bundle-api.mjs):
// Node loading some 2,000 modules one by one was most of a start's time.
await runBundledServer(fileURLToPath(new URL('../bundle/server.cjs', import.meta.url)));
