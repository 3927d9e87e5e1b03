import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  PROJECT_ACTION_LABELS,
  ROLE_LABELS,
  addMilestoneBody,
  WHISTLE_TYPE_RULES,
  api,
  cancelProjectBody,
  createProjectBody,
  postProjectUpdateBody,
  updateProjectBody,
  type ProjectAction,
} from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { chinaDate, dateTime } from '../lib/format';
import { confirmDanger, useSubmit } from '../lib/useSubmit';
import { ActionBar, Banner, Card, PlainButton } from '../components/ui';
import { EditSection } from '../components/form';
import { LinkedNeeds } from './LinkedNeeds';
import { LinkSheet } from './LinkSheet';
import { MilestoneRow } from './Milestones';
import { EMPTY, ProjectForm, bodyOf, fromProject, type Draft } from './ProjectForm';
import { ProjectHero } from './ProjectHero';
import { ProjectSheet } from './ProjectSheet';
import '../components/ui.scss';
import './index.scss';

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
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const { errors, banner, setBanner, saving, validate, send, edited } = useSubmit();
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
  // A changed field loses its message (and the banner with the last one).
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    edited(...Object.keys(patch));
  };
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

  const active = ['draft', 'open', 'delivering'].includes(p.status);
  const primary = p.actions.filter((a) => a !== 'cancel');

  return (
    <View className="page admin-page project-edit">
      <ProjectHero p={p} />
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
        <LinkedNeeds projectId={id} needsCount={p.needsCount} active={active} onLink={() => setSheet('link')} />
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
      <ProjectSheet
        sheet={sheet === 'cancel' || sheet === 'update' || sheet === 'milestone' ? sheet : null}
        form={sheetForm}
        text={text}
        setText={setText}
        milestone={milestone}
        setMilestone={setMilestone}
        onClose={() => setSheet(null)}
        onSubmit={() => void submitSheet()}
      />
    </View>
  );
}
