// A route's path as the API's schemas write it ("/v1/sources/{id}") turned
// into the pattern that matches a request's path, one group per parameter:
// the read routes and the operator's routes match the same way.
export const pathPattern = (path: string) => new RegExp(`^${path.replace(/\{\w+\}/g, "([^/]+)")}$`);
