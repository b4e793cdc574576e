/** One request/response pair, as the Jira emulator records it. */
export interface Exchange {
  site: string;
  method: string;
  /** URL pathname, still percent-encoded. */
  path: string;
  /** Raw query string without the leading '?'; '' when there is none. */
  query: string;
  requestHeaders: Record<string, string>;
  /** Parsed JSON body; undefined when the request had none. */
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  /** Parsed JSON body; undefined when the response had none. */
  responseBody: unknown;
  /** Set when the emulator injected a failure; the response is then deliberately off-contract and not checked. */
  fault?: string;
}

export interface Verdict {
  /** Whether the spec has a template for this path; uncovered exchanges are never errors. */
  covered: boolean;
  operationId?: string;
  /** Human-readable problems, each naming where (query parameter, or JSON path in a body). */
  errors: string[];
}

export interface Coverage {
  covered: boolean;
  operationId?: string;
  template?: string;
}

export interface SpecValidator {
  /** Request and response together; the response is skipped for injected faults. */
  check(e: Exchange): Verdict;
  checkRequest(e: Pick<Exchange, 'method' | 'path' | 'query' | 'requestHeaders' | 'requestBody'>): Verdict;
  checkResponse(e: Pick<Exchange, 'method' | 'path' | 'status' | 'responseBody'>): Verdict;
  coverage(method: string, path: string): Coverage;
}
