// The attack suite's people: for every role, the account that owns or serves a resource in 南门社区
// (城关街道, 住建局, 县人民医院, 县司法局) and the accounts that must not reach it — another person of
// the same role and place where the role is personal, and the same role one place over (北街社区 in the
// same street, 新城街道, 城管局, 县图书馆). Shared by the attack_*.test.ts files.
import { ROLES, type Role } from '@gongzhi/shared';
import type { TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { addUser } from './resources_support';
import { official } from './whistles_support';

export interface Prober {
  /** How the test names this account in a finding. */
  label: string;
  auth: string;
}

export interface Cast {
  /** The demo account of each role (every role has one of its name): the owner side. */
  owner: Record<Role, string>;
  /** Same role, who must be refused on the owner's resources. countyAdmin has none: there is one county. */
  probers: Record<Role, Prober[]>;
}

export async function castOf(t: TestApp): Promise<Cast> {
  const owner = {} as Record<Role, string>;
  for (const r of ROLES) owner[r] = await t.signIn(r);
  const person = (account: string, role: Role, community: string, grid = 0) =>
    addUser(t, { account, roles: [role], community, grid });
  const probers: Record<Role, Prober[]> = {
    resident: [
      { label: '同社区另一位居民', auth: await t.signIn('resident2') },
      { label: '北街社区居民', auth: await person('atkResidentBeijie', 'resident', 'beijie') },
    ],
    volunteer: [
      { label: '同社区另一位志愿者', auth: await person('atkVolunteerNanmen', 'volunteer', 'nanmen', 1) },
      { label: '北街社区志愿者', auth: await person('atkVolunteerBeijie', 'volunteer', 'beijie') },
    ],
    partyMember: [
      { label: '同社区另一位党员', auth: await person('atkPartyNanmen', 'partyMember', 'nanmen', 1) },
      { label: '北街社区党员', auth: await person('atkPartyBeijie', 'partyMember', 'beijie') },
    ],
    gridWorker: [
      { label: '南门第二网格网格员', auth: await person('atkGridNanmen2', 'gridWorker', 'nanmen', 1) },
      { label: '北街第一网格网格员', auth: await person('atkGridBeijie', 'gridWorker', 'beijie') },
    ],
    staff: [
      {
        label: '北街社区工作者',
        auth: await addUser(t, { account: 'atkStaffBeijie', roles: ['staff'], community: 'beijie' }),
      },
      { label: '西山社区工作者', auth: await t.signIn('staff2') },
    ],
    streetAdmin: [
      {
        label: '新城街道管理员',
        auth: await addUser(t, { account: 'atkStreetXincheng', roles: ['streetAdmin'], street: 'xincheng' }),
      },
    ],
    department: [
      {
        label: '县城市管理局',
        auth: (await official(t, 'department', String(seedId('org:department:县城市管理局')), '城管局 攻击测试')).auth,
      },
    ],
    unitAdmin: [
      {
        label: '县图书馆管理员',
        auth: await addUser(t, {
          account: 'atkUnitLibrary',
          roles: ['unitAdmin'],
          unit: '县图书馆',
          street: 'chengguan',
        }),
      },
    ],
    servicePerson: [
      {
        label: '县人民医院服务人员',
        auth: await addUser(t, {
          account: 'atkServiceHospital',
          roles: ['servicePerson'],
          unit: '县人民医院',
          street: 'chengguan',
        }),
      },
    ],
    countyAdmin: [],
  };
  return { owner, probers };
}
