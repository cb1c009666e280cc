// The server's route table (`tsunagu routes --json`) and the OpenAPI
// document, for the tests that check one against the other.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { runCli } from './server.mjs';

const root = resolve(import.meta.dirname, '..', '..');
export const OPENAPI_FILE = join(root, 'docs', 'api', 'openapi.yaml');
export const ROLES = ['admin', 'analyst', 'coordinator', 'ibasho_staff', 'supervisor', 'supporter', 'surveyor'];
export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

// [{method, path, public, reach: {role: 'none'|'self'|'own_organisation'|'all'}, audits_reads, summary}]
export function serverRoutes() {
  return JSON.parse(runCli(['routes', '--json']));
}

export function loadOpenapi() {
  return parse(readFileSync(OPENAPI_FILE, 'utf8'));
}

// "/api/v1/users/:id" → "/api/v1/users/{id}"
export function toOpenapiPath(routePath) {
  return routePath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

export const routeKey = (method, path) => `${method.toUpperCase()} ${path}`;
