import type { TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// Shared by the rosters_* files: calls as a demo account, the dashboard's figures, seeded ids.

export const member = (g: number) => String(seedId(`partyMember:${g}`));
export const community = (key: string) => String(seedId(`org:community:${key}`));
export const branch = (key: string) => String(seedId(`branch:${key}`));
export const staffRow = (key: string, name: string) => String(seedId(`staffMember:${key}:${name}`));
export const complex = (key: string, name: string) => String(seedId(`org:complex:${key}:${name}`));
export const grid = (key: string, i: number) => String(seedId(`org:grid:${key}:${i}`));
export const user = (account: string) => String(seedId(`user:${account}`));

export function rosterApi(t: TestApp) {
  const tokens = new Map<string, string>();
  const auth = async (account: string) => {
    if (!tokens.has(account)) tokens.set(account, await t.signIn(account));
    return tokens.get(account)!;
  };
  return {
    async get(account: string, path: string) {
      return t
        .http()
        .get(path)
        .set('Authorization', await auth(account));
    },
    async post(account: string, path: string, body: unknown = {}) {
      return t
        .http()
        .post(path)
        .set('Authorization', await auth(account))
        .send(body as object);
    },
    /** The 数据看板 as the account sees it. */
    async overview(account: string) {
      const res = await t
        .http()
        .get('/api/v1/stats/overview')
        .set('Authorization', await auth(account));
      if (res.status !== 200) throw new Error(`overview: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}

/** Members of a branch as the dashboard counts them. */
export const branchMembers = (overview: { branches: { items: { id: string; members: number }[] } }, id: string) =>
  overview.branches.items.find((b) => b.id === id)?.members ?? 0;
