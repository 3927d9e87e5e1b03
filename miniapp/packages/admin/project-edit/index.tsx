import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  MENU_CATEGORIES,
  NEED_STATUS_LABELS,
  PROJECT_ACTION_LABELS,
  PROJECT_LEVELS,
  PROJECT_LEVEL_LABELS,
  PROJECT_STATUS_LABELS,
  ROLE_LABELS,
  addMilestoneBody,
  WHISTLE_TYPE_RULES,
  api,
  cancelProjectBody,
  createProjectBody,
  formatFen,
  parseWith,
  postProjectUpdateBody,
  updateProjectBody,
  type MenuCategoryCode,
  type MilestoneView,
  type ProjectAction,
  type ProjectDetail,
  type ProjectLevel,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { chinaDate, dateTime, fenToYuanText, yuanToFen } from '../lib/format';
import { failure, firstMessage, toMessages, type FieldMessages } from '../lib/forms';
import { binder, confirmDanger, useSubmit } from '../lib/useSubmit';
import { PROJECT_TONES } from '../lib/tones';
import { PlacePicker } from '../components/PlacePicker';
import { Progress } from '../components/Progress';
import { ActionBar, Banner, Card, Chips, Field, InfoRow, PickerValue, PlainButton, Sheet, Tag } from '../components/ui';
import { AreaField, ChipsField, EditSection, TextField, toggled } from '../components/form';
import '../components/ui.scss';
import './index.scss';

interface Draft {
  title: string;
  goal: string;
  categoryCode: MenuCategoryCode;
  placeId: string;
  communityId: string | null;
  level: ProjectLevel;
  budgetYuan: string;
  responsibleUnitIds: string[];
}

const EMPTY: Draft = {
  title: '',
  goal: '',
  categoryCode: 'sanitation',
  placeId: '',
  communityId: null,
  level: 'community',
  budgetYuan: '',
  responsibleUnitIds: [],
};

function fromProject(p: ProjectDetail): Draft {
  return {
    title: p.title,
    goal: p.goal,
    categoryCode: p.categoryCode,
    placeId: p.place.buildingId ?? p.place.complexId ?? p.place.gridId ?? p.place.communityId,
    communityId: p.place.communityId,
    level: p.level,
    budgetYuan: fenToYuanText(p.budgetFen),
    responsibleUnitIds: p.units.map((u) => u.id),
  };
}

function bodyOf(d: Draft) {
  const fen = yuanToFen(d.budgetYuan);
  return {
    title: d.title,
    goal: d.goal,
    categoryCode: d.categoryCode,
    placeId: d.placeId,
    level: d.level,
    // Not a money amount: sent as typed so the schema names the field.
    budgetFen: fen ?? (d.budgetYuan.trim() === '' ? undefined : d.budgetYuan),
    responsibleUnitIds: d.responsibleUnitIds,
  };
}

function ProjectForm({
  draft,
  set,
  errors,
  hasCommunity,
}: {
  draft: Draft;
  set: (p: Partial<Draft>) => void;
  errors: FieldMessages;
  hasCommunity: boolean;
}) {
  const units = useRemote(() => call(api.resources.listUnits, { query: { pageSize: 100 } }), []);
  const e = errors;
  const bind = binder(draft, set, e);
  return (
    <>
      <TextField label="项目名称" required {...bind('title')} placeholder="例如：老旧小区楼道照明改造" maxlength={60} />
      <AreaField
        label="项目目标"
        required
        {...bind('goal')}
        placeholder="解决什么问题、覆盖哪些楼栋、做到什么程度"
        maxlength={2000}
      />
      <ChipsField
        label="服务类别"
        required
        error={e.categoryCode}
        hint="同类别的需求可以纳入项目"
        options={MENU_CATEGORIES.map((c) => ({ value: c.code, label: c.name }))}
        value={draft.categoryCode}
        onChange={(categoryCode) => set({ categoryCode })}
      />
      <ChipsField
        label="项目级别"
        required
        error={e.level}
        options={PROJECT_LEVELS.map((l) => ({ value: l, label: PROJECT_LEVEL_LABELS[l] }))}
        value={draft.level}
        onChange={(level) => set({ level })}
      />
      <Field label="所在地点" required error={e.placeId}>
        <PlacePicker
          value={draft.placeId}
          onChange={(placeId) => set({ placeId })}
          hasCommunity={hasCommunity}
          communityId={draft.communityId}
          onCommunity={(communityId) => set({ communityId, placeId: '' })}
        />
      </Field>
      <TextField
        label="预算（元）"
        required
        hint="精确到分，例如 48600 或 48600.50"
        {...bind('budgetYuan', 'budgetFen')}
        type="digit"
        placeholder="0"
        maxlength={14}
      />
      <Field label="责任单位（选填）" error={e.responsibleUnitIds}>
        {units.error && <Text className="form-field__hint">{`单位名单没有加载出来：${units.error}`}</Text>}
        <Chips
          options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={draft.responsibleUnitIds}
          onChange={(id) => set({ responsibleUnitIds: toggled(draft.responsibleUnitIds, id) })}
        />
      </Field>
    </>
  );
}

