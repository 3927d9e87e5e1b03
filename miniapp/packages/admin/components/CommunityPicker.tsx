import { Picker } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import type { AdminAccess } from '../../../hooks/useAdminAccess';
import { PickerValue } from './ui';

/** Whether the caller oversees several communities (street admin, county admin): only they move rows between them. */
export const seesSeveralCommunities = (access: AdminAccess) =>
  access.roles.some((r) => r === 'streetAdmin' || r === 'countyAdmin');

/** A community of the caller's street (street admins) or of the county, other than `except`. */
export function CommunityPicker({
  access,
  value,
  except,
  onChange,
}: {
  access: AdminAccess;
  value: string | null;
  except: string;
  onChange: (id: string) => void;
}) {
  const all = useRemote(() => call(api.grids.listCommunities), []);
  const county = access.roles.includes('countyAdmin');
  const streets = new Set((access.user?.posts ?? []).filter((p) => p.role === 'streetAdmin').map((p) => p.place.id));
  const options = (all.data?.communities ?? []).filter(
    (c) => c.id !== except && (county || streets.has(c.parentId ?? '')),
  );
  return (
    <Picker
      mode="selector"
      range={options.map((c) => c.name)}
      onChange={(e) => {
        const c = options[Number(e.detail.value)];
        if (c) onChange(c.id);
      }}
    >
      <PickerValue
        text={options.find((c) => c.id === value)?.name}
        placeholder={all.loading ? '正在加载社区…' : '选择社区'}
      />
    </Picker>
  );
}
