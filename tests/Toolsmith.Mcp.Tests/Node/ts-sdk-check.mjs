// Drives a Toolsmith MCP server with the official TypeScript SDK (@modelcontextprotocol/sdk) over stdio or
// Streamable HTTP, and checks what an agent built on it sees: titles and hints, output schemas that the structured
// content fits (checked with ajv), runs as resources, and -32602 for a malformed tools/call.
// Usage: node ts-sdk-check.mjs '<json config>'   config: { transport: "stdio", command, args, env } | { transport: "http", url }
// Prints one JSON line per check; exits 1 when one fails.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema, McpError } from "@modelcontextprotocol/sdk/types.js";
import Ajv from "ajv";

const config = JSON.parse(process.argv[2]);
const ajv = new Ajv({ strict: false, allErrors: true });
let failed = false;

function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok: !!ok, detail: ok ? undefined : detail }));
  if (!ok) failed = true;
}

function fits(tool, result) {
  if (!tool.outputSchema) return { ok: false, why: `${tool.name} has no outputSchema` };
  const validate = ajv.compile(tool.outputSchema);
  const ok = validate(result.structuredContent);
  return { ok, why: JSON.stringify({ errors: validate.errors, structuredContent: result.structuredContent, schema: tool.outputSchema }) };
}

async function errorCode(promise) {
  try {
    await promise;
    return "no error";
  } catch (e) {
    return e instanceof McpError ? e.code : `${e}`;
  }
}

const transport = config.transport === "stdio"
  ? new StdioClientTransport({ command: config.command, args: config.args, env: { ...process.env, ...config.env }, stderr: "ignore" })
  : new StreamableHTTPClientTransport(new URL(config.url));
const client = new Client({ name: "toolsmith-ts-sdk-check", version: "1.0.0" });
await client.connect(transport);

try {
  check("server info", client.getServerVersion()?.name === "toolsmith", client.getServerVersion());
  check("resources capability", !!client.getServerCapabilities()?.resources, client.getServerCapabilities());

  const { tools } = await client.listTools();
  const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
  const typed = byName["typed_json"];
  check("title", typed?.title === "Typed JSON", typed);
  check("read-only hint for a GET tool", typed?.annotations?.readOnlyHint === true && typed?.annotations?.openWorldHint === true, typed?.annotations);
  const echo = byName["echo_message"];
  check("a POST tool is not read-only nor destructive", echo?.annotations?.readOnlyHint === false && echo?.annotations?.destructiveHint === false, echo?.annotations);
  check("every input schema is an object schema", tools.every((t) => t.inputSchema?.type === "object"), tools.map((t) => t.inputSchema));

  const typedResult = await client.callTool({ name: "typed_json", arguments: {} });
  const typedFit = fits(typed, typedResult);
  check("typed output schema (from the response schema) is typed", typed?.outputSchema?.properties?.items?.items?.type === "integer", typed?.outputSchema);
  check("structured content fits the typed output schema (ajv)", typedFit.ok, typedFit.why);

  const echoResult = await client.callTool({ name: "echo_message", arguments: { message: "from node" } });
  const echoFit = fits(echo, echoResult);
  check("echo call succeeds", echoResult.isError !== true && echoResult.structuredContent?.status === 200, echoResult);
  check("structured content fits the template output schema (ajv)", echoFit.ok, echoFit.why);

  const runId = echoResult._meta?.["toolsmith/runId"];
  const { resources } = await client.listResources();
  check("the run is a listed resource", resources.some((r) => r.uri === `toolsmith://runs/${runId}` && r.mimeType === "application/json"), resources.map((r) => r.uri));
  const read = await client.readResource({ uri: `toolsmith://runs/${runId}` });
  const run = JSON.parse(read.contents[0].text);
  check("the run resource reads as the run", run.tool === "echo_message" && run.id === runId && read.contents[0].mimeType === "application/json", read.contents[0]);
  const { resourceTemplates } = await client.listResourceTemplates();
  check("resource templates", resourceTemplates.some((t) => t.uriTemplate === "toolsmith://runs/{id}"), resourceTemplates);

  check("tools/call without a name is -32602", (await errorCode(client.request({ method: "tools/call", params: { arguments: {} } }, CallToolResultSchema))) === -32602, "");
  check("tools/call with arguments not an object is -32602", (await errorCode(client.request({ method: "tools/call", params: { name: "echo_message", arguments: [1] } }, CallToolResultSchema))) === -32602, "");
  check("an unknown tool is -32602", (await errorCode(client.callTool({ name: "no_such_tool", arguments: {} }))) === -32602, "");
  check("an unknown resource is -32002", (await errorCode(client.readResource({ uri: "toolsmith://runs/nope" }))) === -32002, "");
} finally {
  await client.close();
}
process.exit(failed ? 1 : 0);
