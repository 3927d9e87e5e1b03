import type { MenuItemAdmin } from '@gongzhi/shared';

/**
 * Items the menu list has shown, so the edit page opens at once with what the list had (the API has
 * no single-item admin read). A page opened by link loads the list itself.
 */
export const menuItems = new Map<string, MenuItemAdmin>();
