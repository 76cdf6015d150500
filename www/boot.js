import init, { start } from './pkg/selfcheck.js';
await init();
start();
