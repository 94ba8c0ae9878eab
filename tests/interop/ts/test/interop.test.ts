// The interop programs themselves: our server answers every case of
// ../cases.json and both our clients check all of them.
import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const DIR = fileURLToPath(new URL("../..", import.meta.url));
const CASES = fileURLToPath(new URL("../../../cases.json", import.meta.url));
const run = promisify(execFile);

let server: ChildProcess;
let address: string;

before(async () => {
  server = spawn(`${DIR}server`, [], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: server.stdout! });
  const [first] = (await once(lines, "line")) as [string];
  const match = /^listening (127\.0\.0\.1:\d+)$/.exec(first);
  assert.ok(match, `unexpected first line: ${first}`);
  address = match[1]!;
});

after(async () => {
  const exited = once(server, "exit");
  server.stdin!.end(); // the server stops when its stdin closes
  await exited;
});

describe("interop", () => {
  for (const client of ["client", "client-connect"]) {
    it(`${client} passes every case against the Node server`, async () => {
      const { stdout } = await run(`${DIR}${client}`, [address, CASES]);
      const lines = stdout.trimEnd().split("\n");
      assert.match(lines.at(-1) ?? "", /^(\d+) passed, 0 failed$/);
      assert.ok(lines.slice(0, -1).every((line) => line.startsWith("ok   ")));
      assert.ok(lines.length > 10);
    });
  }
});