function MilestoneRow({
  m,
  canReport,
  projectId,
  onDone,
}: {
  m: MilestoneView;
  canReport: boolean;
  projectId: string;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  async function setProgress(progress: number) {
    try {
      await call(api.projects.updateMilestone, { params: { id: projectId, milestoneId: m.id }, body: { progress } });
      void Taro.showToast({ title: '进度已更新', icon: 'success' });
      setOpen(false);
      onDone();
    } catch (e) {
      void Taro.showModal({ title: '没有更新成功', content: messageOf(e), showCancel: false });
    }
  }
  return (
    <View className="milestone-row">
      <View className="milestone-row__top">
        <Text className="milestone-row__title">{m.title}</Text>
        <Text className="milestone-row__due">{m.doneAt ? `${dateTime(m.doneAt)} 完成` : `计划 ${m.due}`}</Text>
      </View>
      <Progress value={m.progress} />
      {canReport && !open && (
        <Text className="milestone-row__edit" onClick={() => setOpen(true)}>
          更新进度 ›
        </Text>
      )}
      {open && (
        <View className="milestone-row__steps">
          {[0, 25, 50, 75, 100].map((p) => (
            <Text
              key={p}
              className={`admin-chip ${p === m.progress ? 'admin-chip--on' : ''}`}
              onClick={() => void setProgress(p)}
            >
              {`${p}%`}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

function LinkSheet({
  project,
  onClose,
  onLinked,
}: {
  project: ProjectDetail;
  onClose: () => void;
  onLinked: () => void;
}) {
  const candidates = useRemote(async () => {
    const statuses = ['accepted', 'routed', 'in_progress'] as const;
    const pages = await Promise.all(
      statuses.map((status) =>
        call(api.needs.listNeeds, { query: { status, categoryCode: project.categoryCode, pageSize: 50 } }),
      ),
    );
    return pages
      .flatMap((p) => p.items)
      .filter((n) => !(n.route?.kind === 'project' && n.route.targetId === project.id));
  }, [project.id]);
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const parsed = parseWith(api.projects.linkNeeds.body!, { needIds: picked }, 'body');
    if (!parsed.ok) {
      setError(firstMessage(toMessages(parsed.fields)));
      return;
    }
    setBusy(true);
    try {
      const r = await call(api.projects.linkNeeds, { params: { id: project.id }, body: { needIds: picked } });
      void Taro.showToast({ title: `已纳入 ${r.linked} 个`, icon: 'success' });
      onLinked();
    } catch (e) {
      const f = failure(e);
      setError([f.message, ...Object.values(f.fields)].join('；'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Sheet
      open
      title="纳入同类需求"
      className="link-sheet"
      onClose={onClose}
      footer={
        <Button
          type="primary"
          shape="round"
          size="large"
          disabled={busy || picked.length === 0}
          onClick={() => void submit()}
        >
          {picked.length ? `纳入 ${picked.length} 个需求` : '请选择需求'}
        </Button>
      }
    >
      <Banner message={error} />
      <Text className="link-sheet__hint">{`已受理、同为“${MENU_CATEGORIES.find((c) => c.code === project.categoryCode)?.name ?? ''}”类的需求；交付项目时它们一并办结。`}</Text>
      {candidates.loading && <LoadingCards count={2} />}
      {candidates.error && <ErrorState message={candidates.error} onRetry={() => void candidates.reload()} />}
      {candidates.data && candidates.data.length === 0 && (
        <EmptyState text="没有可纳入的需求" hint="受理后的同类需求会出现在这里" />
      )}
      {candidates.data?.map((n) => {
        const on = picked.includes(n.id);
        return (
          <View
            key={n.id}
            className={`link-need ${on ? 'link-need--on' : ''}`}
            onClick={() => setPicked(on ? picked.filter((x) => x !== n.id) : [...picked, n.id])}
          >
            <View className="link-need__body">
              <Text className="link-need__title">{n.title}</Text>
              <Text className="link-need__desc">{`${n.place.label} · ${n.owner.name} · ${NEED_STATUS_LABELS[n.status]}`}</Text>
            </View>
            <Text className={`link-need__check ${on ? 'link-need__check--on' : ''}`}>{on ? '✓' : ''}</Text>
          </View>
        );
      })}
    </Sheet>
  );
}

type SheetKind = 'milestone' | 'update' | 'cancel' | 'link' | null;

export default function ProjectEditPage() {
  const id = useRouter().params.id ?? '';
  const editing = id !== '';
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.staff && access.can(api.projects.updateMilestone);
  const canCreate = access.can(api.projects.createProject);
  const hasCommunity = !!access.user?.community;
  const canBlow = WHISTLE_TYPE_RULES.projectToDepartment.blowers.some((r) => access.roles.includes(r));
  const project = useRemote(
    () => call(api.projects.getProject, { params: { id } }),
    [id],
    signedIn && allowed && editing,
  );
  const needs = useRemote(
    () => call(api.projects.listProjectNeeds, { params: { id }, query: { pageSize: 50 } }),
    [id, project.data?.needsCount],
    signedIn && editing && !!project.data?.canEdit,
  );
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const { errors, banner, setBanner, saving, validate, send } = useSubmit();
  const [editOpen, setEditOpen] = useState(false);
  const [sheet, setSheet] = useState<SheetKind>(null);
  const [text, setText] = useState('');
  const [milestone, setMilestone] = useState({ title: '', due: chinaDate(new Date(Date.now() + 30 * 86_400_000)) });
  // The cancel / progress / milestone sheet: its own messages, apart from the project form's.
  const sheetForm = useSubmit();

  useEffect(() => {
    if (project.data) setDraft(fromProject(project.data));
  }, [project.data]);
  usePullDownRefresh(
    () => void (editing ? project.reload() : Promise.resolve()).finally(() => Taro.stopPullDownRefresh()),
  );

  if (!signedIn) return <View className="page" />;
  if (!allowed || (!editing && !canCreate)) {
    return (
      <View className="page admin-page">
        <AdminForbidden detail={access.staff ? '公益项目由社区、街道和县级管理员负责。' : undefined} />
      </View>
    );
  }
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const p = project.data;

  async function create() {
    // An empty place fails the id format; say what to do instead.
    const parsed = validate(createProjectBody, bodyOf(draft), {
      adjust: (m) => {
        if (!draft.placeId) m.placeId = '请选择地点';
      },
    });
    if (!parsed) return;
    await send(async () => {
      const made = await call(api.projects.createProject, { body: parsed });
      void Taro.showToast({ title: '已创建草稿', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/admin/project-edit/index?id=${made.id}` });
    });
  }

  async function save() {
    if (!p) return;
    const before = fromProject(p);
    const all = bodyOf(draft);
    const old = bodyOf(before);
    const patch: Record<string, unknown> = {};
    for (const k of Object.keys(all) as (keyof typeof all)[]) {
      if (JSON.stringify(all[k]) !== JSON.stringify(old[k])) patch[k] = all[k];
    }
    if (Object.keys(patch).length === 0) {
      setBanner('没有改动');
      return;
    }
    const parsed = validate(updateProjectBody, patch);
    if (!parsed) return;
    await send(async () => {
      await call(api.projects.updateProject, { params: { id }, body: parsed });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setEditOpen(false);
      void project.reload();
    });
  }

  async function transition(action: ProjectAction) {
    if (!p) return;
    const params = { id };
    try {
      if (action === 'open') {
        if (!(await confirmDanger('立项公开', '立项后本社区居民可以看到这个项目和它的进展。确定立项吗？', '立项公开')))
          return;
        await call(api.projects.openProject, { params, body: {} });
      } else if (action === 'start') {
        await call(api.projects.startProject, { params, body: {} });
      } else if (action === 'deliver') {
        if (
          !(await confirmDanger(
            '项目交付',
            `交付后项目不能再修改，纳入的 ${p.needsCount} 个需求将一并办结。确定交付吗？`,
            '确认交付',
          ))
        )
          return;
        const r = await call(api.projects.deliverProject, { params, body: {} });
        if (r.skipped.length) {
          void Taro.showModal({
            title: '项目已交付',
            content: `${r.delivered} 个需求已办结，${r.skipped.length} 个未能办结：${r.skipped.map((s) => s.reason).join('；')}`,
            showCancel: false,
          });
        }
      } else if (action === 'cancel') {
        sheetForm.reset();
        setText('');
        setSheet('cancel');
        return;
      }
      void Taro.showToast({ title: `已${PROJECT_ACTION_LABELS[action]}`, icon: 'success' });
      void project.reload();
    } catch (e) {
      void Taro.showModal({
        title: `${PROJECT_ACTION_LABELS[action]}没有成功`,
        content: messageOf(e),
        showCancel: false,
      });
    }
  }

  async function submitSheet() {
    const params = { id };
    const quiet = { quiet: true };
    let work: () => Promise<unknown>;
    if (sheet === 'cancel') {
      const body = sheetForm.validate(cancelProjectBody, { reason: text }, quiet);
      if (!body) return;
      const sure = '撤销后项目不能恢复，纳入的需求会解除，可以另行派单。确定撤销吗？';
      if (!(await confirmDanger('撤销项目', sure, '确认撤销'))) return;
      work = async () => {
        await call(api.projects.cancelProject, { params, body });
        void Taro.showToast({ title: '已撤销', icon: 'success' });
      };
    } else if (sheet === 'update') {
      const body = sheetForm.validate(postProjectUpdateBody, { text }, quiet);
      if (!body) return;
      work = async () => {
        await call(api.projects.postProjectUpdate, { params, body });
        void Taro.showToast({ title: '已发布', icon: 'success' });
      };
    } else if (sheet === 'milestone') {
      const draft = { title: milestone.title, due: milestone.due, progress: 0 };
      const body = sheetForm.validate(addMilestoneBody, draft, quiet);
      if (!body) return;
      work = async () => {
        await call(api.projects.addMilestone, { params, body });
        void Taro.showToast({ title: '已添加', icon: 'success' });
      };
    } else return;
    if (!(await sheetForm.send(work))) return;
    setSheet(null);
    setText('');
    setMilestone({ ...milestone, title: '' });
    void project.reload();
  }

  if (!editing) {
    return (
      <View className="page admin-page project-edit">
        <Banner message={banner} />
        <Card title="项目信息">
          <ProjectForm draft={draft} set={set} errors={errors} hasCommunity={hasCommunity} />
        </Card>
        <Text className="project-edit__next">新项目先存为草稿，补好里程碑后再立项公开。</Text>
        <ActionBar>
          <Button
            className="project-edit__create"
            type="primary"
            shape="round"
            size="large"
            loading={saving}
            onClick={() => void create()}
          >
            创建项目
          </Button>
        </ActionBar>
      </View>
    );
  }

  if (project.loading && !p)
    return (
      <View className="page admin-page">
        <LoadingCards count={3} />
      </View>
    );
  if (project.error || !p) {
    return (
      <View className="page admin-page">
        <ErrorState message={project.error ?? '没有找到这个项目'} onRetry={() => void project.reload()} />
      </View>
    );
  }

  const category = MENU_CATEGORIES.find((c) => c.code === p.categoryCode);
  const active = ['draft', 'open', 'delivering'].includes(p.status);
  const primary = p.actions.filter((a) => a !== 'cancel');

  return (
    <View className="page admin-page project-edit">
      <View className="project-edit__hero">
        <View className="project-edit__hero-top">
          <Text className="project-edit__category">{`${category?.icon ?? ''} ${category?.name ?? ''} · ${PROJECT_LEVEL_LABELS[p.level]}`}</Text>
          <Tag tone={PROJECT_TONES[p.status]} className="project-status">
            {PROJECT_STATUS_LABELS[p.status]}
          </Tag>
        </View>
        <Text className="project-edit__title">{p.title}</Text>
        <Progress value={p.progress} />
        <View className="project-edit__facts">
          <InfoRow label="预算">
            <Text>{formatFen(p.budgetFen)}</Text>
          </InfoRow>
          <InfoRow label="地点">
            <Text>{p.place.label}</Text>
          </InfoRow>
          <InfoRow label="责任单位">
            <Text>{p.units.length ? p.units.map((u) => u.name).join('、') : '未指定'}</Text>
          </InfoRow>
          <InfoRow label="纳入需求">
            <Text>{`${p.needsCount} 个`}</Text>
          </InfoRow>
        </View>
        {p.cancelReason && <Text className="project-edit__note">{`撤销原因：${p.cancelReason}`}</Text>}
      </View>
      <Banner message={banner} />

      <EditSection
        title="项目目标"
        canEdit={p.canEdit && active}
        open={editOpen}
        onToggle={() => setEditOpen(!editOpen)}
        toggleClassName="project-edit__link"
        saveClassName="project-edit__save"
        saving={saving}
        onSave={() => void save()}
        view={<Text className="project-edit__text">{p.goal}</Text>}
      >
        <ProjectForm draft={draft} set={set} errors={errors} hasCommunity={hasCommunity} />
      </EditSection>

      <Card
        title="里程碑"
        extra={
          p.canEdit && active ? (
            <Text
              className="project-edit__link"
              onClick={() => {
                sheetForm.reset();
                setSheet('milestone');
              }}
            >
              ＋ 添加
            </Text>
          ) : undefined
        }
      >
        {p.milestones.length === 0 && (
          <Text className="project-edit__empty">还没有里程碑。按阶段添加，居民能看到进度。</Text>
        )}
        {p.milestones.map((m) => (
          <MilestoneRow
            key={m.id}
            m={m}
            canReport={p.canReport && active}
            projectId={id}
            onDone={() => void project.reload()}
          />
        ))}
      </Card>

      <Card
        title="公开进展"
        extra={
          p.canReport && p.status !== 'draft' && p.status !== 'cancelled' ? (
            <Text
              className="project-edit__link project-edit__post"
              onClick={() => {
                sheetForm.reset();
                setText('');
                setSheet('update');
              }}
            >
              ＋ 发布
            </Text>
          ) : undefined
        }
      >
        {p.updates.length === 0 && (
          <Text className="project-edit__empty">
            {p.status === 'draft' ? '立项公开后可以发布进展。' : '还没有发布进展。'}
          </Text>
        )}
        {p.updates.map((u) => (
          <View key={u.id} className="project-update">
            <Text className="project-update__text">{u.text}</Text>
            <Text className="project-update__meta">{`${u.author.name}（${ROLE_LABELS[u.author.role]}）· ${dateTime(u.at)}`}</Text>
          </View>
        ))}
      </Card>

      {p.canEdit && active && canBlow && (
        <Card title="项目吹哨" className="project-edit__whistle">
          <Text className="project-edit__empty">项目推进中遇到需要职能部门解决的问题，可吹哨请部门限时报到。</Text>
          <PlainButton
            tone="danger"
            className="project-edit__blow"
            onClick={() => void Taro.navigateTo({ url: `/packages/whistles/blow/index?projectId=${p.id}` })}
          >
            项目吹哨
          </PlainButton>
        </Card>
      )}

      {p.canEdit && (
        <Card
          title="纳入的需求"
          extra={
            active ? (
              <Text className="project-edit__link project-edit__link-needs" onClick={() => setSheet('link')}>
                ＋ 纳入
              </Text>
            ) : undefined
          }
        >
          {needs.loading && !needs.data && <Text className="project-edit__empty">加载中…</Text>}
          {needs.error && <Text className="form-field__error">{needs.error}</Text>}
          {needs.data && needs.data.items.length === 0 && (
            <Text className="project-edit__empty">还没有纳入需求。把居民反映的同类问题纳入项目，交付时一并办结。</Text>
          )}
          {needs.data?.items.map((n) => (
            <View
              key={n.needId}
              className="project-need"
              onClick={() => void Taro.navigateTo({ url: `/packages/admin/need/index?id=${n.needId}` })}
            >
              <Text className="project-need__title">{n.title}</Text>
              <Tag>{NEED_STATUS_LABELS[n.status]}</Tag>
            </View>
          ))}
        </Card>
      )}

      {p.canEdit && p.actions.length > 0 && (
        <ActionBar>
          {p.actions.includes('cancel') && (
            <PlainButton className="project-edit__cancel" tone="danger" onClick={() => void transition('cancel')}>
              撤销
            </PlainButton>
          )}
          {primary.slice(0, 2).map((a, i, shown) =>
            i === shown.length - 1 ? (
              <Button
                key={a}
                className={`project-action project-action--${a}`}
                type="primary"
                shape="round"
                size="large"
                onClick={() => void transition(a)}
              >
                {PROJECT_ACTION_LABELS[a]}
              </Button>
            ) : (
              <PlainButton
                key={a}
                className={`project-action project-action--${a}`}
                tone="brand"
                onClick={() => void transition(a)}
              >
                {PROJECT_ACTION_LABELS[a]}
              </PlainButton>
            ),
          )}
        </ActionBar>
      )}

      {sheet === 'link' && (
        <LinkSheet
          project={p}
          onClose={() => setSheet(null)}
          onLinked={() => {
            setSheet(null);
            void project.reload();
          }}
        />
      )}
      <Sheet
        open={sheet === 'cancel' || sheet === 'update' || sheet === 'milestone'}
        title={sheet === 'cancel' ? '撤销项目' : sheet === 'update' ? '发布公开进展' : '添加里程碑'}
        onClose={() => setSheet(null)}
        footer={
          <Button type="primary" shape="round" size="large" onClick={() => void submitSheet()}>
            {sheet === 'cancel' ? '确认撤销' : sheet === 'update' ? '发布' : '添加'}
          </Button>
        }
      >
        <Banner message={sheetForm.banner} />
        {sheet === 'cancel' && (
          <AreaField
            label="撤销原因"
            required
            error={sheetForm.errors.reason}
            value={text}
            onInput={setText}
            placeholder="例如：资金未落实，改由街道统一实施"
            maxlength={500}
          />
        )}
        {sheet === 'update' && (
          <AreaField
            label="进展内容"
            required
            error={sheetForm.errors.text}
            hint="本社区居民都能看到"
            value={text}
            onInput={setText}
            placeholder="例如：1–3 号楼的声控灯已安装完毕，欢迎居民反馈"
            maxlength={1000}
          />
        )}
        {sheet === 'milestone' && (
          <>
            <TextField
              label="里程碑名称"
              required
              error={sheetForm.errors.title}
              value={milestone.title}
              onInput={(title) => setMilestone({ ...milestone, title })}
              placeholder="例如：完成 1–3 号楼安装"
              maxlength={60}
            />
            <Field label="计划完成日期" required error={sheetForm.errors.due}>
              <Picker
                mode="date"
                value={milestone.due}
                onChange={(e) => setMilestone({ ...milestone, due: e.detail.value })}
              >
                <PickerValue text={milestone.due} placeholder="选择日期" />
              </Picker>
            </Field>
          </>
        )}
      </Sheet>
    </View>
  );
}
