// Loaded into a server process by a test (NODE_OPTIONS=--expose-gc --require …): SIGUSR2 runs a full
// garbage collection, so the test reads the memory the process holds rather than what V8 has not yet
// collected, which depends on when its collector last ran, not on the data.
process.on('SIGUSR2', () => globalThis.gc());
