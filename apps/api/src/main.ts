import './supported-node.js';
import * as nodeModule from 'node:module';

// V8 keeps the compiled code of every module on disk (in the OS's temporary directory), so a
// restart loads it instead of compiling the whole dependency tree again.
nodeModule.enableCompileCache();
await import('./server.js');
