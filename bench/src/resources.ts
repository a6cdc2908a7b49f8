// CPU and memory of every network process while a phase runs, sampled from /proc by the session each
// process leads (network.sh starts each one with setsid), so children such as npm-spawned node count too.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export type ProcessKind = 'peer' | 'orderer' | 'ca' | 'chaincode' | 'gateway' | 'bench-client';

export interface KindUsage {
  processes: number;
  /** CPU time of all processes of the kind during the phase, and the average cores that is. */
  cpuSeconds: number;
  cores: number;
  /** The largest resident set any one process of the kind reached during the phase. */
  peakRssMiB: number;
}

export type ResourceUsage = Partial<Record<ProcessKind, KindUsage>>;

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const PAGE_BYTES = Number(execFileSync('getconf', ['PAGESIZE']).toString().trim()) || 4096;

export function kindOf(name: string): ProcessKind | undefined {
  if (name.startsWith('peer-')) return 'peer';
  if (name.startsWith('orderer')) return 'orderer';
  if (name.startsWith('ca-')) return 'ca';
  if (name === 'chaincode' || name === 'gateway') return name;
  return undefined;
}

interface Sample {
  ticks: number;
  rssBytes: number;
}

/** utime+stime and RSS of every live process, keyed by the session it belongs to. */
function sessions(): Map<number, Sample> {
  const out = new Map<number, Sample>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited between listing and reading
    }
    // Fields after the command name, which may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const session = Number(fields[3]);
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssBytes = Number(fields[21]) * PAGE_BYTES;
    const sum = out.get(session) ?? { ticks: 0, rssBytes: 0 };
    out.set(session, { ticks: sum.ticks + ticks, rssBytes: Math.max(sum.rssBytes, rssBytes) });
  }
  return out;
}

function networkProcesses(runDir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const file of readdirSync(runDir).filter((f) => f.endsWith('.pid'))) {
    out.set(file.slice(0, -4), Number(readFileSync(path.join(runDir, file), 'utf8').trim()));
  }
  return out;
}

export class ResourceSampler {
  readonly #processes: Map<string, number>;
  readonly #first: Map<number, Sample>;
  readonly #peakRss = new Map<string, number>();
  readonly #startedAt = process.hrtime.bigint();
  readonly #clientCpu = process.cpuUsage();
  #clientPeakRss = process.memoryUsage.rss();
  readonly #timer: NodeJS.Timeout;

  constructor(runDir: string, intervalMs = 500) {
    this.#processes = networkProcesses(runDir);
    this.#first = sessions();
    this.#timer = setInterval(() => this.#sample(), intervalMs);
    this.#timer.unref();
  }

  #sample(): Map<number, Sample> {
    const now = sessions();
    for (const [name, pid] of this.#processes) {
      const rss = now.get(pid)?.rssBytes ?? 0;
      this.#peakRss.set(name, Math.max(this.#peakRss.get(name) ?? 0, rss));
    }
    this.#clientPeakRss = Math.max(this.#clientPeakRss, process.memoryUsage.rss());
    return now;
  }

  stop(): ResourceUsage {
    clearInterval(this.#timer);
    const last = this.#sample();
    const seconds = Number(process.hrtime.bigint() - this.#startedAt) / 1e9;
    const usage: ResourceUsage = {};
    const add = (kind: ProcessKind, cpuSeconds: number, rssBytes: number): void => {
      const sum = usage[kind] ?? { processes: 0, cpuSeconds: 0, cores: 0, peakRssMiB: 0 };
      sum.processes += 1;
      sum.cpuSeconds += cpuSeconds;
      sum.peakRssMiB = Math.max(sum.peakRssMiB, rssBytes / 1_048_576);
      usage[kind] = sum;
    };
    for (const [name, pid] of this.#processes) {
      const kind = kindOf(name);
      const before = this.#first.get(pid);
      const after = last.get(pid);
      if (!kind || !before || !after) continue;
      add(kind, (after.ticks - before.ticks) / TICKS_PER_SECOND, this.#peakRss.get(name) ?? after.rssBytes);
    }
    const client = process.cpuUsage(this.#clientCpu);
    add('bench-client', (client.user + client.system) / 1e6, this.#clientPeakRss);
    for (const value of Object.values(usage)) {
      value.cpuSeconds = Math.round(value.cpuSeconds * 10) / 10;
      value.cores = Math.round((value.cpuSeconds / seconds) * 100) / 100;
      value.peakRssMiB = Math.round(value.peakRssMiB);
    }
    return usage;
  }
}
