// What an agent's own hooks call (Claude Code's hooks from the settings the launcher passes with --settings, Codex's
// `notify` program, Gemini CLI's hooks from the system-defaults settings the launcher names): it hands what happened,
// as the agent wrote it, to the gateway over its hook socket, one JSON object per connection: {session, agent,
// payload}. Claude Code and Gemini CLI write the event on stdin; Codex passes it as the last argument. A hook must
// never stall or fail its agent: whatever goes wrong, this exits 0 within 4 s (the agents give a hook 5 s,
// agent-hooks.ts; a loaded machine can take seconds just to start Node), and prints nothing but, for Gemini CLI, which
// reads a hook's stdout as JSON, an empty object.
import { connect } from 'node:net';

const MAX_BYTES = 64 * 1024;
const agent = process.argv[2];
const session = Number(process.env.VIBE_SESSION_ID);
const socketPath = process.env.VIBE_HOOK_SOCKET;

async function stdinText() {
  const chunks = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += chunk.length;
    if (size > MAX_BYTES) return '';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(line) {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.on('error', resolve);
    socket.on('close', resolve);
    socket.end(line);
  });
}

async function main() {
  if (!socketPath || !Number.isInteger(session) || !['claude', 'codex', 'gemini'].includes(agent)) return;
  const text = agent === 'codex' ? (process.argv.at(-1) ?? '') : await stdinText();
  let payload;
  try {
    payload = JSON.parse(text);
  } catch {
    return;
  }
  await send(`${JSON.stringify({ session, agent, payload })}\n`);
}

function done() {
  if (agent === 'gemini') process.stdout.write('{}\n');
  process.exit(0);
}

setTimeout(done, 4000).unref();
main().then(done, done);
