// The bot's entry point: `npm start`, `node dist/main.js` (the same as `rm-bot serve`).
import { loadDotEnv } from './dotenv.js';
import { KEEP_RUNNING, runServe } from './cli/serve.js';

loadDotEnv();
const code = await runServe();
if (code !== KEEP_RUNNING) process.exit(code);
