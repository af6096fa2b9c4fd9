// Hostile requests for the ingest endpoint: a pure generator (cases as data,
// deterministic for given options), a runner that sends them over raw HTTP,
// and a summary of the answers. Test tooling: never deployed.
export { hostileCases } from "./cases.js";
export { isEmulatorTransportError, runHostileCases, type HostileResult, type RunOptions } from "./run.js";
export { describeResult, secretsIn, summariseHostile, type HostileSummary } from "./summary.js";
export { DEFAULT_LIMITS, ROUTES, type HostileCase, type HostileOptions, type HostileSet, type Limits } from "./types.js";
