import type { Socket } from 'node:dgram';
import netSnmp from 'net-snmp';

/**
 * The agent and notification-originator side of net-snmp 3.x that the simulator uses, typed here
 * (the package ships no types; electron/engine/snmp/net-snmp.d.ts declares the poller's side only).
 * Shapes follow node_modules/net-snmp/README.md ("Application: SNMP Agent", "Mib Module",
 * "session.trap").
 */

export interface SnmpUser {
  name: string;
  level: number;
  authProtocol?: number;
  authKey?: string;
  privProtocol?: number;
  privKey?: string;
}

export interface Varbind {
  oid: string;
  type: number;
  value: unknown;
}

export interface MibRequest {
  readonly oid: string;
  readonly operation: number;
  readonly instanceNode: { value: unknown; valueType: number };
  done(error?: { errorStatus: number }): void;
}

export interface TableColumn {
  number: number;
  name: string;
  type: number;
  maxAccess: number;
}

export type ProviderDefinition =
  | { name: string; type: number; oid: string; scalarType: number; maxAccess: number; handler?: (req: MibRequest) => void }
  | {
      name: string;
      type: number;
      oid: string;
      maxAccess: number;
      tableColumns: TableColumn[];
      tableIndex: { columnName: string }[];
      handler?: (req: MibRequest) => void;
    };

export interface Mib {
  registerProvider(definition: ProviderDefinition): void;
  setScalarValue(name: string, value: unknown): void;
  addTableRow(name: string, row: unknown[]): void;
  deleteTableRow(name: string, rowIndex: unknown[]): boolean;
}

export interface Authorizer {
  addCommunity(community: string): void;
  addUser(user: SnmpUser): void;
}

export interface Agent {
  getAuthorizer(): Authorizer;
  getMib(): Mib;
  close(callback?: () => void): void;
}

export interface AgentOptions {
  port: number;
  address: string;
  transport: 'udp4' | 'udp6';
  engineID: string;
  /** A dgram-compatible module: the Listener creates its socket through it (see index.js Listener). */
  dgramModule: { createSocket(type: 'udp4' | 'udp6'): Socket };
}

export interface TrapOptions {
  agentAddr?: string;
  upTime?: number;
}

export interface TrapSession {
  trap(typeOrOid: number | string, varbinds: Varbind[], options: TrapOptions, callback: (error: Error | null) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  close(): void;
}

interface SessionOptions {
  version?: number;
  trapPort?: number;
  transport?: 'udp4' | 'udp6';
  engineID?: string;
}

export interface SnmpAgentLib {
  createAgent(options: AgentOptions, callback: (error: Error | null, data: unknown) => void): Agent;
  createSession(target: string, community: string, options: SessionOptions): TrapSession;
  createV3Session(target: string, user: SnmpUser, options: SessionOptions): TrapSession;
  readonly MibProviderType: { readonly Scalar: number; readonly Table: number };
  readonly MaxAccess: Readonly<Record<'not-accessible' | 'read-only', number>>;
  readonly ObjectType: Readonly<
    Record<'Integer' | 'OctetString' | 'OID' | 'IpAddress' | 'Counter' | 'Gauge' | 'TimeTicks' | 'Counter64', number>
  >;
  readonly TrapType: Readonly<Record<'ColdStart' | 'LinkDown' | 'LinkUp', number>>;
  readonly Version1: number;
  readonly Version2c: number;
  readonly Version3: number;
  readonly SecurityLevel: Readonly<Record<'noAuthNoPriv' | 'authNoPriv' | 'authPriv', number>>;
  readonly AuthProtocols: Readonly<Record<'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512', number>>;
  readonly PrivProtocols: Readonly<Record<'des' | 'aes' | 'aes256b' | 'aes256r', number>>;
}

export const snmp = netSnmp as unknown as SnmpAgentLib;
