/**
 * Report data for the editor (the webview hosts the pure renderer; the server supplies the model):
 * one bill's report with its peers, the workspace's harmonisation matrix, and a bill compared with
 * an older text of itself. Bills on disk are checked once per modification time; the workspace walk
 * is reused for a few seconds so a report that refreshes as the user types does not re-walk it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Catalogue } from '../catalogue/load.js';
import { parseProfiles, type Profile } from '../compare/profiles.js';
import { buildReport, type BillReport } from '../report/model.js';
import { checkText, type CheckOptions } from '../service/check.js';
import { builtinDefinitionsDir } from './catalogue.js';
import { walkBills } from './files.js';
import { limitBytes } from '../service/limits.js';

const WALK_TTL_MS = 5_000;

export class ReportCache {
  private readonly disk = new Map<string, { mtimeMs: number; epoch: number; catalogue: Catalogue; report: BillReport }>();
  private readonly profilesFor = new WeakMap<Catalogue, Profile[]>();
  private readonly walks = new Map<string, { at: number; files: string[] }>();

  constructor(
    private readonly builtinDir: () => string = builtinDefinitionsDir,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** definitions/profiles beside the built-in catalogue (copied into the extension by the build). */
  profiles(catalogue: Catalogue): Profile[] {
    const cached = this.profilesFor.get(catalogue);
    if (cached) return cached;
    let profiles: Profile[] = [];
    try {
      const dir = path.join(this.builtinDir(), 'profiles');
      const names = readdirSync(dir).filter((name) => /\.ya?ml$/i.test(name)).sort();
      const parsed = parseProfiles(names.map((name) => ({ path: `profiles/${name}`, text: readFileSync(path.join(dir, name), 'utf8') })), catalogue);
      for (const problem of parsed.problems) this.log(`profile ${problem.file}${problem.path ? ` at ${problem.path}` : ''}: ${problem.message}`);
      profiles = parsed.profiles;
    } catch (error) {
      this.log(`reference profiles not loaded: ${(error as Error).message}`);
    }
    this.profilesFor.set(catalogue, profiles);
    return profiles;
  }

  /** Bills under a folder (cached briefly). */
  bills(folder: string, include: readonly string[]): string[] {
    const key = `${folder}\n${JSON.stringify(include)}`;
    const cached = this.walks.get(key);
    if (cached && Date.now() - cached.at < WALK_TTL_MS) return cached.files;
    const files = walkBills(folder, include).files;
    this.walks.set(key, { at: Date.now(), files });
    return files;
  }

  /** A bill on disk, checked once per modification time and settings generation. */
  diskReport(file: string, display: string, uri: string, catalogue: Catalogue, options: CheckOptions, epoch: number): BillReport | undefined {
    let mtimeMs: number;
    let size: number;
    try {
      ({ mtimeMs, size } = statSync(file));
    } catch {
      return undefined;
    }
    // Over the size limit: not read (and so not in the matrix).
    if (size > limitBytes(options)) return undefined;
    const cached = this.disk.get(file);
    if (cached && cached.mtimeMs === mtimeMs && cached.epoch === epoch && cached.catalogue === catalogue) return cached.report;
    try {
      const report = buildReport(display, checkText(readFileSync(file, 'utf8'), uri, catalogue, options), catalogue);
      this.disk.set(file, { mtimeMs, epoch, catalogue, report });
      return report;
    } catch (error) {
      this.log(`report for ${file}: ${(error as Error).message}`);
      return undefined;
    }
  }

  clear(): void {
    this.disk.clear();
    this.walks.clear();
  }
}
