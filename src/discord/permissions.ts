import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';

/** The permissions commands require, with the names Discord shows for them. */
const NAMES = { ManageGuild: 'Manage Server', ManageChannels: 'Manage Channels' } as const;
export type RequiredPermission = keyof typeof NAMES;

/**
 * Whether the member may run a command that needs `permission`. `default_member_permissions`
 * only hides a command (server admins can override it per role or channel, and a stale
 * registration may lack it), so each such command checks again. False outside a server.
 */
export function memberMay(
  interaction: ChatInputCommandInteraction,
  permission: RequiredPermission,
): interaction is ChatInputCommandInteraction<'cached' | 'raw'> {
  return interaction.inGuild() && interaction.memberPermissions.has(PermissionFlagsBits[permission]);
}

/** The private refusal for a member without it: "Only members with the **Manage Server** permission can rebuild the index." */
export function permissionRefusal(permission: RequiredPermission, action: string): string {
  return `Only members with the **${NAMES[permission]}** permission can ${action}.`;
}
