import type { App } from '../../kernel/http/types.js';
import { Timeline, TimelineQuery } from './timeline.contract.js';
import { communityTimeline } from './timeline.service.js';

/** The community's public co-building timeline (issue 12 point 9, decision 041), for residents on /m and staff. */
export async function timelineRoutes(app: App): Promise<void> {
  app.get(
    '/api/co-building/timeline',
    {
      config: { access: { permission: 'coBuilding.timeline' } },
      schema: {
        tags: ['co-building'],
        summary: 'Public timeline of a community: need → match → project → outcome → rating; challenges',
        querystring: TimelineQuery,
        response: { 200: Timeline },
      },
    },
    async (req) => communityTimeline(req.ctx(), req.query),
  );
}
