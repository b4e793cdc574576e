import type { JqlCheck, ServiceDesk, SiteField, SitePriority } from '../model/tracker';
import { JiraCalls } from './calls';
import { pageValues } from './directory';

/**
 * What the site offers to choose from (priorities, service desks, fields) and JQL checks: read-only calls the
 * admin page uses to validate settings against this site before saving them.
 */

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export abstract class JiraSiteCalls extends JiraCalls {
  async serviceDesks(): Promise<ServiceDesk[]> {
    return this.jsmAll(
      'get service desks',
      (page) => this.sd.serviceDesk.getServiceDesks<unknown>(page),
      (d): ServiceDesk => ({
        id: str(obj(d).id),
        projectKey: str(obj(d).projectKey),
        projectName: str(obj(d).projectName),
      }),
    );
  }

  /**
   * GET /rest/api/3/priority: deprecated in favour of the paged /priority/search, but the one list that is
   * exactly the site's priorities in order, and what jira.js 5.4 offers without paging.
   */
  async priorities(): Promise<SitePriority[]> {
    const list = await this.call('get priorities', () => this.v3.issuePriorities.getPriorities<unknown>());
    return (Array.isArray(list) ? list : pageValues(list).values).map((p) => ({
      id: str(obj(p).id),
      name: str(obj(p).name),
    }));
  }

  async siteFields(): Promise<SiteField[]> {
    return (await this.fields.all()).map(({ id, name, custom, type }) => ({ id, name, custom, type }));
  }

  /** Strict validation: every error Jira finds, checked as the transport's identity (as a search would be). */
  async checkJql(queries: string[]): Promise<JqlCheck[]> {
    if (queries.length === 0) return [];
    const body = obj(
      await this.call('parse JQL', () => this.v3.jql.parseJqlQueries<unknown>({ validation: 'strict', queries })),
    );
    const parsed = Array.isArray(body.queries) ? body.queries : [];
    return queries.map((query, i) => {
      const q = obj(parsed[i]);
      const errors = Array.isArray(q.errors) ? q.errors.map(str) : [];
      return { query, errors, ordered: obj(q.structure).orderBy !== undefined };
    });
  }
}
