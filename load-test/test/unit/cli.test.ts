import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HELP, optionsFromArgs } from "../../src/cli.ts";

const REMOTE = ["--url", "https://example.test/ingest", "--no-verify"];

/** The run's options, not help. */
function options(argv: string[], env: NodeJS.ProcessEnv) {
  const o = optionsFromArgs(argv, env);
  assert.ok(!o.help, "not --help");
  return o;
}

describe("load-test options: the API key", () => {
  it("comes from INGEST_API_KEY, so it stays out of the command line", () => {
    assert.equal(options(REMOTE, { INGEST_API_KEY: "from-env" }).apiKey, "from-env");
    assert.equal(options(REMOTE, { INGEST_API_KEY: " from-env\n" }).apiKey, "from-env", "trimmed");
  });

  it("comes from --key when given, over the environment", () => {
    assert.equal(options([...REMOTE, "--key", "from-argv"], { INGEST_API_KEY: "from-env" }).apiKey, "from-argv");
  });

  it("is documented with the environment first and --key as visible in ps", () => {
    assert.match(HELP, /--key KEY\s+API key \(default \$INGEST_API_KEY/);
    assert.match(HELP, /see a --key value in ps/);
  });
});

describe("load-test options: checks", () => {
  it("answers --help and -h before anything else is checked (no key needed)", () => {
    assert.deepEqual(optionsFromArgs(["--help"], {}), { help: true });
    assert.deepEqual(optionsFromArgs(["-h", "--posts", "x"], {}), { help: true });
  });

  it("takes numbers through the shared checks, fractions where the flag is in seconds", () => {
    const o = options([...REMOTE, "--retries", "0", "--rate", "0", "--duration", "0.5", "--corpus", "synthetic", "--seed", "7"], { INGEST_API_KEY: "k" });
    assert.equal(o.retries, 0);
    assert.equal(o.rate.rate, 0);
    assert.equal(o.durationSeconds, 0.5);
    assert.deepEqual(o.corpus, { kind: "synthetic", seed: 7 });
  });

  it("refuses a bad number with the flag's name", () => {
    const env = { INGEST_API_KEY: "k" };
    assert.throws(() => options([...REMOTE, "--batch", "0"], env), /--batch must be a whole number of at least 1/);
    assert.throws(() => options([...REMOTE, "--posts", "1.5"], env), /--posts must be a whole number/);
    assert.throws(() => options([...REMOTE, "--sample", "x"], env), /--sample must be a whole number/);
    assert.throws(() => options([...REMOTE, "--corpus", "synthetic", "--seed", "x"], env), /--seed must be a whole number/);
    assert.throws(() => options([...REMOTE, "--stall", "0"], env), /--stall must be a number above 0/);
  });
});
