import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { requestKey } from '../../../components/ResidentKit';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import './index.scss';

/** 双报到: an in-service party member registers at their home community and picks a post (岗位). */
export default function RegistrationPage() {
  const signedIn = useSignedIn();
  const mine = useRemote(() => call(api.party.showMyRegistration), [], signedIn);
  const [postId, setPostId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef(requestKey());

  const data = mine.data;
  const reg = data?.registration ?? null;
  const post = postId ?? (editing ? (reg?.postId ?? null) : null);
  const unit = unitId ?? reg?.unitId ?? null;
  const unitIndex = data ? data.units.findIndex((u) => u.id === unit) : -1;

  const submit = async () => {
    if (!post || !unit) {
      setError(!post ? '请选择一个服务岗位' : '请选择您的工作单位');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call(api.party.registerAtCommunity, {
        body: { postId: post, unitId: unit },
        header: { 'Idempotency-Key': key.current },
      });
      key.current = requestKey();
      setEditing(false);
      setPostId(null);
      void Taro.showToast({ title: reg ? '岗位已更换' : '报到成功', icon: 'success' });
      await mine.reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page party-reg">
      {mine.loading && !data && <LoadingCards count={2} />}
      {mine.error && !mine.loading && <ErrorState message={mine.error} onRetry={() => void mine.reload()} />}
      {data && (
        <>
          <View className="party-reg__hero">
            <Text className="party-reg__hero-title">在职党员到社区报到</Text>
            <Text className="party-reg__hero-text">
              {`到居住的${data.communityName ?? '社区'}报到，认领一个服务岗位。年底社区会把您的表现反馈给工作单位（双报告）。`}
            </Text>
          </View>

          {reg && !editing && (
            <View className="party-reg__card party-reg__done">
              <Text className="party-reg__badge">已报到</Text>
              <Text className="party-reg__post">{reg.postName}</Text>
              <Text className="party-reg__meta">{`${reg.communityName} · 工作单位：${reg.unitName}`}</Text>
              <Text className="party-reg__meta">{`报到日期：${reg.registeredAt.slice(0, 10)}`}</Text>
              <View className="party-reg__change" onClick={() => setEditing(true)}>
                <Text>更换岗位</Text>
              </View>
            </View>
          )}

          {(!reg || editing) && (
            <>
              <Text className="party-reg__section">选择服务岗位</Text>
              {data.posts.length === 0 && (
                <Text className="party-reg__empty">社区还没有设置岗位，请联系社区工作人员。</Text>
              )}
              {data.posts.map((p) => (
                <View
                  key={p.id}
                  className={`party-reg__card party-reg__option ${post === p.id ? 'party-reg__option--on' : ''}`}
                  onClick={() => {
                    setPostId(p.id);
                    setError(null);
                  }}
                >
                  <View className="party-reg__radio">{post === p.id && <View className="party-reg__dot" />}</View>
                  <View className="party-reg__option-body">
                    <Text className="party-reg__option-name">{p.name}</Text>
                    <Text className="party-reg__option-desc">{p.description}</Text>
                  </View>
                </View>
              ))}
              <Text className="party-reg__section">工作单位</Text>
              <Picker
                mode="selector"
                range={data.units.map((u) => u.name)}
                value={Math.max(0, unitIndex)}
                onChange={(e) => setUnitId(data.units[Number(e.detail.value)].id)}
              >
                <View className="party-reg__card party-reg__picker">
                  <Text className={unitIndex >= 0 ? '' : 'party-reg__placeholder'}>
                    {unitIndex >= 0 ? data.units[unitIndex].name : '请选择您的工作单位'}
                  </Text>
                  <Text className="party-reg__arrow">›</Text>
                </View>
              </Picker>
              {error && <Text className="party-reg__error">{error}</Text>}
              <View className="party-reg__actions">
                <Button type="primary" block loading={busy} className="party-reg__submit" onClick={() => void submit()}>
                  {reg ? '确认更换' : '确认报到'}
                </Button>
                {editing && (
                  <View className="party-reg__cancel" onClick={() => setEditing(false)}>
                    <Text>取消</Text>
                  </View>
                )}
              </View>
            </>
          )}
        </>
      )}
    </View>
  );
}
