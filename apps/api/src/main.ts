import { enableCompileCache } from 'node:module';

// V8 keeps the compiled code of every module on disk (in the OS's temporary directory), so a
// restart loads it instead of compiling the whole dependency tree again.
enableCompileCache();
await import('./server.js');
