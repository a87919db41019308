// Drives the real yaml-language-server (the engine of VS Code's YAML extension) over stdio, the way an
// editor does: initialize, answer its configuration requests with .vscode/settings.json's yaml.*
// settings, open a document, read its diagnostics, ask for completion.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Diagnostic { range: { start: { line: number; character: number } }; message: string; severity?: number }
export interface CompletionItem { label: string; insertText?: string; textEdit?: { newText: string } }

/** VS Code's settings files are JSON with comments: drop the whole-line // comments. */
export const jsonc = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n'));

export class YamlLanguageServer {
  private proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, (result: unknown) => void>();
  private diagnostics = new Map<string, Diagnostic[]>();
  private waiters: (() => void)[] = [];
  private settings: Record<string, unknown>;
  private root: string;

  constructor(root: string) {
    this.root = root;
    const all = jsonc(path.join(root, '.vscode/settings.json'));
    // The workspace's yaml.* settings, nested as the server asks for them (section "yaml").
    const yaml: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(all)) if (k.startsWith('yaml.')) setPath(yaml, k.slice(5).split('.'), v);
    this.settings = { yaml };
    this.proc = spawn(process.execPath, [path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'], { cwd: root });
    this.proc.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  private send(message: object) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }
  private receive(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.handle(message);
    }
  }
  private handle(m: { id?: number; method?: string; params?: any; result?: unknown }) {
    if (m.method === 'workspace/configuration') {
      this.send({ id: m.id, result: m.params.items.map((i: { section?: string }) => (i.section ? getPath(this.settings, i.section.split('.')) ?? null : this.settings)) });
    } else if (m.method === 'textDocument/publishDiagnostics') {
      this.diagnostics.set(m.params.uri, m.params.diagnostics);
      this.waiters.splice(0).forEach((w) => w());
    } else if (m.method && m.id !== undefined) {
      this.send({ id: m.id, result: null }); // registrations and other requests: accepted
    } else if (m.id !== undefined && this.pending.has(m.id)) {
      this.pending.get(m.id)!(m.result);
      this.pending.delete(m.id);
    }
  }
  request<T>(method: string, params: object): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve) => { this.pending.set(id, resolve as (r: unknown) => void); this.send({ id, method, params }); });
  }
  notify(method: string, params: object) { this.send({ method, params }); }

  async start() {
    await this.request('initialize', {
      processId: process.pid, rootUri: pathToFileURL(this.root).href,
      capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
      workspaceFolders: [{ uri: pathToFileURL(this.root).href, name: 'root' }],
    });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: this.settings });
  }

  private version = 1;
  /** Opens (or replaces) a document and waits for the diagnostics of that text. */
  async open(file: string, text: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(file).href;
    this.diagnostics.delete(uri);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: this.version++, text } });
    const deadline = Date.now() + 30_000;
    while (!this.diagnostics.has(uri) && Date.now() < deadline) await new Promise<void>((r) => { this.waiters.push(r); setTimeout(r, 200); });
    return this.diagnostics.get(uri) ?? [];
  }
  async complete(file: string, line: number, character: number): Promise<CompletionItem[]> {
    const r = await this.request<{ items: CompletionItem[] } | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: pathToFileURL(file).href }, position: { line, character } });
    return Array.isArray(r) ? r : r?.items ?? [];
  }
  close() { this.proc.kill(); }
}

function setPath(o: Record<string, any>, keys: string[], v: unknown) {
  let cur = o;
  for (const k of keys.slice(0, -1)) cur = cur[k] ??= {};
  cur[keys[keys.length - 1]] = v;
}
function getPath(o: Record<string, any>, keys: string[]): unknown {
  return keys.reduce<any>((c, k) => c?.[k], o);
}
