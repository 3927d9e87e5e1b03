import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  EMPLOYMENT_LABELS,
  HEALTH_LABELS,
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  api,
  overrideCategoryBody,
  type MemberCategory,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { Banner, Card, Chips, Field, InfoRow, PlainButton, Sheet, Tag, TextArea, TextInput } from '../components/ui';
import { dateTime } from '../lib/format';
import { useSubmit } from '../lib/useSubmit';
import { CATEGORY_TONES, PARTY_ONLY, categoryShort } from '../lib/party';
import { RosterHistory } from '../components/Roster';
import { MemberChanges } from './MemberChanges';
import '../components/ui.scss';
import '../components/party.scss';

type Full = { name: string; idNumber: string; phone: string | null };

/** One member: masked data, an audited "show full" action, and the category with its override history. */
export default function PartyMemberPage() {
  const { params } = useRouter();
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.party.showPartyMember);
  const member = useRemote(
    () => call(api.party.showPartyMember, { params: { id: params.id ?? '' } }),
    [params.id],
    signedIn && allowed,
  );
  const [full, setFull] = useState<Full | null>(null);
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<MemberCategory | null>(null);
  const [reason, setReason] = useState('');
  // One sheet is open at a time, so the two forms share their messages and the one save.
  const { errors: fields, banner, saving: busy, validate, send, reset } = useSubmit();
  const [linkOpen, setLinkOpen] = useState(false);
  const [phone, setPhone] = useState('');
  const history = useRemote(
    () => call(api.rosters.listPartyMemberHistory, { params: { id: params.id ?? '' } }),
    [params.id],
    signedIn && allowed,
  );
  const reloadAll = () => Promise.all([member.reload(), history.reload()]);
  usePullDownRefresh(() => void reloadAll().finally(() => Taro.stopPullDownRefresh()));

  if (!allowed || member.errorCode === 'FORBIDDEN') return <AdminForbidden detail={PARTY_ONLY} />;
  const m = member.data;

  const reveal = async () => {
    const { confirm } = await Taro.showModal({
      title: '查看完整信息？',
      content: '将显示完整姓名、身份证号和电话。本次查看会记入审计日志（谁、何时、看了什么）。',
      confirmText: '查看',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    try {
      setFull(await call(api.party.revealPartyMember, { params: { id: params.id ?? '' } }));
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  const save = async () => {
    const body = validate(
      overrideCategoryBody,
      { category, reason },
      {
        quiet: true,
        adjust: (m) => {
          if (!category) m.category = '请选择类别';
        },
      },
    );
    if (!body) return;
    if (!(await send(() => call(api.party.overrideMemberCategory, { params: { id: params.id ?? '' }, body })))) return;
    setOpen(false);
    setReason('');
    void Taro.showToast({ title: '类别已调整', icon: 'success' });
    await member.reload();
  };

  const link = async () => {
    if (!(await send(() => call(api.party.linkPartyMember, { params: { id: params.id ?? '' }, body: { phone } }))))
      return;
    setLinkOpen(false);
    setPhone('');
    void Taro.showToast({ title: '已关联本人账号', icon: 'success' });
    await member.reload();
  };

  const unlink = async () => {
    const { confirm } = await Taro.showModal({
      title: '解除关联？',
      content: '解除后，这位党员的积分不再计入支部排名，也不能再被选为学习参加人。已获得的积分保留。',
      confirmText: '解除',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    try {
      await call(api.party.unlinkPartyMember, { params: { id: params.id ?? '' } });
      void Taro.showToast({ title: '已解除关联', icon: 'none' });
      await member.reload();
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  return (
    <View className="page party-page party-member">
      {member.loading && !m && <LoadingCards count={3} />}
      {member.error && !member.loading && <ErrorState message={member.error} onRetry={() => void member.reload()} />}
      {m && (
        <>
          {!m.active && <Text className="roster-stopped">已停用：不计入支部人数和各项统计，记录保留。</Text>}
          <Card
            title={full?.name ?? m.nameMasked}
            extra={<Tag tone={CATEGORY_TONES[m.category]}>{categoryShort(m.category)}</Tag>}
          >
            <InfoRow label="所在支部">{m.branchName}</InfoRow>
            <InfoRow label="居住社区">{m.placeName}</InfoRow>
            <InfoRow label="年龄">{`${m.age} 岁`}</InfoRow>
            <InfoRow label="工作状态">{EMPLOYMENT_LABELS[m.employment]}</InfoRow>
            <InfoRow label="身体状况">{HEALTH_LABELS[m.health]}</InfoRow>
            <InfoRow label="流动党员">{m.mobile ? '是（外出务工经商）' : '否'}</InfoRow>
            <InfoRow label="身份证号">{full?.idNumber ?? m.idNumberMasked}</InfoRow>
            <InfoRow label="手机号">{full ? (full.phone ?? '未登记') : (m.phoneMasked ?? '未登记')}</InfoRow>
            {!full && (
              <PlainButton className="party-reveal" onClick={() => void reveal()}>
                查看完整信息（记入审计）
              </PlainButton>
            )}
          </Card>
          <MemberChanges key={`${m.id}:${m.active}`} member={m} reload={reloadAll} />
          <Card
            title="本人账号"
            extra={
              m.linked ? (
                <PlainButton tone="danger" onClick={() => void unlink()}>
                  解除关联
                </PlainButton>
              ) : (
                <PlainButton
                  tone="brand"
                  onClick={() => {
                    reset();
                    setLinkOpen(true);
                  }}
                >
                  关联账号
                </PlainButton>
              )
            }
          >
            <Text className="party-note">
              {m.linked
                ? '已关联本人的小程序账号：积分计入支部排名，可被选为支部学习参加人。'
                : '尚未关联。身份证号与居民名册一致时会自动关联；也可按本人注册手机号关联。'}
            </Text>
          </Card>
          <Card
            title="党员类别"
            extra={
              <PlainButton tone="brand" onClick={() => setOpen(true)}>
                调整
              </PlainButton>
            }
          >
            <InfoRow label="当前类别">{MEMBER_CATEGORY_LABELS[m.category]}</InfoRow>
            <InfoRow label="规则计算">{MEMBER_CATEGORY_LABELS[m.computedCategory]}</InfoRow>
            <Text className="party-note">{`规则：${m.categoryRule}`}</Text>
            {m.categoryEvents.map((e, i) => (
              <View key={i} className="party-event">
                <Text>{`${dateTime(e.at)} ${e.actorName}：${e.from} → ${e.to}，理由：${e.reason}`}</Text>
              </View>
            ))}
          </Card>
          <RosterHistory history={history} />
        </>
      )}
      <Sheet
        open={linkOpen}
        title="关联本人账号"
        onClose={() => setLinkOpen(false)}
        footer={
          <Button type="primary" block loading={busy} className="party-member__link" onClick={() => void link()}>
            关联
          </Button>
        }
      >
        <Banner message={banner} />
        <Field label="本人注册手机号" required error={fields.phone} hint="一个账号只能关联一名党员；关联会记入审计日志">
          <TextInput value={phone} type="number" maxlength={11} placeholder="11 位手机号" onInput={setPhone} />
        </Field>
      </Sheet>
      <Sheet
        open={open}
        title="调整党员类别"
        onClose={() => setOpen(false)}
        footer={
          <Button type="primary" block loading={busy} className="party-member__save" onClick={() => void save()}>
            确认调整
          </Button>
        }
      >
        <Banner message={banner} />
        <Field label="调整为" required error={fields.category}>
          <Chips
            options={MEMBER_CATEGORIES.map((c) => ({ value: c, label: MEMBER_CATEGORY_LABELS[c] }))}
            value={category}
            onChange={(c) => {
              setCategory(c);
              reset();
            }}
          />
        </Field>
        <Field label="调整理由" required error={fields.reason} hint="例如：长期患病卧床，无法参加在职党员活动">
          <TextArea value={reason} maxlength={200} placeholder="请写明理由，会留档备查" onInput={setReason} />
        </Field>
      </Sheet>
    </View>
  );
}
