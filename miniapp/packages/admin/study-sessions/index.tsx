import { useState } from 'react';
import Taro, { useReachBottom, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { DEFAULT_POINTS_RULES, api, recordStudySessionBody } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { Banner, Chips, Field, ListFoot, PickerValue, Sheet, Tag, TextInput } from '../components/ui';
import { usePaged } from '../lib/usePaged';
import { chinaDate } from '../lib/format';
import { useSubmit } from '../lib/useSubmit';
import { PARTY_ONLY } from '../lib/party';
import '../components/ui.scss';
import '../components/party.scss';

/**
 * 支部学习: 党务 staff record a branch's study session (date, topic, attendees among the branch's
 * members who have an account); each attendee earns 参加学习 points once. Past sessions below.
 */
export default function StudySessionsPage() {
  const { params } = useRouter();
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.party.listStudySessions);
  const list = usePaged(
    (page) => call(api.party.listStudySessions, { query: { page, pageSize: 20 } }),
    [],
    signedIn && allowed,
  );
  const branches = useRemote(() => call(api.party.listBranches), [], signedIn && allowed);
  const [open, setOpen] = useState(params.record === '1');
  const [branchId, setBranchId] = useState<string | null>(null);
  const [date, setDate] = useState(chinaDate());
  const [topic, setTopic] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const { errors: fields, banner, saving: busy, validate, send } = useSubmit();
  const chosenBranch = branchId ?? branches.data?.items[0]?.id ?? null;
  const linked = useRemote(
    () => call(api.party.listBranchLinkedMembers, { params: { id: chosenBranch! } }),
    [chosenBranch],
    signedIn && allowed && open && !!chosenBranch,
  );
  useReachBottom(() => void list.more());
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));

  if (!allowed || list.errorCode === 'FORBIDDEN') return <AdminForbidden detail={PARTY_ONLY} />;

  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const save = async () => {
    // The endpoint's own schema marks a missing branch, topic or attendee before anything is sent.
    const body = validate(
      recordStudySessionBody,
      { branchId: chosenBranch ?? '', date, topic, memberIds: picked },
      {
        quiet: true,
        adjust: (m) => {
          if (!chosenBranch) m.branchId = '请选择党支部';
        },
      },
    );
    if (!body) return;
    if (!(await send(() => call(api.party.recordStudySession, { body })))) return;
    setOpen(false);
    setTopic('');
    setPicked([]);
    void Taro.showToast({ title: '已记录，参加人已获积分', icon: 'none' });
    await list.reload();
  };
  const branchItems = branches.data?.items ?? [];

  return (
    <View className="page party-page study-sessions">
      <View className="party-row study-sessions__new" hoverClass="admin-pressed" onClick={() => setOpen(true)}>
        <View className="party-row__body">
          <Text className="party-row__title">＋ 记录一次学习</Text>
          <Text className="party-row__sub">{`三会一课、主题党日等；每位参加的党员获 ${DEFAULT_POINTS_RULES.studySession.points} 分（年度上限见积分规则）`}</Text>
        </View>
        <Text className="party-row__arrow">›</Text>
      </View>
      <Text className="section-title">学习记录</Text>
      {list.loading && <LoadingCards count={3} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {!list.loading && !list.error && list.items.length === 0 && (
        <EmptyState text="还没有学习记录" hint="点上方“记录一次学习”，选择参加的党员" />
      )}
      {!list.loading &&
        list.items.map((s) => (
          <View key={s.id} className="party-row study-sessions__row">
            <View className="party-row__body">
              <Text className="party-row__title">{s.topic}</Text>
              <Text className="party-row__sub">{`${s.date} · ${s.branchName} · 记录人 ${s.recordedByName}`}</Text>
              <Text className="party-row__sub">{s.attendees.map((a) => a.nameMasked).join('、')}</Text>
            </View>
            <Tag tone="brand">{`${s.attendeeCount} 人`}</Tag>
          </View>
        ))}
      <ListFoot loading={list.loadingMore} done={list.done} count={list.items.length} />

      <Sheet
        open={open}
        title="记录一次学习"
        onClose={() => setOpen(false)}
        footer={
          <Button type="primary" block loading={busy} className="study-sessions__save" onClick={() => void save()}>
            保存并发放积分
          </Button>
        }
      >
        <Banner message={banner} />
        {branchItems.length > 1 && (
          <Field label="党支部" required error={fields.branchId}>
            <Chips
              options={branchItems.map((b) => ({ value: b.id, label: b.name }))}
              value={chosenBranch}
              onChange={(v) => {
                setBranchId(v);
                setPicked([]);
              }}
            />
          </Field>
        )}
        <Field label="日期" required error={fields.date}>
          <Picker mode="date" value={date} end={chinaDate()} onChange={(e) => setDate(String(e.detail.value))}>
            <PickerValue text={date} placeholder="请选择日期" />
          </Picker>
        </Field>
        <Field label="学习主题" required error={fields.topic}>
          <TextInput
            value={topic}
            maxlength={100}
            placeholder="如：学习《中国共产党支部工作条例》"
            onInput={setTopic}
          />
        </Field>
        <Field
          label={`参加的党员（已选 ${picked.length} 人）`}
          required
          error={fields.memberIds}
          hint="只列出已关联本人账号的党员：积分记到本人账号"
        >
          {linked.loading && <Text className="party-note">加载中…</Text>}
          {linked.error && <Text className="party-note">{linked.error}</Text>}
          {linked.data && linked.data.items.length === 0 && (
            <Text className="party-note">这个支部还没有党员关联账号，可在党员详情里关联</Text>
          )}
          {linked.data && (
            <Chips
              options={linked.data.items.map((m) => ({ value: m.memberId, label: m.nameMasked }))}
              value={picked}
              onChange={toggle}
            />
          )}
        </Field>
      </Sheet>
    </View>
  );
}
