/** Fired with the new invitation's id when the form made one: the list reloads and opens its share view. */
export const INVITATION_MADE = 'gongzhi:invitation-made';
