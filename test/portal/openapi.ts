/**
 * Request validation against resources/portal-openapi.json: the reference portal refuses anything
 * the document does not allow (path, method, parameters, body), with a problem+json naming the field.
 */
import fs from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export const openapiPath = new URL('../../resources/portal-openapi.json', import.meta.url);

interface Parameter {
  name: string;
  in: 'query' | 'header' | 'path';
  required?: boolean;
  schema: object;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { schema: object } } };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
  security?: Record<string, string[]>[];
}

export interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  pathParams: string[];
  operation: Operation;
  validateBody: ValidateFunction | null;
  validateParams: { param: Parameter; validate: ValidateFunction }[];
  validateResponse: Map<string, ValidateFunction>;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

export function loadOpenApi(): { doc: OpenApiDoc; routes: Route[] } {
  const doc = JSON.parse(fs.readFileSync(openapiPath, 'utf8')) as OpenApiDoc;
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  const addFormats = (addFormatsModule as unknown as { default?: (a: Ajv2020) => void }).default ?? (addFormatsModule as unknown as (a: Ajv2020) => void);
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components });
  const compile = (schema: object) => ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"doc#/components')) as object);
  const routes: Route[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    const pathParams = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]+)')}$`);
    for (const [method, operation] of Object.entries(ops)) {
      const validateResponse = new Map<string, ValidateFunction>();
      for (const [status, r] of Object.entries(operation.responses)) {
        const schema = r.content?.['application/json']?.schema ?? r.content?.['application/problem+json']?.schema;
        if (schema) validateResponse.set(status, compile(schema));
      }
      routes.push({
        method: method.toUpperCase(),
        template,
        pattern,
        pathParams,
        operation,
        validateBody: operation.requestBody ? compile(operation.requestBody.content['application/json'].schema) : null,
        validateParams: (operation.parameters ?? []).map((param) => ({ param, validate: compile(param.schema) })),
        validateResponse,
      });
    }
  }
  return { doc, routes };
}

export function describeAjvError(v: ValidateFunction, prefix: string): { field: string; detail: string } {
  const e = v.errors?.[0];
  if (!e) return { field: prefix, detail: 'invalid' };
  const extra = e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
  const field = `${prefix}${e.instancePath}${extra}`.replace(/^\//, '');
  return { field, detail: `${field || prefix}: ${e.message ?? 'invalid'}` };
}
