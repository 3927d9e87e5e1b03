// Runs before each API test file: Midway loads TypeScript sources, quietly.
process.env.MIDWAY_TS_MODE = 'true';
process.env.NODE_ENV = 'test';
process.env.PORT = '0';
process.env.LOG_LEVEL = 'warn';
process.env.DB_TIMEOUT_MS = '2000';
