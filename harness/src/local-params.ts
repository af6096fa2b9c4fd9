// Param values both local stacks set over functions/.env*: what only a local
// machine needs. The feed fetcher may reach loopback (a local feed server on
// 127.0.0.0/8 or ::1); private and link-local addresses stay refused.
export const LOCAL_PARAMS: Record<string, string> = { FEEDS_ALLOW_LOOPBACK: "true" };
