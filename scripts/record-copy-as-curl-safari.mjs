// Records what Safari's Web Inspector "Copy as cURL" writes for each request of
// tests/fixtures/importers/copy-as-curl/requests.json, into commands-safari.json beside it. The commands come from
// WebKit's own code: the Web Inspector that WebKitGTK ships (the same UserInterface as Safari's) is compiled into
// libwebkit2gtk as a GResource; this script extracts its Main.js (`gresource extract`), takes WI.Resource's
// generateCURLCommand method out of it, and calls it on each request as a Resource would.
//
//   node scripts/record-copy-as-curl-safari.mjs [/usr/lib/x86_64-linux-gnu/libwebkit2gtk-4.1.so.0]
//
// (Debian's libwebkit2gtk-4.1-0 package: `apt-get download libwebkit2gtk-4.1-0` and `dpkg-deb -x` give one without
// installing it.) Then `python3 scripts/record-docs-curl.py safari` records what the real curl sends for each command.
// The test (CopyAsCurlCorpusTests) reads both files; it needs neither WebKit nor curl.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'importers', 'copy-as-curl');
const library = process.argv[2] ?? '/usr/lib/x86_64-linux-gnu/libwebkit2gtk-4.1.so.0';
const main = execFileSync('gresource', ['extract', library, '/org/webkit/inspector/UserInterface/Main.js'], { encoding: 'utf8', maxBuffer: 64 << 20 });

// The method's body: from "generateCURLCommand()\n{" to the brace that closes it (strings and regexes in it hold no
// unbalanced braces but /[[{}\]]/, which is counted out below).
const start = main.indexOf('generateCURLCommand()\n{');
if (start < 0) throw new Error('generateCURLCommand was not found in the Web Inspector');
let depth = 0;
let end = start + 'generateCURLCommand()\n'.length;
const text = main.replaceAll('/[[{}\\]]/g', '/[[XX\\]]/g');
for (; end < text.length; end++) {
  if (text[end] === '{') depth++;
  else if (text[end] === '}' && --depth === 0) break;
}
const body = main.slice(start + 'generateCURLCommand()\n'.length, end + 1);
const WI = { HTTPUtilities: { RequestMethod: { GET: 'GET' } } };
const generateCURLCommand = new Function('WI', `return function generateCURLCommand() ${body};`)(WI);
const version = basename(execFileSync('readlink', ['-f', library], { encoding: 'utf8' }).trim());

const { requests } = JSON.parse(readFileSync(join(folder, 'requests.json'), 'utf8'));
const commands = [];
for (const request of requests) {
  // A Resource as Web Inspector fills it: headers by name (a later header of the same name replaces an earlier one), the
  // body's Content-Type, and the body.
  const requestHeaders = {};
  for (const [name, value] of request.headers) requestHeaders[name] = value;
  const contentType = request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;
  const resource = { url: request.url, requestMethod: request.method, requestHeaders, requestDataContentType: contentType, requestData: request.body ?? null };
  // What the command says: Safari sends the body only when it has a Content-Type and the method is not GET.
  const body = contentType && request.method !== 'GET' && request.body ? request.body : null;
  const says = { method: request.method, url: request.url, headers: Object.entries(requestHeaders), body };
  commands.push({ name: request.name, platform: 'unix', requests: [request.name], command: generateCURLCommand.call(resource), says });
}
writeFileSync(join(folder, 'commands-safari.json'), JSON.stringify({ webkit: version, commands }, null, 1) + '\n');
console.log(`Web Inspector of ${version}: ${commands.length} commands written`);
