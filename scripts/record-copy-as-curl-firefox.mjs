// Records what Firefox's DevTools "Copy as cURL (POSIX)" and "Copy as cURL (Windows)" write for each request of
// tests/fixtures/importers/copy-as-curl/requests.json, into commands-firefox.json beside it. The commands come from
// Firefox's own code: its Network panel's devtools/client/shared/curl.js, read out of an installed Firefox's omni.ja
// (Debian's firefox-esr package; `apt-get download firefox-esr` and `dpkg-deb -x` give one without installing it), and
// called as the panel calls it, once with the platform "Linux" and once with "WINNT".
//
//   node scripts/record-copy-as-curl-firefox.mjs [/usr/lib/firefox-esr]
//
// Then `python3 scripts/record-docs-curl.py firefox` records what the real curl sends for each POSIX command. The test
// (CopyAsCurlCorpusTests) reads both files; it needs neither Firefox nor curl.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'importers', 'copy-as-curl');
const firefox = process.argv[2] ?? '/usr/lib/firefox-esr';
const source = execFileSync('unzip', ['-p', join(firefox, 'browser', 'omni.ja'), 'chrome/devtools/modules/devtools/client/shared/curl.js'], { encoding: 'utf8' });
const version = /^Version=(.+)$/m.exec(readFileSync(join(firefox, 'application.ini'), 'utf8'))[1];

// curl.js is a DevTools module: it assigns to `exports` and reads the platform from Services.appinfo.OS when not given one.
const exports = {};
new Function('exports', 'Services', source)(exports, { appinfo: { OS: 'Linux' } });
const { Curl, CurlUtils } = exports;

// What a command says, by Firefox's own helpers, for the test to compare a Windows command with (no cmd.exe here to run
// it): Firefox leaves out a body unless the method is PUT, POST or PATCH (or the body is a form), keeps only the last
// CRLF-separated line of a --data-raw body, strips file contents from multipart bodies, and never writes Host or
// Content-Length.
function says(data) {
  const multipart = CurlUtils.isMultipartRequest(data);
  let body = null;
  if (multipart) {
    body = CurlUtils.removeBinaryDataFromMultipartText(data.postDataText, CurlUtils.getMultipartBoundary(data));
  } else if (data.postDataText && (CurlUtils.isUrlEncodedRequest(data) || ['PUT', 'POST', 'PATCH'].includes(data.method))) {
    body = CurlUtils.writePostDataTextParams(data.postDataText);
  }
  const ignored = new Set(['host', ...(body === null ? [] : ['content-length'])]);
  const headers = (multipart ? data.headers.concat(CurlUtils.getHeadersFromMultipartText(data.postDataText)) : data.headers)
    .filter(h => !ignored.has(h.name.toLowerCase())).map(h => [h.name, h.value]);
  return { method: data.method, url: data.url, headers, body };
}

const { requests, copy_all: copyAll } = JSON.parse(readFileSync(join(folder, 'requests.json'), 'utf8'));
const commands = [];
for (const request of requests) {
  // What the Network panel hands generateCommand: the request's headers as name/value pairs, its body as text, and the
  // response's headers (none here: --compressed is added only for a response that was content-encoded).
  const data = {
    url: request.url,
    method: request.method,
    headers: request.headers.map(([name, value]) => ({ name, value })),
    httpVersion: 'HTTP/1.1',
    postDataText: request.body ?? null,
    responseHeaders: [],
  };
  for (const [platform, os] of [['unix', 'Linux'], ['win', 'WINNT']]) {
    commands.push({ name: request.name, platform, requests: [request.name], command: Curl.generateCommand(data, os), says: says(data) });
  }
}
writeFileSync(join(folder, 'commands-firefox.json'), JSON.stringify({ firefox: version, commands }, null, 1) + '\n');
console.log(`Firefox ${version}: ${commands.length} commands written (${requests.length} requests; Firefox has no "Copy all as cURL" group for ${copyAll.length} groups)`);
