/** The demo accounts (the README's table), in its order. */
export const DEMO_ACCOUNTS = [
  'resident',
  'resident2',
  'volunteer',
  'partyMember',
  'gridWorker',
  'staff',
  'staff2',
  'streetAdmin',
  'department',
  'unitAdmin',
  'servicePerson',
  'countyAdmin',
] as const;
export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];

/** Every demo account but the service person (who sees only what is dispatched to them). */
export const DEMO_ACCOUNTS_BUT_SERVICE: DemoAccount[] = DEMO_ACCOUNTS.filter((a) => a !== 'servicePerson');
