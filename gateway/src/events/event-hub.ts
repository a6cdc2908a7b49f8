// One event log and one listener per org: each org's stream is read through its own peer by one of its own
// client identities, as it would be by that org's own gateway in production.
import * as path from 'node:path';
import type { ConnectionDescription } from '../fabric/connection-description';
import type { IdentityName, OrgName } from '../types';
import { EventLog } from './event-log';
import { EventListener } from './listener';
import type { ChaincodeEventFeed, ListenerOptions } from './listener';

export interface EventLogs {
  logFor(org: OrgName): EventLog | undefined;
}

/** The identity that reads ORG's stream: its first company identity, else its admin. */
export function listenerIdentity(description: ConnectionDescription, org: OrgName): IdentityName | undefined {
  const names = Object.keys(description.identities)
    .filter((name) => description.identities[name]?.org === org)
    .sort();
  const company = names.find((name) => description.identities[name]?.role !== 'admin');
  return (company ?? names[0]) as IdentityName | undefined;
}

export class EventHub implements EventLogs {
  private constructor(
    private readonly logs: Map<OrgName, EventLog>,
    private readonly listeners: EventListener[],
  ) {}

  static async open(
    stateDir: string,
    orgs: readonly OrgName[],
    feedFor: (org: OrgName) => ChaincodeEventFeed,
    options: ListenerOptions,
  ): Promise<EventHub> {
    const logs = new Map<OrgName, EventLog>();
    const listeners: EventListener[] = [];
    for (const org of orgs) {
      const log = await EventLog.open(path.join(stateDir, 'events', `${org}.jsonl`));
      logs.set(org, log);
      listeners.push(new EventListener(feedFor(org), log, options));
    }
    return new EventHub(logs, listeners);
  }

  logFor(org: OrgName): EventLog | undefined {
    return this.logs.get(org);
  }

  start(): void {
    for (const listener of this.listeners) listener.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.listeners.map((listener) => listener.stop()));
    await Promise.all([...this.logs.values()].map((log) => log.close()));
  }
}
