import { HTTP_METHODS, type OpenApiDocument, type Operation } from './document';

export interface Route {
  template: string;
  /** Absent when the path matches a template that documents other methods only. */
  method?: string;
  operation?: Operation;
  /** Template parameter name -> raw (still percent-encoded) path segment. */
  params: Record<string, string>;
}

type Segment = { literal: string } | { param: string };

interface Template {
  template: string;
  segments: Segment[];
  methods: Map<string, Operation>;
}

/**
 * Finds the operation a concrete path belongs to. Where templates overlap, literal segments win over templated
 * ones from left to right (/issue/createmeta before /issue/{issueIdOrKey}), as OpenAPI requires:
 * https://spec.openapis.org/oas/v3.0.3#path-templating-matching
 */
export class Router {
  private readonly bySegmentCount = new Map<number, Template[]>();

  constructor(doc: OpenApiDocument) {
    for (const [template, item] of Object.entries(doc.paths)) {
      const methods = new Map<string, Operation>();
      for (const m of HTTP_METHODS) {
        const op = item[m];
        if (op) methods.set(m, op);
      }
      const segments = template
        .split('/')
        .slice(1)
        .map((s): Segment => {
          const param = /^\{([^}]+)\}$/.exec(s)?.[1];
          if (param !== undefined) return { param };
          if (s.includes('{'))
            throw new Error(`template segment ${s} in ${template}: only whole-segment parameters are supported`);
          return { literal: s };
        });
      const list = this.bySegmentCount.get(segments.length) ?? [];
      list.push({ template, segments, methods });
      this.bySegmentCount.set(segments.length, list);
    }
    for (const list of this.bySegmentCount.values()) list.sort((a, b) => compareSpecificity(a.segments, b.segments));
  }

  /** The most specific template with this method, else the most specific one at all; undefined if none matches. */
  match(method: string, path: string): Route | undefined {
    if (!path.startsWith('/')) return undefined;
    const parts = path.split('/').slice(1);
    const m = method.toLowerCase();
    let fallback: Route | undefined;
    for (const t of this.bySegmentCount.get(parts.length) ?? []) {
      const params = bind(t.segments, parts);
      if (!params) continue;
      const operation = t.methods.get(m);
      if (operation) return { template: t.template, method: m, operation, params };
      fallback ??= { template: t.template, params };
    }
    return fallback;
  }
}

function bind(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, seg] of segments.entries()) {
    const part = parts[i] ?? '';
    if ('literal' in seg) {
      if (seg.literal !== part) return undefined;
    } else {
      if (part === '') return undefined;
      params[seg.param] = part;
    }
  }
  return params;
}

/** Negative when `a` is more specific: the first position where one is literal and the other templated decides. */
function compareSpecificity(a: Segment[], b: Segment[]): number {
  for (const [i, sa] of a.entries()) {
    const sb = b[i];
    if (!sb) break;
    const la = 'literal' in sa;
    const lb = 'literal' in sb;
    if (la !== lb) return la ? -1 : 1;
  }
  return 0;
}
