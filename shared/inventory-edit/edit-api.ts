import { z } from 'zod';
import { ApplyImportResultSchema } from '../inventory-import-api.js';
import { EDIT_FIELDS, EDIT_PROBLEM_CODES } from './edit-problems.js';

/**
 * The inventory editor as the API carries it (issue 12 item 1): one change to one site or one
 * codec, made against the inventory version the form was opened on. Values arrive as typed; the
 * rules (shared/inventory-edit/edit-rules.ts) answer with problems, never a half-applied change.
 * SNMP secrets never come back to the console: in an edit, a secret left null keeps the one the
 * inventory has, and `snmp: null` keeps the SNMP settings as they are.
 */
const idText = z.string().max(200);
const text = z.string().max(600);
const AUTH = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
const PRIV = ['des', 'aes', 'aes256b', 'aes256r'] as const;
export const SNMP_LEVELS = ['noAuthNoPriv', 'authNoPriv', 'authPriv'] as const;
export const AUTH_PROTOCOLS = AUTH;
export const PRIV_PROTOCOLS = PRIV;
const secret = z.string().max(200).nullable();

export const SnmpEditSchema = z.discriminatedUnion('version', [
  z.strictObject({ version: z.enum(['1', '2c']), community: secret }),
  z.strictObject({
    version: z.literal('3'),
    user: text,
    level: z.enum(SNMP_LEVELS),
    authProtocol: z.enum(AUTH),
    authKey: secret,
    privProtocol: z.enum(PRIV),
    privKey: secret,
  }),
]);
export type SnmpEdit = z.infer<typeof SnmpEditSchema>;

export const SiteFieldsSchema = z.strictObject({ name: text, tier: text, district: text.nullable() });
export type SiteFields = z.infer<typeof SiteFieldsSchema>;

export const EndpointFieldsSchema = z.strictObject({
  name: text,
  host: text,
  /** As typed: the rules say when it is not a whole number from 1 to 65535. */
  port: z.number(),
  profile: text,
  uri: text.nullable(),
  interfaceName: text.nullable(),
});
export type EndpointFields = z.infer<typeof EndpointFieldsSchema>;

export const InventoryEditSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('addSite'), id: idText, parent: idText.nullable(), site: SiteFieldsSchema }),
  z.strictObject({ op: z.literal('updateSite'), id: idText, site: SiteFieldsSchema }),
  z.strictObject({ op: z.literal('moveSite'), id: idText, parent: idText.nullable() }),
  /** `endpoints`: how many codecs the technician was told go with the site (they must agree). */
  z.strictObject({ op: z.literal('deleteSite'), id: idText, endpoints: z.number().int().min(0) }),
  z.strictObject({ op: z.literal('addEndpoint'), id: idText, site: idText, endpoint: EndpointFieldsSchema, snmp: SnmpEditSchema }),
  z.strictObject({ op: z.literal('updateEndpoint'), id: idText, endpoint: EndpointFieldsSchema, snmp: SnmpEditSchema.nullable() }),
  z.strictObject({ op: z.literal('moveEndpoint'), id: idText, site: idText }),
  z.strictObject({ op: z.literal('deleteEndpoint'), id: idText }),
]);
export type InventoryEdit = z.infer<typeof InventoryEditSchema>;
export type InventoryEditOp = InventoryEdit['op'];

export const EditInventoryInputSchema = z.strictObject({
  /** The version the form was opened against (getInventoryEditBase): a change in between refuses the edit. */
  baseVersion: z.string().min(1).max(100),
  edit: InventoryEditSchema,
});

const params = z.record(z.string(), z.union([z.string(), z.number()]));
export const EditProblemSchema = z.object({ code: z.enum(EDIT_PROBLEM_CODES), field: z.enum(EDIT_FIELDS).nullable(), params });

export const EditInventoryResultSchema = z.object({
  /** Why nothing changed, each under its field; empty when the change was made. */
  problems: z.array(EditProblemSchema),
  /** What the change did (as an import's result); null when refused. */
  applied: ApplyImportResultSchema.nullable(),
});
export type EditInventoryResult = z.infer<typeof EditInventoryResultSchema>;

export const EditBaseInputSchema = z.strictObject({ site: idText.optional(), endpoint: idText.optional() });

/** An endpoint's settings for its edit form: everything but the secrets, which only say they are set. */
export const EndpointSettingsViewSchema = z.object({
  snmp: z.discriminatedUnion('version', [
    z.object({ version: z.enum(['1', '2c']), hasCommunity: z.boolean() }),
    z.object({
      version: z.literal('3'),
      user: z.string(),
      level: z.enum(SNMP_LEVELS),
      authProtocol: z.enum(AUTH),
      privProtocol: z.enum(PRIV),
      hasAuthKey: z.boolean(),
      hasPrivKey: z.boolean(),
    }),
  ]),
  interfaceName: z.string().nullable(),
});
export type EndpointSettingsView = z.infer<typeof EndpointSettingsViewSchema>;

export const EditBaseSchema = z.object({
  baseVersion: z.string(),
  /** The device profiles the engine has, for the profile choice. */
  profiles: z.array(z.string()),
  /** The asked site's own district (the network view shows the resolved one); null when none. */
  site: z.object({ district: z.string().nullable() }).nullable(),
  endpoint: EndpointSettingsViewSchema.nullable(),
});
export type EditBase = z.infer<typeof EditBaseSchema>;
