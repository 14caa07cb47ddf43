// The errors the API client throws: a server's problem+json answer, an unreachable network, a timeout.

// flask-smorest/webargs nest field errors under where the field came from; the UI wants the field.
const LOCATIONS = new Set(['json', 'query', 'querystring', 'form', 'files', 'headers', 'cookies', 'path', 'view_args']);

function addMessages(result, field, value) {
  const messages = (Array.isArray(value) ? value : [value]).filter((m) => typeof m === 'string');
  if (messages.length) result[field] = [...(result[field] || []), ...messages];
}

function flatten(result, prefix, value) {
  if (value === null || value === undefined) return;
  if (typeof value === 'string' || (Array.isArray(value) && value.every((m) => typeof m === 'string'))) {
    addMessages(result, prefix || '_', value);
    return;
  }
  if (Array.isArray(value)) {
    // a list of nested errors, e.g. one entry per item of a list field
    value.forEach((item, index) => flatten(result, prefix ? `${prefix}.${index}` : String(index), item));
    return;
  }
  if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const field = !prefix && LOCATIONS.has(key) ? '' : prefix ? `${prefix}.${key}` : key;
      flatten(result, field, inner);
    }
  }
}

/**
 * Field errors of a problem document as `{field: [message, …]}`. Accepts `{field: "msg"}`,
 * `{field: ["msg"]}`, the same nested under a location (`{json: {field: [...]}}`), nested objects
 * (`{keys: {auth: [...]}}` → `"keys.auth"`) and RFC 9457-style lists
 * (`[{pointer: "#/field", detail: "msg"}]`, also `field`/`name` and `message`).
 * Errors not tied to a field are kept under `"_"`.
 */
export function fieldErrors(errors) {
  const result = {};
  if (Array.isArray(errors) && errors.every((e) => e && typeof e === 'object' && !Array.isArray(e))) {
    for (const entry of errors) {
      const pointer = entry.pointer ?? entry.field ?? entry.name ?? '';
      const field = String(pointer).replace(/^#?\//, '').replace(/\//g, '.') || '_';
      addMessages(result, field, entry.detail ?? entry.message);
    }
    return result;
  }
  flatten(result, '', errors);
  return result;
}

/** The server answered with an error status; fields from its problem+json document (RFC 9457). */
export class ApiError extends Error {
  constructor({ status, title, detail = '', type = 'about:blank', instance, errors, problem = {} }) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.type = type;
    this.instance = instance;
    this.errors = fieldErrors(errors);
    this.problem = problem; // the whole document, for extension members
  }

  /** The first message for `field`, or undefined. */
  fieldError(field) {
    return this.errors[field]?.[0];
  }
}

/** The request never got an answer: no network, DNS, connection refused, CORS-like failures. */
export class OfflineError extends Error {
  constructor(cause) {
    super('the server could not be reached', { cause });
    this.name = 'OfflineError';
  }
}

/** No answer within the time limit; an OfflineError too, since the UI treats both alike. */
export class TimeoutError extends OfflineError {
  constructor(timeoutMs) {
    super();
    this.name = 'TimeoutError';
    this.message = `no answer within ${timeoutMs} ms`;
    this.timeoutMs = timeoutMs;
  }
}
