// The VS Code extension's manifest agrees with the server and the client code, and the built
// bundles load (the extension host itself is not available here: no download at test time).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_RESTARTS, RESTART_WINDOW_MS, RestartPolicy } from '../../client/src/restart.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/src/lsp/settings.js';
import { ROOT, SERVER_BUNDLE } from './lspClient.js';

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string }[];
    configuration: { properties: Record<string, { default: unknown; scope?: string; enum?: string[] }> };
  };
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
}

const manifest = JSON.parse(readFileSync(`${ROOT}client/package.json`, 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;

describe('extension manifest', () => {
  it('activates lazily on Markdown and points at the bundle', () => {
    expect(manifest.activationEvents).toEqual(['onLanguage:markdown']);
    expect(manifest.main).toBe('./out/extension.js');
    expect(existsSync(`${ROOT}client/out/extension.js`)).toBe(true);
    expect(existsSync(SERVER_BUNDLE)).toBe(true);
    expect(existsSync(`${ROOT}client/out/definitions/elements.yaml`)).toBe(true);
  });

  it('contributes every setting the server reads, resource-scoped, with the server defaults', () => {
    const defaults = DEFAULT_SETTINGS as unknown as Record<string, unknown>;
    for (const key of ['severity', 'definitionsPath', 'include', 'run', 'maxFileSizeMB']) {
      expect(properties[`concordance.${key}`]?.default).toEqual(defaults[key]);
    }
    expect(properties['concordance.instruments']?.default).toEqual([]);
    for (const key of ['instruments', 'severity', 'definitionsPath', 'include', 'run', 'maxFileSizeMB']) expect(properties[`concordance.${key}`]?.scope).toBe('resource');
    expect(properties['concordance.run']?.enum).toEqual(['onType', 'onSave', 'manual']);
    // What VS Code sends when nothing is set parses without a complaint.
    const sent = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k.replace(/^concordance\./, ''), v.default]));
    expect(parseSettings(sent).problems).toEqual([]);
  });

  it('restricts definitionsPath in untrusted workspaces', () => {
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations).toEqual(['concordance.definitionsPath']);
  });

  it('registers every contributed command', () => {
    const source = readFileSync(`${ROOT}client/src/extension.ts`, 'utf8');
    for (const { command } of manifest.contributes.commands) expect(source).toContain(`registerCommand('${command}'`);
  });

  it('builds a CommonJS extension bundle that loads with vscode external', () => {
    const script = `
      const Module = require('node:module');
      const load = Module._load;
      const fake = (name) => new Proxy(function () {}, {
        get: (_, p) => (p === 'prototype' ? {} : fake(name + '.' + String(p))),
        construct: () => ({}),
        apply: () => undefined,
      });
      Module._load = function (request, ...rest) { return request === 'vscode' ? fake('vscode') : load.call(this, request, ...rest); };
      const extension = require(${JSON.stringify(`${ROOT}client/out/extension.js`)});
      process.stdout.write(typeof extension.activate + ' ' + typeof extension.deactivate);`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe('function function');
  });

  it('ships a server bundle that runs on its own', () => {
    expect(execFileSync(process.execPath, [SERVER_BUNDLE, '--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('restarting a server that dies', () => {
  it(`restarts up to ${MAX_RESTARTS} times in 3 minutes, then gives up with a message`, () => {
    let now = 0;
    const policy = new RestartPolicy(() => now);
    for (let i = 1; i <= MAX_RESTARTS; i++) {
      now += 1000;
      expect(policy.closed()).toMatchObject({ restart: true, message: expect.stringContaining(`${i} of ${MAX_RESTARTS}`) });
    }
    now += 1000;
    const last = policy.closed();
    expect(last.restart).toBe(false);
    expect(last.message).toMatch(/will not be restarted.*Output ▸ Concordance/);
  });

  it('forgets crashes older than the window', () => {
    let now = 0;
    const policy = new RestartPolicy(() => now);
    for (let i = 0; i < 20; i++) {
      now += RESTART_WINDOW_MS / MAX_RESTARTS + 1;
      expect(policy.closed().restart).toBe(true);
    }
  });

  it('tolerates a few connection errors, then shuts down; the language client uses this policy', () => {
    const policy = new RestartPolicy();
    expect([1, 2, 3, 4].map((n) => policy.error(n))).toEqual(['continue', 'continue', 'continue', 'shutdown']);
    const source = readFileSync(`${ROOT}client/src/languageClient.ts`, 'utf8');
    expect(source).toMatch(/new RestartPolicy\(\)/);
    expect(source).toMatch(/errorHandler,/);
  });
});
