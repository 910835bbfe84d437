// Records what Chromium's DevTools "Copy as cURL (bash)" and "Copy as cURL (cmd)" write for each request of
// tests/fixtures/importers/copy-as-curl/requests.json, into commands.json beside it. The commands come from the browser
// itself: Chromium's remote-debugging server serves its bundled DevTools front end, and the page this script opens
// there imports the Network panel's module and calls its generateCurlCommand (one request) and generateAllCurlCommand
// ("Copy all as cURL") on each request.
//
//   node --experimental-websocket scripts/record-copy-as-curl.mjs [/usr/bin/chromium]
//
// Node 22 and later have WebSocket without the flag. The test (CopyAsCurlCorpusTests) reads commands.json; it does not
// need Chromium.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'importers', 'copy-as-curl');
const { requests, copy_all: copyAll } = JSON.parse(readFileSync(join(folder, 'requests.json'), 'utf8'));
const chromium = process.argv[2] ?? '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'copy-as-curl-'));
const browser = spawn(chromium, ['--headless=new', '--no-sandbox', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });

try {
  // Chromium writes the port it chose into DevToolsActivePort once it listens.
  const portFile = join(profile, 'DevToolsActivePort');
  for (let i = 0; i < 300 && !existsSync(portFile); i++) await new Promise(r => setTimeout(r, 100));
  const port = readFileSync(portFile, 'utf8').split('\n')[0];
  const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()).Browser;
  const target = await (await fetch(`http://127.0.0.1:${port}/json/new?about:blank`, { method: 'PUT' })).json();

  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
  let next = 0;
  const waiting = new Map();
  const events = [];
  socket.onmessage = m => {
    const message = JSON.parse(m.data);
    if (message.id && waiting.has(message.id)) { waiting.get(message.id)(message); waiting.delete(message.id); }
    else if (message.method) events.push(message.method);
  };
  const send = (method, params = {}) => new Promise(resolve => {
    const id = ++next;
    waiting.set(id, resolve);
    socket.send(JSON.stringify({ id, method, params }));
  });
  const evaluate = async expression => {
    const reply = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (reply.result?.exceptionDetails) throw new Error(JSON.stringify(reply.result.exceptionDetails));
    return reply.result.result.value;
  };

  // A page of the DevTools server's own origin, so the front end's modules can be imported.
  await send('Page.enable');
  await send('Page.navigate', { url: `http://127.0.0.1:${port}/json/version` });
  for (let i = 0; i < 300 && !events.includes('Page.loadEventFired'); i++) await new Promise(r => setTimeout(r, 50));

  // The Network panel reads a request through these members only (url, method, headers, form data, security state).
  const commands = await evaluate(`(async () => {
    const Network = await import('/devtools/panels/network/network.js');
    const View = Network.NetworkLogView.NetworkLogView;
    const requests = ${JSON.stringify(requests)};
    const copyAll = ${JSON.stringify(copyAll)};
    const asDevTools = r => ({
      url: () => r.url,
      requestMethod: r.method,
      requestHeaders: () => r.headers.map(([name, value]) => ({ name, value })),
      requestFormData: async () => r.body,
      securityState: () => (r.url.startsWith('https:') ? 'secure' : 'insecure'),
    });
    const out = [];
    for (const platform of ['unix', 'win']) {
      for (const r of requests) {
        out.push({ name: r.name, platform, requests: [r.name], command: await View.generateCurlCommand(asDevTools(r), platform) });
      }
      for (const names of copyAll) {
        const group = names.map(n => asDevTools(requests.find(r => r.name === n)));
        const command = await View.prototype.generateAllCurlCommand.call({ filterOutBlobRequests: rs => rs }, group, platform);
        out.push({ name: 'all-' + names.join('+'), platform, requests: names, command });
      }
    }
    return out;
  })()`);
  writeFileSync(join(folder, 'commands.json'), JSON.stringify({ chromium: version, commands }, null, 1) + '\n');
  console.log(`${version}: ${commands.length} commands written to ${join(folder, 'commands.json')}`);
  socket.close();
} finally {
  const exited = new Promise(resolve => browser.once('exit', resolve));
  browser.kill();
  await exited;
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch {
    // Chromium's helper processes may still be writing into the profile; a temp folder is left behind then.
  }
}
