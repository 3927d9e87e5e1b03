import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PARENT_KIND, api, type OrgTreeNode, type TreeKind } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { Banner, Card } from '../../admin/components/ui';
import { TextField } from '../../admin/components/form';
import { confirmDanger, useSubmit } from '../../admin/lib/useSubmit';
import { NodePicker } from '../NodePicker';
import { done, kindLabel } from '../lib';
import '../../admin/components/ui.scss';
import '../org.scss';

/** 调整归属: a grid to another community, a complex to another grid… with everything below it and every record there. */
export default function OrgMovePage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.org.moveOrgNode);
  const id = useRouter().params.id ?? '';
  const detail = useRemote(() => call(api.org.getOrgNode, { params: { id } }), [id], signedIn && allowed && !!id);
  const [parent, setParent] = useState<OrgTreeNode | null>(null);
  const [reason, setReason] = useState('');
  const submit = useSubmit();

  if (!allowed) return <AdminForbidden />;
  if (detail.loading && !detail.data) return <LoadingCards count={2} />;
  if (detail.error || !detail.data)
    return <ErrorState message={detail.error ?? '没有找到'} onRetry={() => void detail.reload()} />;
  const { node, path, hanging } = detail.data;
  const want = PARENT_KIND[node.kind as TreeKind];
  const along = hanging.map((h) => h.text).join('、');

  const move = async () => {
    if (!parent) return;
    const ok = await confirmDanger(
      `调整到「${parent.name}」？`,
      `「${node.name}」${along ? `和这里的 ${along}` : ''}将一起调整到「${parent.name}」下。`,
      '调整',
    );
    if (!ok) return;
    const body = { parentId: parent.id, ...(reason.trim() ? { reason } : {}) };
    if (await submit.send(() => call(api.org.moveOrgNode, { params: { id }, body }))) done('已调整');
  };

  return (
    <View className="page org-page org-move">
      <Card title={`把${kindLabel(node.kind)}「${node.name}」调整到`}>
        <Text className="org-note">{`现在属于「${path.at(-1)?.name ?? ''}」。请选择新的${kindLabel(want)}：`}</Text>
        {parent ? (
          <View className="org-picked org-move__picked">
            <Text>{parent.name}</Text>
            <Text className="org-picker__pick" onClick={() => setParent(null)}>
              重新选择
            </Text>
          </View>
        ) : (
          <NodePicker want={want} exclude={[node.parentId ?? '']} onPick={setParent} />
        )}
      </Card>
      {parent && (
        <Card title="会一起调整的">
          <Text className="org-impact org-impact--calm">
            {along
              ? `${along}随「${node.name}」一起调整，居民的住址、需求和记录都跟着走`
              : `「${node.name}」下面还没有内容`}
          </Text>
          <TextField
            label="调整原因"
            value={reason}
            onInput={setReason}
            placeholder="可不填，例如：网格重新划分"
            maxlength={200}
          />
        </Card>
      )}
      <Banner message={submit.banner} />
      <Button
        type="primary"
        block
        disabled={!parent}
        loading={submit.saving}
        className="org-move__submit"
        onClick={() => void move()}
      >
        {parent ? `调整到「${parent.name}」` : `先选择${kindLabel(want)}`}
      </Button>
    </View>
  );
}
