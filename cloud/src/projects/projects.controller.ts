import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { ProjectNeedsService } from './project-needs.service';
import { ProjectsService } from './projects.service';

const {
  listProjects,
  getProject,
  createProject,
  updateProject,
  openProject,
  startProject,
  cancelProject,
  deliverProject,
  addMilestone,
  updateMilestone,
  postProjectUpdate,
  listProjectUpdates,
  linkNeeds,
  unlinkNeed,
  listProjectNeeds,
} = api.projects;

/** 项目清单: public-benefit projects built from needs. */
@Controller('/')
export class ProjectsController {
  @Inject()
  projects!: ProjectsService;

  @Inject()
  projectNeeds!: ProjectNeedsService;

  @Handle(listProjects)
  async listProjects({ user, query }: Call<typeof listProjects>) {
    return this.projects.listProjects(user, query);
  }

  @Handle(getProject)
  async getProject({ user, params }: Call<typeof getProject>) {
    return this.projects.showProject(user, params.id);
  }

  @Handle(createProject)
  async createProject({ user, body, keyedId }: Call<typeof createProject>) {
    return this.projects.createProject(user, body, keyedId);
  }

  @Handle(updateProject)
  async updateProject({ user, params, body }: Call<typeof updateProject>) {
    return this.projects.updateProject(user, params.id, body);
  }

  @Handle(openProject)
  async openProject({ user, params, body }: Call<typeof openProject>) {
    return this.projects.changeStatus(user, params.id, 'open', body.note);
  }

  @Handle(startProject)
  async startProject({ user, params, body }: Call<typeof startProject>) {
    return this.projects.changeStatus(user, params.id, 'start', body.note);
  }

  @Handle(cancelProject)
  async cancelProject({ user, params, body }: Call<typeof cancelProject>) {
    return this.projects.changeStatus(user, params.id, 'cancel', body.reason);
  }

  @Handle(deliverProject)
  async deliverProject({ user, params, body }: Call<typeof deliverProject>) {
    return this.projectNeeds.deliverProject(user, params.id, body.note);
  }

  @Handle(addMilestone)
  async addMilestone({ user, params, body, keyedId }: Call<typeof addMilestone>) {
    return this.projects.addMilestone(user, params.id, body, keyedId);
  }

  @Handle(updateMilestone)
  async updateMilestone({ user, params, body }: Call<typeof updateMilestone>) {
    return this.projects.updateMilestone(user, params.id, params.milestoneId, body);
  }

  @Handle(postProjectUpdate)
  async postProjectUpdate({ user, params, body, keyedId }: Call<typeof postProjectUpdate>) {
    return this.projects.postProjectUpdate(user, params.id, body, keyedId);
  }

  @Handle(listProjectUpdates)
  async listProjectUpdates({ user, params, query }: Call<typeof listProjectUpdates>) {
    return this.projects.listProjectUpdates(user, params.id, query.page, query.pageSize);
  }

  @Handle(linkNeeds)
  async linkNeeds({ user, params, body }: Call<typeof linkNeeds>) {
    return this.projectNeeds.linkNeeds(user, params.id, body.needIds);
  }

  @Handle(unlinkNeed)
  async unlinkNeed({ user, params }: Call<typeof unlinkNeed>) {
    return this.projectNeeds.unlinkNeed(user, params.id, params.needId);
  }

  @Handle(listProjectNeeds)
  async listProjectNeeds({ user, params, query }: Call<typeof listProjectNeeds>) {
    return this.projectNeeds.listProjectNeeds(user, params.id, query.page, query.pageSize);
  }
}
