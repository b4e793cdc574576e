import { checkRequestBody, checkResponseBody } from './body';
import { parseForDirection } from './document';
import { capErrors } from './messages';
import { checkParameters } from './params';
import { type Route, Router } from './router';
import { SchemaCompiler } from './schemas';
import type { Exchange, SpecValidator, Verdict } from './types';

/**
 * A validator for one OpenAPI 3.0 document given as JSON text. Requests and responses are checked against
 * separate copies of it, because readOnly/writeOnly make `required` mean different things in each direction.
 */
export function createSpecValidator(specText: string): SpecValidator {
  const requestDoc = parseForDirection(specText, 'request');
  const responseDoc = parseForDirection(specText, 'response');
  const requestSchemas = new SchemaCompiler(requestDoc, 'request');
  const responseSchemas = new SchemaCompiler(responseDoc, 'response');
  const router = new Router(requestDoc);

  /** Runs `body` for a matched operation; covers the uncovered and undocumented-method cases once. */
  const judge = (method: string, path: string, body: (route: Required<Route>) => string[]): Verdict => {
    const route = router.match(method, path);
    if (!route) return { covered: false, errors: [] };
    if (!route.operation || !route.method) {
      return { covered: true, errors: [`${method.toUpperCase()} is not documented for ${route.template}`] };
    }
    return {
      covered: true,
      operationId: route.operation.operationId,
      errors: capErrors(body(route as Required<Route>)),
    };
  };

  const requestErrors = (route: Required<Route>, e: Parameters<SpecValidator['checkRequest']>[0]): string[] => {
    const tokens = ['paths', route.template, route.method];
    const op = route.operation;
    const input = { pathParams: route.params, query: e.query, requestHeaders: e.requestHeaders };
    return [
      ...checkParameters(requestDoc, op, tokens, input, requestSchemas),
      ...checkRequestBody(requestDoc, op, tokens, e.requestHeaders, e.requestBody, requestSchemas),
    ];
  };

  const responseErrors = (route: Required<Route>, e: Parameters<SpecValidator['checkResponse']>[0]): string[] => {
    const tokens = ['paths', route.template, route.method];
    // Look the operation up in the response copy: its schemas are the ones with writeOnly-aware `required`.
    const op = responseDoc.paths[route.template]?.[route.method] ?? route.operation;
    return checkResponseBody(responseDoc, op, tokens, e.status, e.responseBody, responseSchemas);
  };

  return {
    check: (e: Exchange) =>
      judge(e.method, e.path, (route) => [...requestErrors(route, e), ...(e.fault ? [] : responseErrors(route, e))]),
    checkRequest: (e) => judge(e.method, e.path, (route) => requestErrors(route, e)),
    checkResponse: (e) => judge(e.method, e.path, (route) => responseErrors(route, e)),
    coverage(method, path) {
      const route = router.match(method, path);
      if (!route) return { covered: false };
      return { covered: true, operationId: route.operation?.operationId, template: route.template };
    },
  };
}
