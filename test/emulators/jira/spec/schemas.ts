import Ajv, { type ErrorObject, type KeywordCxt, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Direction, OpenApiDocument } from './document';

/**
 * Compiles, lazily and once each, the schemas found at JSON pointers of one direction's copy of the spec. The
 * whole document is registered once, so `#/components/schemas/...` references inside operations resolve.
 */
export class SchemaCompiler {
  private readonly ajv: Ajv;
  private readonly id: string;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument, direction: Direction) {
    this.id = `jira-${direction}`;
    // strict: false because OpenAPI 3.0 adds keywords JSON Schema tools do not know (example, xml,
    // discriminator, x-*); `nullable` is understood by ajv itself. allErrors + verbose make readable reports.
    this.ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
    // OpenAPI 3.0 data type formats (int32, int64, float, double, byte, binary) and JSON Schema's (uri, date-time,
    // uuid, date, url) all come from ajv-formats' full set.
    addFormats(this.ajv);
    this.ajv.removeKeyword(direction === 'request' ? 'readOnly' : 'writeOnly');
    this.ajv.addKeyword({
      keyword: direction === 'request' ? 'readOnly' : 'writeOnly',
      schemaType: 'boolean',
      code(cxt: KeywordCxt) {
        if (cxt.schema === true) cxt.fail();
      },
      error: {
        message:
          direction === 'request'
            ? 'is readOnly: requests must not send it'
            : 'is writeOnly: responses must not carry it',
      },
    });
    this.ajv.addSchema(doc, this.id);
  }

  /** Errors of `data` against the schema at `tokens` (path inside the document), or [] when it is valid. */
  validate(tokens: readonly (string | number)[], data: unknown): ErrorObject[] {
    const pointer = tokens.map((t) => encodeURIComponent(String(t).replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
    let fn = this.compiled.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${this.id}#/${pointer}` });
      this.compiled.set(pointer, fn);
    }
    return fn(data) ? [] : [...(fn.errors ?? [])];
  }
}
