import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HELP, optionsFromArgs } from "../../src/cli.ts";

const REMOTE = ["--url", "https://example.test/ingest", "--no-verify"];

describe("load-test options: the API key", () => {
  it("comes from INGEST_API_KEY, so it stays out of the command line", () => {
    assert.equal(optionsFromArgs(REMOTE, { INGEST_API_KEY: "from-env" }).apiKey, "from-env");
    assert.equal(optionsFromArgs(REMOTE, { INGEST_API_KEY: " from-env\n" }).apiKey, "from-env", "trimmed");
  });

  it("comes from --key when given, over the environment", () => {
    assert.equal(optionsFromArgs([...REMOTE, "--key", "from-argv"], { INGEST_API_KEY: "from-env" }).apiKey, "from-argv");
  });

  it("is documented with the environment first and --key as visible in ps", () => {
    assert.match(HELP, /--key KEY\s+API key \(default \$INGEST_API_KEY/);
    assert.match(HELP, /see a --key value in ps/);
  });
});
